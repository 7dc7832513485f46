import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createDb, isPostgresUrl, migrateToLatest } from '#db/client.ts'
import { seedAll } from '#db/seed/index.ts'
import { parseEnv } from '#app/lib/env.server.ts'
import { freePort } from '../free-port.ts'
import { ROOT, TMP } from '../setup/paths.ts'

export interface BuiltServer {
  baseURL: string
  port: number
  /** the SQLite file or PostgreSQL URL the server uses (tests may open it to check what was written) */
  dbFile: string
  logFile: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Shop limits of the test servers: generous, since every request comes from one IP. */
export const TEST_SERVER_SHOP_LIMITS = {
  ordersPerIp: 100_000,
  ordersPerEmail: 100_000,
  windowMinutes: 60,
  guestMaxUnits: 999,
}

/** A fresh database at `file`: migrated, reference data and (by default) the demo seeded. */
export async function freshDatabase(file: string, opts: { demo?: boolean; uploadDir?: string } = {}) {
  // A PostgreSQL URL names a database the caller has just created empty; a path is a SQLite file.
  if (!isPostgresUrl(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
  }
  // The demo seed writes product photos where the server will read them.
  if (opts.uploadDir) process.env.UPLOAD_DIR = opts.uploadDir
  const parsed = parseEnv({ ...process.env, MITRA_MODE: 'demo' })
  const { db } = createDb(file)
  await migrateToLatest(db)
  await seedAll(db, { demo: opts.demo ?? true, encryptionKey: parsed.encryptionKey })
  // Every journey and contract test reaches the server from 127.0.0.1, where real buyers each have
  // their own address: the shop's per-IP and per-email order limits are raised for these servers.
  // Tests of the limits (tests/http/shop-limits.test.ts) set their own and put these back.
  const now = new Date().toISOString()
  for (const [key, value] of Object.entries(TEST_SERVER_SHOP_LIMITS)) {
    await db.insertInto('shop_settings').values({ key, value, updated_by: null, updated_at: now }).execute()
  }
  await db.destroy()
}

/**
 * The production build (`build/index.js`) served by server/index.ts on a free port, as a user
 * or a payment provider would reach it: real HTTP, real status codes and headers.
 */
export async function startBuiltServer(opts: {
  name: string
  dbFile: string
  env?: Record<string, string | undefined>
}): Promise<BuiltServer> {
  if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('No build: run `npm run build` first')
  const port = await freePort()
  const baseURL = `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MITRA_MODE: 'demo',
    NODE_ENV: 'production',
    DATABASE_URL: opts.dbFile,
    PORT: String(port),
    APP_URL: baseURL,
    MOCKS: 'true',
    UPLOAD_DIR: path.join(TMP, `${opts.name}-uploads`),
    PAGE_CACHE_SECONDS: '0',
    LOG_LEVEL: 'warn',
    // Every test request comes from 127.0.0.1: the open-data API's per-IP limit is raised here;
    // tests/http/opendata-rate-limit.test.ts starts a server with a low one.
    OPEN_DATA_RATE_LIMIT: '1000000',
    ...opts.env,
  }
  fs.mkdirSync(TMP, { recursive: true })
  const logFile = path.join(TMP, `${opts.name}-server.log`)
  const log = fs.createWriteStream(logFile)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/index.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const r = await fetch(`${baseURL}/healthz`)
      if (r.ok) break
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`Server ${opts.name} exited early; see ${logFile}`)
    if (Date.now() > deadline)
      throw new Error(`Server ${opts.name} did not answer /healthz within 60 s; see ${logFile}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    baseURL,
    port,
    dbFile: opts.dbFile,
    logFile,
    child,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}
