import type { Kysely } from 'kysely'
import { autonomousOf } from './client.ts'
import type { Database } from './schema.ts'

/**
 * The next order number of a year (`order_counters`).
 *
 * SQLite: inside the caller's IMMEDIATE transaction, so numbers have no gaps (a rolled-back
 * checkout gives its number back).
 *
 * PostgreSQL: in a statement of its own that commits at once (a separate small pool), so that
 * concurrent checkouts never meet on this one hot row inside their SERIALIZABLE transactions
 * (they would all but one fail and retry). Numbers stay unique and increasing, but a checkout
 * that then fails (out of stock, retried after a serialization failure, crash) leaves a gap:
 * ML-2026-000041 may be followed by ML-2026-000043. Nothing reads meaning into the gaps.
 */
export async function nextOrderCounter(trx: Kysely<Database>, year: number): Promise<number> {
  const handle = autonomousOf(trx) ?? trx
  const row = await handle
    .insertInto('order_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('order_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow()
  return row.last
}
