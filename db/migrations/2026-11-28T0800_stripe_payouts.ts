import { type Kysely, sql } from 'kysely'
import { appendOnlyOnPostgres, integerType, isPostgres } from '../dialect.ts'

/**
 * Stripe payouts, recorded as they arrive (webhook `payout.paid` or the API) and then allocated
 * to UPTs from the payout's balance transactions (ADR 010). Allocations are append-only.
 * Also an index for the ledger page (one UPT's journal by month).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .createTable('stripe_payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Stripe's own number (IDR in "sen", rupiah x 100); rupiah only after allocation checks it.
    .addColumn('amount_minor', int, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('arrival_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending','allocated','needs_review')`))
    .addColumn('problem', 'text')
    .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
    .addColumn('received_via', 'text', (c) => c.notNull().check(sql`received_via in ('webhook','api','demo')`))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('allocated_at', 'text')
    .execute()
  await db.schema.createIndex('stripe_payouts_state').on('stripe_payouts').columns(['state', 'arrival_date']).execute()

  await db.schema
    .createTable('stripe_payout_allocations')
    .addColumn('payout_id', 'text', (c) => c.notNull().references('stripe_payouts.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('charges', int, (c) => c.notNull())
    .addColumn('refunds', int, (c) => c.notNull())
    .addColumn('fees', int, (c) => c.notNull())
    .addColumn('net', int, (c) => c.notNull())
    .addColumn('transactions', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('stripe_payout_allocations_pk', ['payout_id', 'upt_id'])
    .addCheckConstraint('stripe_payout_allocations_sum', sql`net = charges - refunds - fees`)
    .execute()
  await db.schema
    .createIndex('stripe_payout_allocations_upt')
    .on('stripe_payout_allocations')
    .columns(['upt_id', 'payout_id'])
    .execute()
  // The ledger page lists one UPT's journal by month.
  await db.schema
    .createIndex('ledger_entries_upt_month_idx')
    .on('ledger_entries')
    .columns(['upt_id', 'month', 'day'])
    .execute()
  if (isPostgres(db)) await appendOnlyOnPostgres(db, 'stripe_payout_allocations')
  else
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER stripe_payout_allocations_no_${op.toLowerCase()} BEFORE ${op} ON stripe_payout_allocations BEGIN SELECT RAISE(ABORT, 'stripe_payout_allocations is append-only'); END`,
        )
        .execute(db)
    }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_upt_month_idx').execute()
  await db.schema.dropTable('stripe_payout_allocations').execute()
  await db.schema.dropTable('stripe_payouts').execute()
}
