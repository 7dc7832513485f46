import type { Kysely } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * Email delivery with retries: every message is queued in `emails` (often inside the transaction
 * of the change it reports) and delivered after commit; failures are retried with back-off by
 * the jobs runner; a claim keeps two processes from sending the same message.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .alterTable('emails')
    .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('emails').addColumn('next_attempt_at', 'text').execute()
  await db.schema.alterTable('emails').addColumn('claimed_until', 'text').execute()
  await db.schema.createIndex('emails_due').on('emails').columns(['sent_at', 'next_attempt_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('emails_due').execute()
  for (const c of ['claimed_until', 'next_attempt_at', 'attempts'])
    await db.schema.alterTable('emails').dropColumn(c).execute()
}
