import type { Kysely } from 'kysely'

/**
 * What an agreement was accepted on, kept with the agreement (issue 11, ADR 012): the offer's
 * terms as they stood at acceptance (for absorption: product category, unit price, units per
 * month) and the sectors it covers. A partner may edit its offer afterwards; the agreement, its
 * offtake orders and their price stay as agreed. Existing agreements take their offer's current
 * terms and sectors, the best record there is of what was agreed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agreements').addColumn('agreed_terms', 'text').execute()
  await db.schema
    .createTable('agreement_sectors')
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sectors.id'))
    .addPrimaryKeyConstraint('agreement_sectors_pk', ['agreement_id', 'sector_id'])
    .execute()
  await db
    .updateTable('agreements')
    .set((eb) => ({
      agreed_terms: eb.selectFrom('offers').select('offers.terms').whereRef('offers.id', '=', 'agreements.offer_id'),
    }))
    .execute()
  await db
    .insertInto('agreement_sectors')
    .columns(['agreement_id', 'sector_id'])
    .expression(
      db
        .selectFrom('agreements as a')
        .innerJoin('offer_sectors as os', 'os.offer_id', 'a.offer_id')
        .select(['a.id', 'os.sector_id']),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agreement_sectors').execute()
  await db.schema.alterTable('agreements').dropColumn('agreed_terms').execute()
}
