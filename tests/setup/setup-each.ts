import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeEach, inject, vi } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { setDb } from '#app/web/db.server.ts'
import { resetEnvCache } from '#app/lib/env.server.ts'
import { server } from '#tests/mocks/server.ts'
import { installTestLogSink } from '#tests/support/logs.ts'
import { quoteIdent } from '#tests/support/postgres.ts'
import { BASE_DB, PG_TEMPLATE, TEST_ENGINE, TMP } from './paths.ts'

// Each vitest worker gets its own database, fresh before every test: on SQLite a copy of the
// migrated base file, on PostgreSQL a database created from the migrated template.
const workerId = process.env.VITEST_POOL_ID ?? String(process.pid)
const workerFile = path.join(TMP, `worker-${workerId}.db`)
const workerDatabase = `mitra_worker_${workerId}`
let current: DB | undefined
let target: string | undefined
let admin: pg.Client | undefined

server.listen({ onUnhandledRequest: 'error' })

async function freshPostgres(): Promise<string> {
  const serverUrl = inject('pgServerUrl')
  if (!admin) {
    admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
  }
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(workerDatabase)} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${quoteIdent(workerDatabase)} TEMPLATE ${quoteIdent(PG_TEMPLATE)}`)
  const u = new URL(serverUrl)
  u.pathname = `/${workerDatabase}`
  return u.toString()
}

beforeEach(async () => {
  resetEnvCache()
  if (current) await current.destroy()
  if (TEST_ENGINE === 'postgres') {
    target = await freshPostgres()
  } else {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(workerFile + suffix, { force: true })
    fs.copyFileSync(BASE_DB, workerFile)
    target = workerFile
  }
  current = createDb(target, { poolSize: 4 }).db
  setDb(current)
  // An error logged or a console.error nobody expected is a failure: tests that expect a log line
  // collect them with captureLogs() (tests/support/logs.ts); one expecting console.error spies on it.
  installTestLogSink()
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`Unexpected console.error: ${args.map(String).join(' ')}`)
  })
})

afterEach(() => {
  server.resetHandlers()
})

afterAll(async () => {
  server.close()
  await current?.destroy()
  setDb(undefined)
  await admin?.end()
})

export function testDb(): DB {
  if (!current) throw new Error('testDb() is only available inside a test')
  return current
}

/** What `createDb` opens to reach this test's database from another process: the file or the URL. */
export function testDbTarget(): string {
  if (!target) throw new Error('testDbTarget() is only available inside a test')
  return target
}

/**
 * A new, empty database of this test's engine for tests that migrate or seed from nothing: a
 * file under tests/.tmp on SQLite, a database on the test cluster on PostgreSQL.
 */
export async function scratchDatabase(name: string): Promise<string> {
  const unique = `${name}-${process.pid}`
  if (TEST_ENGINE === 'postgres') {
    const serverUrl = inject('pgServerUrl')
    const database = `mitra_${unique.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`)
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`)
    } finally {
      await client.end()
    }
    const u = new URL(serverUrl)
    u.pathname = `/${database}`
    return u.toString()
  }
  const file = path.join(TMP, `${unique}.db`)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  return file
}
