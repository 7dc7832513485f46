import type { DB } from '#db/client.ts'

/**
 * The one transaction rule (docs/CONVENTIONS.md, "Transactions"): a domain writer takes `db` and
 * does its work in `inTransaction(db, async (trx) => …)`. Given the plain handle it opens a
 * transaction (IMMEDIATE on SQLite); given a transaction (another writer's `trx`, a seed's, a
 * test's) it joins it, so writers compose and commit or roll back as one. Routes, `app/web`
 * and integrations never open one.
 *
 * The work may run more than once (on PostgreSQL a serialization failure re-runs the whole
 * transaction), so it changes nothing outside the database: emails are queued (`queueEmail`) and
 * delivered after commit, files are written before or after, and nothing is pushed to an array
 * or counter that outlives the callback. On PostgreSQL a transaction is SERIALIZABLE unless the
 * writer asks for `isolation: 'repeatable read'` (checkout does, ADR 018); SQLite ignores it.
 */
export function inTransaction<T>(
  db: DB,
  work: (trx: DB) => Promise<T>,
  options: { isolation?: 'repeatable read' } = {},
): Promise<T> {
  if (db.isTransaction) return work(db)
  const builder = db.transaction()
  return (options.isolation ? builder.setIsolationLevel(options.isolation) : builder).execute(work)
}
