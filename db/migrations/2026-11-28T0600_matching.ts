import { type Kysely, sql } from 'kysely'
import { integerType } from '../dialect.ts'

// Matching (issue 4): proposals between an offer and a program need, agreements (kerja sama)
// that reserve offer capacity and need quantity, outcomes (counts only) and yearly targets.
// Candidate queries use the partners migration's indexes: offers(kind, status, valid_until),
// offer_sectors(sector_id, offer_id), offer_provinces(province_id, offer_id),
// program_needs(kind, needed_by), programs(status, sector_id). See docs/decisions/007-matching.md.
const KINDS = sql`('capital','training','expert','absorption','publication')`

export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  // A partner shows what its agreements delivered on its public profile only when it opts in.
  await db.schema
    .alterTable('partners')
    .addColumn('impact_public', int, (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('program_needs_open_idx')
    .on('program_needs')
    .columns(['kind', 'program_id'])
    .where(sql.ref('quantity_covered'), '<', sql.ref('quantity'))
    .execute()

  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id'))
    .addColumn('need_id', 'text', (c) => c.notNull().references('program_needs.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('quantity', int, (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('message', 'text')
    .addColumn('proposed_by_side', 'text', (c) => c.notNull().check(sql`proposed_by_side in ('partner','upt')`))
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('proposed')
        .check(sql`status in ('proposed','accepted','declined','expired','withdrawn')`),
    )
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('agreement_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('proposals_partner_idx')
    .on('proposals')
    .columns(['partner_id', 'status', 'created_at'])
    .execute()
  await db.schema.createIndex('proposals_upt_idx').on('proposals').columns(['upt_id', 'status', 'created_at']).execute()
  await db.schema.createIndex('proposals_pair_idx').on('proposals').columns(['offer_id', 'need_id', 'status']).execute()

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('proposal_id', 'text', (c) => c.notNull().unique().references('proposals.id'))
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id'))
    .addColumn('need_id', 'text', (c) => c.notNull().references('program_needs.id'))
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ${KINDS}`))
    .addColumn('quantity', int, (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('pks_number', 'text')
    .addColumn('pks_document_url', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','completed','cancelled')`),
    )
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema.createIndex('agreements_partner_idx').on('agreements').columns(['partner_id', 'status']).execute()
  await db.schema.createIndex('agreements_upt_idx').on('agreements').columns(['upt_id', 'status']).execute()
  await db.schema.createIndex('agreements_offer_idx').on('agreements').column('offer_id').execute()
  await db.schema.createIndex('agreements_need_idx').on('agreements').column('need_id').execute()

  await db.schema
    .createTable('outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('agreement_id', 'text', (c) => c.references('agreements.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    // Support kind of the agreement (null: the program's own result, without a partner).
    .addColumn('kind', 'text', (c) => c.check(sql`kind is null or kind in ${KINDS}`))
    .addColumn('metric', 'text', (c) =>
      c.notNull().check(sql`metric in ('trained','certified','expert_days','capital','units_absorbed','publication')`),
    )
    .addColumn('count', int, (c) => c.notNull().check(sql`count >= 0`))
    .addColumn('value_rupiah', int, (c) => c.check(sql`value_rupiah is null or value_rupiah >= 0`))
    .addColumn('capital_form', 'text', (c) => c.check(sql`capital_form is null or capital_form in ('money','goods')`))
    .addColumn('certifying_body', 'text')
    .addColumn('link', 'text')
    .addColumn('channel', 'text')
    .addColumn('reach', int, (c) => c.check(sql`reach is null or reach >= 0`))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('outcomes_date_idx').on('outcomes').columns(['occurred_on', 'metric']).execute()
  await db.schema.createIndex('outcomes_upt_idx').on('outcomes').columns(['upt_id', 'occurred_on']).execute()
  await db.schema.createIndex('outcomes_agreement_idx').on('outcomes').column('agreement_id').execute()
  await db.schema.createIndex('outcomes_partner_idx').on('outcomes').columns(['partner_id', 'metric']).execute()
  await db.schema.createIndex('outcomes_program_idx').on('outcomes').column('program_id').execute()

  await db.schema
    .createTable('realisation_targets')
    .addColumn('year', int, (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull().check(sql`scope_type in ('national','kanwil','upt')`))
    // '' for national, else the Kanwil or UPT id (text so the primary key stays portable).
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull().check(sql`metric in ('trained','certified')`))
    .addColumn('target', int, (c) => c.notNull().check(sql`target > 0`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('realisation_targets_pk', ['year', 'scope_type', 'scope_id', 'metric'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['realisation_targets', 'outcomes', 'agreements', 'proposals'])
    await db.schema.dropTable(t).ifExists().execute()
  await db.schema.dropIndex('program_needs_open_idx').ifExists().execute()
  await db.schema.alterTable('partners').dropColumn('impact_public').execute()
}
