import { type Kysely, PostgresAdapter, sql } from 'kysely'

/**
 * Which engine a Kysely handle (database, transaction or migration handle) talks to. The one
 * place where code may ask: migrations that need engine-specific DDL, and the few query
 * fragments in `db/sql.ts` that have no portable spelling. The domain never asks directly.
 */
export type Engine = 'sqlite' | 'postgres'

export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

export const isPostgres = (db: Kysely<any>) => engineOf(db) === 'postgres'

/**
 * The integer column type for migrations: SQLite's INTEGER already holds 64 bits; PostgreSQL's
 * `integer` holds 32 (±2.1 billion: a few large orders' worth of rupiah), so there every integer
 * column, rupiah and counts alike, is `bigint`. `pg` reads bigint back as a JS number through
 * the pool's type parser (db/client.ts), refusing anything beyond 2^53.
 */
export function integerType(db: Kysely<any>): 'integer' | 'bigint' {
  return isPostgres(db) ? 'bigint' : 'integer'
}

/**
 * PostgreSQL: make a table append-only with the trigger function `refuse_change()` (created by
 * the first migration): UPDATE and DELETE of any row and TRUNCATE raise "<table> is append-only".
 * (SQLite's migrations create their own `RAISE(ABORT, …)` triggers.)
 */
export async function appendOnlyOnPostgres(db: Kysely<any>, table: string): Promise<void> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`)
  await sql
    .raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    )
    .execute(db)
  await sql
    .raw(
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    )
    .execute(db)
}
