import type { Kysely } from 'kysely'

/**
 * Publication records (issue 15, item 2; ADR 025): a record of a publication agreement is an
 * outcome of metric 'publication' (count 1) whose outlet is `channel` and URL `link`, with its
 * medium and, for an exhibition or bazaar, the sales made there (integer rupiah). Nullable, so
 * outcomes recorded before keep their meaning (medium unknown).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outcomes').addColumn('medium', 'text').execute()
  await db.schema.alterTable('outcomes').addColumn('sales_rupiah', 'bigint').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outcomes').dropColumn('sales_rupiah').execute()
  await db.schema.alterTable('outcomes').dropColumn('medium').execute()
}
