import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  Migrator,
  type MigrationResultSet,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type Transaction,
  type TransactionBuilder,
} from 'kysely'
import pg from 'pg'
import { type Engine, engineOf } from './dialect.ts'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'
import { log } from '../app/lib/log.server.ts'

export type DB = Kysely<Database>
export type { Engine }

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError'
}

/**
 * SQLite write transactions must begin IMMEDIATE: a deferred BEGIN that later upgrades to a
 * write lock can fail with SQLITE_BUSY without waiting on busy_timeout, losing the work.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0]
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config)
    this.#config = config
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config)
  }
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i

export function isPostgresUrl(url: string | undefined): boolean {
  return POSTGRES_URL.test((url ?? '').trim())
}

/**
 * Turns DATABASE_URL into what `createDb` opens: a `postgres://` / `postgresql://` URL is kept
 * as it is (PostgreSQL), anything else must be a SQLite file path; other schemes are explained
 * in one line. (The name is older than PostgreSQL support.)
 */
export function resolveDatabasePath(url: string | undefined): string {
  const raw = (url ?? '').trim() || './data/portal.db'
  if (raw === ':memory:') return raw
  if (POSTGRES_URL.test(raw)) {
    let parsed: URL
    try {
      parsed = new URL(raw)
    } catch {
      throw new DatabaseUrlError(
        'DATABASE_URL is not a valid PostgreSQL URL: write it as postgres://user:password@host:5432/database',
      )
    }
    if (!parsed.pathname || parsed.pathname === '/') {
      throw new DatabaseUrlError(
        'DATABASE_URL names no database: write it as postgres://user:password@host:5432/database',
      )
    }
    return raw
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !raw.startsWith('file:')) {
    const scheme = raw.split(':')[0]
    throw new DatabaseUrlError(
      `DATABASE_URL scheme "${scheme}:" is not supported: give a SQLite file path such as ./data/portal.db or a postgres:// URL`,
    )
  }
  const file = raw.startsWith('file:') ? raw.replace(/^file:(\/\/)?/, '') : raw
  if (!file || file.endsWith('/')) {
    throw new DatabaseUrlError(`DATABASE_URL "${raw}" is a folder, not a file path`)
  }
  return path.resolve(file)
}

/** The database named for logs: a file path, or a PostgreSQL URL without its password. */
export function describeDatabase(target: string): string {
  if (!POSTGRES_URL.test(target)) return target
  try {
    const u = new URL(target)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true })
    } catch (error) {
      throw new DatabaseUrlError(
        `DATABASE_URL folder ${path.dirname(file)} cannot be created: ${(error as Error).message}`,
      )
    }
  }
  let sqlite: SQLite.Database
  try {
    sqlite = new SQLite(file)
  } catch (error) {
    throw new DatabaseUrlError(`DATABASE_URL ${file} cannot be opened: ${(error as Error).message}`)
  }
  // Money lives here: durable commits, enforced foreign keys, wait rather than fail on locks.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = FULL')
  return sqlite
}

export interface SqliteHandle {
  engine: 'sqlite'
  db: DB
  sqlite: SQLite.Database
  file: string
  /** what to print in logs */
  label: string
}

export interface PostgresHandle {
  engine: 'postgres'
  db: DB
  sqlite: undefined
  file: undefined
  label: string
  pool: pg.Pool
}

export type DbHandle = SqliteHandle | PostgresHandle

/**
 * The database as Kysely's SQLite driver sees it, with each distinct SQL text prepared once:
 * the driver prepares on every query, and compiling the same statement again was a few percent
 * of every page's CPU (ADR 034). Safe to share: the driver runs one query at a time on its one
 * connection, and SQLite re-prepares a statement itself after a schema change. Bounded, since
 * texts vary with the length of `in (…)` lists.
 */
function preparingOnce(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text)
      if (!statement) {
        if (statements.size >= 1000) statements.clear()
        statement = sqlite.prepare(text)
        statements.set(text, statement)
      }
      return statement
    },
  }
}

export function createSqliteDb(file: string): SqliteHandle {
  const sqlite = openSqlite(file)
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: preparingOnce(sqlite) }) })
  return { engine: 'sqlite', db, sqlite, file, label: file }
}

/**
 * Opens the database DATABASE_URL names: a PostgreSQL URL gets a `pg` pool, anything else is a
 * SQLite file. The only place that chooses the engine.
 */
export function createDb(url?: string, options: PostgresOptions = {}): DbHandle {
  const target = resolveDatabasePath(url)
  if (POSTGRES_URL.test(target)) return createPostgresDb(target, options)
  return createSqliteDb(target)
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export interface PostgresOptions {
  /** connections in the pool (DATABASE_POOL_SIZE, default 10) */
  poolSize?: number
  /** statement_timeout in ms (DATABASE_STATEMENT_TIMEOUT_MS, default 30000; 0 = none) */
  statementTimeoutMs?: number
  /** attempts of a transaction that hits a serialization failure or deadlock (default 20) */
  transactionAttempts?: number
  /** called before a transaction is run again (tests and benchmarks count retries) */
  onRetry?: (error: Error, attempt: number) => void
}

function positiveInt(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new DatabaseUrlError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`)
  }
  return n
}

/** Pool settings from the environment, checked (one-line error) before anything connects. */
export function postgresOptionsFrom(
  source: NodeJS.ProcessEnv = process.env,
): Required<Pick<PostgresOptions, 'poolSize' | 'statementTimeoutMs'>> {
  return {
    poolSize: positiveInt('DATABASE_POOL_SIZE', source.DATABASE_POOL_SIZE, 10, 1, 1000),
    statementTimeoutMs: positiveInt(
      'DATABASE_STATEMENT_TIMEOUT_MS',
      source.DATABASE_STATEMENT_TIMEOUT_MS,
      30_000,
      0,
      3_600_000,
    ),
  }
}

/**
 * `pg` returns int8 (count, sum of integers, bigint columns) and numeric (sum of bigint) as
 * strings so as not to lose precision. Every such value here is an integer number of rupiah or
 * a count, far below 2^53: read them as numbers, and refuse loudly a value that would not fit
 * rather than round it. Set per pool, never on pg's global type table.
 */
export function exactNumber(text: string): number {
  const n = Number(text)
  if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`Database value ${text} is beyond the integers JavaScript holds exactly (2^53)`)
  }
  return n
}

const INT8 = 20
const NUMERIC = 1700
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if ((oid === INT8 || oid === NUMERIC) && format !== 'binary') return exactNumber
    return pg.types.getTypeParser(oid, format as 'text')
  }) as pg.CustomTypesConfig['getTypeParser'],
}

const RETRYABLE = new Set(['40001', '40P01']) // serialization_failure, deadlock_detected

export function isRetryableTransactionError(error: unknown): boolean {
  return RETRYABLE.has((error as { code?: string } | null)?.code ?? '')
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Roots of the transactions in progress, so a helper handed a transaction finds its pool. */
const transactionRoots = new WeakMap<object, PostgresKysely>()

/**
 * The PostgreSQL database handle. Every `db.transaction().execute(fn)` runs `fn` in a
 * SERIALIZABLE transaction (unless the caller sets another level), so the 60-odd transaction
 * bodies written for SQLite's one writer keep their meaning (a read-then-write can never
 * interleave unnoticed); a serialization failure or deadlock rolls back and runs `fn` again, up to
 * `transactionAttempts` times with a jittered back-off. A body must therefore do nothing but database work that a rollback undoes (docs/
 * decisions/018-postgresql.md lists what was checked).
 */
class PostgresKysely extends Kysely<Database> {
  readonly #attempts: number
  readonly #onRetry: PostgresOptions['onRetry']
  /** a second, small pool for statements that must not be part of the caller's transaction */
  readonly autonomous: Kysely<Database>
  constructor(pool: pg.Pool, autonomousPool: pg.Pool, options: PostgresOptions) {
    super({ dialect: new PostgresDialect({ pool }) })
    this.#attempts = options.transactionAttempts ?? 20
    this.#onRetry = options.onRetry
    this.autonomous = new Kysely<Database>({ dialect: new PostgresDialect({ pool: autonomousPool }) })
  }

  override transaction(): TransactionBuilder<Database> {
    return new RetryingTransactionBuilder(
      super.transaction().setIsolationLevel('serializable'),
      this,
    ) as unknown as TransactionBuilder<Database>
  }

  async runWithRetries<T>(
    builder: TransactionBuilder<Database>,
    callback: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await builder.execute(async (trx) => {
          transactionRoots.set(trx, this)
          return callback(trx)
        })
      } catch (error) {
        if (!isRetryableTransactionError(error) || attempt >= this.#attempts) throw error
        this.#onRetry?.(error as Error, attempt)
        await sleep(Math.random() * Math.min(500, 4 * 2 ** attempt))
      }
    }
  }

  override async destroy() {
    await super.destroy()
    await this.autonomous.destroy()
  }
}

class RetryingTransactionBuilder {
  constructor(
    private readonly inner: TransactionBuilder<Database>,
    private readonly root: PostgresKysely,
  ) {}
  setIsolationLevel(level: Parameters<TransactionBuilder<Database>['setIsolationLevel']>[0]) {
    return new RetryingTransactionBuilder(this.inner.setIsolationLevel(level), this.root)
  }
  setAccessMode(mode: Parameters<TransactionBuilder<Database>['setAccessMode']>[0]) {
    return new RetryingTransactionBuilder(this.inner.setAccessMode(mode), this.root)
  }
  execute<T>(callback: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.root.runWithRetries(this.inner, callback)
  }
}

/**
 * A handle for work that must commit on its own, outside whatever transaction `db` is: on
 * PostgreSQL a separate small pool (autocommit), on SQLite the handle itself (there the caller's
 * IMMEDIATE transaction already serialises everything, so staying inside it is the stronger
 * choice). Used for the yearly order counter (db/sequences.ts).
 */
export function autonomousOf(db: Kysely<any>): Kysely<Database> | null {
  if (db instanceof PostgresKysely) return db.autonomous
  const root = transactionRoots.get(db)
  return root ? root.autonomous : null
}

export function createPostgresDb(url: string, options: PostgresOptions = {}): PostgresHandle {
  const settings = { ...postgresOptionsFrom(), ...stripUndefined(options) }
  const common: pg.PoolConfig = {
    connectionString: url,
    types: typeParsers,
    application_name: 'mitra-lipas',
    connectionTimeoutMillis: 10_000,
    idle_in_transaction_session_timeout: 60_000,
    ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
  }
  const pool = new pg.Pool({ ...common, max: settings.poolSize })
  const autonomousPool = new pg.Pool({ ...common, max: 2 })
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool replaces it, and the next query reports the outage to its caller.
  // (A pool being closed may still hear its connections' last words: not worth a warning.)
  for (const p of [pool, autonomousPool]) {
    p.on('error', (error) => {
      if (!p.ending) log.warn({ err: error }, 'PostgreSQL connection lost')
    })
  }
  const db = new PostgresKysely(pool, autonomousPool, settings)
  return { engine: 'postgres', db, sqlite: undefined, file: undefined, label: describeDatabase(url), pool }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

// ---------------------------------------------------------------------------------------------
// Migrations and upkeep

/** Key of the session advisory lock that serialises migrators on PostgreSQL ("mitralip" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x6d697472616c6970n

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const run = async (handle: Kysely<any>) => {
    const migrator = new Migrator({ db: handle, provider: { getMigrations: async () => migrations } })
    const result = await migrator.migrateToLatest()
    if (result.error) throw result.error
    return result
  }
  if (engineOf(db) !== 'postgres') return run(db)
  // Two instances starting at once: the first to take the lock migrates, the other waits and
  // then finds nothing left to do. The lock is held on one connection for the whole run
  // (creating Kysely's own tables included, which its migrator does before its own lock).
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY.toString())}::bigint)`.execute(conn)
    try {
      return await run(conn)
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY.toString())}::bigint)`.execute(conn)
    }
  })
}

/** Periodic upkeep the server runs: folds SQLite's WAL into the file; PostgreSQL needs none. */
export async function maintainDatabase(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'sqlite') await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db)
}

/** True when an error says the database server could not be reached or refused the login. */
export function connectionProblem(error: unknown): boolean {
  const e = error as { code?: string; errors?: unknown[] } | null
  const code = e?.code ?? ''
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)$/.test(code)) return true
  if (/^(28|3D|08)/.test(code)) return true // invalid authorisation, no such database, connection exception
  return Array.isArray(e?.errors) && e.errors.some(connectionProblem) // AggregateError (IPv4 and IPv6 tried)
}
