import { type Kysely, sql } from 'kysely'
import { appendOnlyOnPostgres, integerType, isPostgres } from '../dialect.ts'

/**
 * Midtrans settlements (ADR 028): Midtrans' transfer of settled transactions to the portal's
 * collection account, booked from its settlement report. One row per report (its id is a hash of
 * the report's lines, so the same report twice is one settlement), one line per Midtrans
 * transaction (a payment is settled once: unique), and each UPT's share, append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .createTable('midtrans_settlements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bank_reference', 'text', (c) => c.notNull().unique())
    .addColumn('settled_on', 'text', (c) => c.notNull())
    .addColumn('gross', int, (c) => c.notNull())
    .addColumn('fees', int, (c) => c.notNull())
    .addColumn('net', int, (c) => c.notNull())
    .addColumn('transactions', int, (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('midtrans_settlements_sum', sql`net = gross - fees`)
    .execute()
  await db.schema
    .createTable('midtrans_settlement_lines')
    .addColumn('settlement_id', 'text', (c) => c.notNull().references('midtrans_settlements.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull().unique().references('payments.id'))
    .addColumn('midtrans_order_id', 'text', (c) => c.notNull())
    .addColumn('gross', int, (c) => c.notNull())
    .addColumn('fee', int, (c) => c.notNull())
    .addColumn('net', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('midtrans_settlement_lines_pk', ['settlement_id', 'payment_id'])
    .addCheckConstraint('midtrans_settlement_lines_sum', sql`net = gross - fee`)
    .execute()
  await db.schema
    .createTable('midtrans_settlement_allocations')
    .addColumn('settlement_id', 'text', (c) => c.notNull().references('midtrans_settlements.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('gross', int, (c) => c.notNull())
    .addColumn('fees', int, (c) => c.notNull())
    .addColumn('net', int, (c) => c.notNull())
    .addColumn('transactions', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('midtrans_settlement_allocations_pk', ['settlement_id', 'upt_id'])
    .addCheckConstraint('midtrans_settlement_allocations_sum', sql`net = gross - fees`)
    .execute()
  await db.schema
    .createIndex('midtrans_settlement_allocations_upt')
    .on('midtrans_settlement_allocations')
    .columns(['upt_id', 'settlement_id'])
    .execute()
  for (const table of ['midtrans_settlement_lines', 'midtrans_settlement_allocations']) {
    if (isPostgres(db)) await appendOnlyOnPostgres(db, table)
    else
      for (const op of ['UPDATE', 'DELETE']) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
          )
          .execute(db)
      }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('midtrans_settlement_allocations').execute()
  await db.schema.dropTable('midtrans_settlement_lines').execute()
  await db.schema.dropTable('midtrans_settlements').execute()
}
