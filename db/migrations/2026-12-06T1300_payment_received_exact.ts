import type { Kysely } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * What a card provider reported as paid, exactly as it said it: the amount in its minor units
 * (IDR x100 at Stripe) and the currency. A payment is paid only when both are exactly the
 * order's; anything else is flagged and finance sees these two columns (issue 11, item 5).
 * Nullable: bank transfers and older rows have none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema.alterTable('payments').addColumn('received_minor', int).execute()
  await db.schema.alterTable('payments').addColumn('received_currency', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('payments').dropColumn('received_currency').execute()
  await db.schema.alterTable('payments').dropColumn('received_minor').execute()
}
