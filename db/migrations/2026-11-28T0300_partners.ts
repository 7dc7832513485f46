import { type Kysely, sql } from 'kysely'
import { integerType } from '../dialect.ts'

// Partners (profile, provinces, sectors), support-kind settings, programs with needs, offers.
// Matching (issue 4) reads offers/program_needs through the indexes below; see
// docs/decisions/004-offers-and-needs.md.
const KINDS = sql`('capital','training','expert','absorption','publication')`

const DEFAULT_ALLOWED: [string, string, string[]][] = [
  ['security_level', 'super_maximum', ['expert']],
  ['security_level', 'maximum', ['expert', 'training']],
  ['security_level', 'medium', ['training', 'expert', 'capital', 'absorption']],
  ['security_level', 'minimum', ['capital', 'training', 'expert', 'absorption', 'publication']],
  ['upt_type', 'lapas', ['capital', 'training', 'expert', 'absorption', 'publication']],
  ['upt_type', 'rutan', ['capital', 'training', 'expert', 'absorption', 'publication']],
  ['upt_type', 'lpka', ['training', 'expert', 'publication']],
  ['upt_type', 'bapas', ['capital', 'training', 'expert', 'absorption', 'publication']],
]

export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .alterTable('partners')
    .addColumn('national', int, (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('partners').addColumn('nib', 'text').execute()
  await db.schema.alterTable('partners').addColumn('npwp', 'text').execute()
  await db.schema.alterTable('partners').addColumn('website', 'text').execute()
  await db.schema.alterTable('partners').addColumn('status_reason', 'text').execute()
  await db.schema.alterTable('partners').addColumn('verified_at', 'text').execute()
  await db.schema.createIndex('partners_status_idx').on('partners').columns(['status', 'name']).execute()

  await db.schema
    .createTable('partner_provinces')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addPrimaryKeyConstraint('partner_provinces_pk', ['partner_id', 'province_id'])
    .execute()
  await db.schema
    .createIndex('partner_provinces_province_idx')
    .on('partner_provinces')
    .columns(['province_id', 'partner_id'])
    .execute()
  await db.schema
    .createTable('partner_sectors')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sectors.id'))
    .addPrimaryKeyConstraint('partner_sectors_pk', ['partner_id', 'sector_id'])
    .execute()
  await db.schema
    .createIndex('partner_sectors_sector_idx')
    .on('partner_sectors')
    .columns(['sector_id', 'partner_id'])
    .execute()

  await db.schema
    .createTable('support_kind_settings')
    .addColumn('scope_type', 'text', (c) => c.notNull().check(sql`scope_type in ('security_level','upt_type')`))
    .addColumn('scope_value', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ${KINDS}`))
    .addColumn('allowed', int, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('support_kind_settings_pk', ['scope_type', 'scope_value', 'kind'])
    .execute()
  const now = new Date().toISOString()
  for (const [scopeType, value, allowed] of DEFAULT_ALLOWED) {
    for (const kind of ['capital', 'training', 'expert', 'absorption', 'publication']) {
      await db
        .insertInto('support_kind_settings')
        .values({
          scope_type: scopeType,
          scope_value: value,
          kind,
          allowed: allowed.includes(kind) ? 1 : 0,
          updated_at: now,
          updated_by: null,
        })
        .execute()
    }
  }

  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sectors.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('participants', int, (c) => c.notNull().check(sql`participants >= 0`))
    .addColumn('eligibility_rule', 'text')
    .addColumn('schedule', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','active','paused','ended')`),
    )
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('programs_upt_idx').on('programs').columns(['upt_id', 'status']).execute()
  await db.schema.createIndex('programs_status_idx').on('programs').columns(['status', 'sector_id']).execute()

  await db.schema
    .createTable('program_needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ${KINDS}`))
    .addColumn('quantity', int, (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('needed_by', 'text')
    .addColumn('quantity_covered', int, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`quantity_covered >= 0 and quantity_covered <= quantity`),
    )
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('program_needs_program_idx').on('program_needs').column('program_id').execute()
  await db.schema.createIndex('program_needs_kind_idx').on('program_needs').columns(['kind', 'needed_by']).execute()

  await db.schema
    .createTable('offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ${KINDS}`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','open','fully_committed','closed','expired')`),
    )
    .addColumn('national', int, (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('capacity_total', int, (c) => c.notNull().check(sql`capacity_total > 0`))
    .addColumn('capacity_remaining', int, (c) =>
      c.notNull().check(sql`capacity_remaining >= 0 and capacity_remaining <= capacity_total`),
    )
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute()
  await db.schema.createIndex('offers_match_idx').on('offers').columns(['kind', 'status', 'valid_until']).execute()
  await db.schema.createIndex('offers_partner_idx').on('offers').columns(['partner_id', 'status']).execute()
  await db.schema
    .createTable('offer_sectors')
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id'))
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sectors.id'))
    .addPrimaryKeyConstraint('offer_sectors_pk', ['offer_id', 'sector_id'])
    .execute()
  await db.schema
    .createIndex('offer_sectors_sector_idx')
    .on('offer_sectors')
    .columns(['sector_id', 'offer_id'])
    .execute()
  await db.schema
    .createTable('offer_provinces')
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id'))
    .addColumn('province_id', 'text', (c) => c.notNull().references('provinces.id'))
    .addPrimaryKeyConstraint('offer_provinces_pk', ['offer_id', 'province_id'])
    .execute()
  await db.schema
    .createIndex('offer_provinces_province_idx')
    .on('offer_provinces')
    .columns(['province_id', 'offer_id'])
    .execute()
  await db.schema
    .createTable('offer_security_levels')
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id'))
    .addColumn('security_level', 'text', (c) =>
      c.notNull().check(sql`security_level in ('super_maximum','maximum','medium','minimum')`),
    )
    .addPrimaryKeyConstraint('offer_security_levels_pk', ['offer_id', 'security_level'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'offer_security_levels',
    'offer_provinces',
    'offer_sectors',
    'offers',
    'program_needs',
    'programs',
    'support_kind_settings',
    'partner_sectors',
    'partner_provinces',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
  await db.schema.dropIndex('partners_status_idx').ifExists().execute()
  for (const c of ['verified_at', 'status_reason', 'website', 'npwp', 'nib', 'national']) {
    await db.schema.alterTable('partners').dropColumn(c).execute()
  }
}
