import { type Kysely, sql } from 'kysely'
import { appendOnlyOnPostgres, integerType, isPostgres } from '../dialect.ts'

// Migrations take Kysely<any> and never import app code: they must replay identically forever.
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .createTable('provinces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('island_group', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('kanwil_id', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('kanwils')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province_id', 'text', (c) => c.notNull().unique().references('provinces.id'))
    .execute()

  await db.schema
    .createTable('sectors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_id', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', int, (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('upts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('lapas','rutan','lpka','bapas')`))
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addColumn('kanwil_id', 'text', (c) => c.notNull().references('kanwils.id'))
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('upts_province_idx').on('upts').column('province_id').execute()
  await db.schema.createIndex('upts_kanwil_idx').on('upts').column('kanwil_id').execute()

  await db.schema
    .createTable('upt_status_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('class', 'text')
    .addColumn('security_level', 'text', (c) =>
      c.check(sql`security_level is null or security_level in ('super_maximum','maximum','medium','minimum')`),
    )
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema
    .createIndex('upt_status_history_upt_idx')
    .on('upt_status_history')
    .columns(['upt_id', 'effective_from'])
    .execute()

  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending','verified','rejected','suspended')`),
    )
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_enabled_at', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute()

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin','upt_staff','finance','partner_member','buyer')`),
    )
    .addColumn('kanwil_id', 'text', (c) => c.references('kanwils.id'))
    .addColumn('upt_id', 'text', (c) => c.references('upts.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('partner_role', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('role_assignments_user_idx').on('role_assignments').column('user_id').execute()
  await db.schema.createIndex('role_assignments_upt_idx').on('role_assignments').column('upt_id').execute()
  await db.schema.createIndex('role_assignments_partner_idx').on('role_assignments').column('partner_id').execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('mfa_pending', int, (c) => c.notNull().defaultTo(0))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text')
    .execute()
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_type', 'target_id']).execute()
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute()

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', int, (c) => c.notNull())
    .addColumn('count', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
    .execute()

  await db.schema
    .createTable('emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .execute()

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('kanwil_id', 'text', (c) => c.references('kanwils.id'))
    .addColumn('upt_id', 'text', (c) => c.references('upts.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('partner_role', 'text')
    .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute()

  // The audit log is append-only: the database itself refuses to change history.
  if (isPostgres(db)) {
    // One trigger function for every append-only table (audit, ledger, PNBP, payouts).
    await sql`CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END
    $$`.execute(db)
    await appendOnlyOnPostgres(db, 'audit_log')
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'invitations',
    'password_resets',
    'emails',
    'rate_limits',
    'audit_log',
    'sessions',
    'role_assignments',
    'users',
    'partners',
    'upt_status_history',
    'upts',
    'sectors',
    'kanwils',
    'provinces',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
  if (isPostgres(db)) await sql`DROP FUNCTION IF EXISTS refuse_change()`.execute(db)
}
