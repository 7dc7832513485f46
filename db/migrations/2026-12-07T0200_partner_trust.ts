import { type Kysely, sql } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * Partners taken seriously (issue 16, item 5; ADR 033):
 * - `users.email_verified_at`: when the address was confirmed by a link. Accounts that exist when
 *   this runs count as confirmed (their creation time); sign-ups after it start unconfirmed.
 * - `users.terms_version` / `terms_accepted_at`: which version of the terms and privacy policy the
 *   user accepted, and when (null: none recorded).
 * - `email_verifications`: single-use links, only the SHA-256 of the token is stored.
 * - `partner_documents`: a partner's legal documents (PDF in the upload storage); replacing one
 *   keeps the old row with `replaced_at` set.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute()
  await db.schema.alterTable('users').addColumn('terms_version', 'text').execute()
  await db.schema.alterTable('users').addColumn('terms_accepted_at', 'text').execute()
  await sql`update users set email_verified_at = created_at`.execute(db)
  await db.schema
    .createTable('email_verifications')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createIndex('email_verifications_user')
    .on('email_verifications')
    .columns(['user_id', 'created_at'])
    .execute()
  await db.schema
    .createTable('partner_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('akta', 'nib', 'npwp', 'other')`))
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text')
    .addColumn('size_bytes', int, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text')
    .execute()
  await db.schema
    .createIndex('partner_documents_partner')
    .on('partner_documents')
    .columns(['partner_id', 'kind', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('partner_documents').execute()
  await db.schema.dropTable('email_verifications').execute()
  await db.schema.alterTable('users').dropColumn('terms_accepted_at').execute()
  await db.schema.alterTable('users').dropColumn('terms_version').execute()
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute()
}
