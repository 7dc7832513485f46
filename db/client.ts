import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  Migrator,
  type MigrationResultSet,
  SqliteDialect,
  SqliteDriver,
} from 'kysely'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

export type DB = Kysely<Database>

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

/** Turns DATABASE_URL into a file path, or explains in one line why it cannot be used. */
export function resolveDatabasePath(url: string | undefined): string {
  const raw = (url ?? '').trim() || './data/portal.db'
  if (raw === ':memory:') return raw
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !raw.startsWith('file:')) {
    const scheme = raw.split(':')[0]
    throw new DatabaseUrlError(
      `DATABASE_URL scheme "${scheme}:" is not supported: give a SQLite file path such as ./data/portal.db`,
    )
  }
  const file = raw.startsWith('file:') ? raw.replace(/^file:(\/\/)?/, '') : raw
  if (!file || file.endsWith('/')) {
    throw new DatabaseUrlError(`DATABASE_URL "${raw}" is a folder, not a file path`)
  }
  return path.resolve(file)
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

export function createDb(url?: string): { db: DB; sqlite: SQLite.Database; file: string } {
  const file = resolveDatabasePath(url)
  const sqlite = openSqlite(file)
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) })
  return { db, sqlite, file }
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
  const result = await migrator.migrateToLatest()
  if (result.error) throw result.error
  return result
}
