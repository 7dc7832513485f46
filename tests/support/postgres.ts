/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` in a temporary folder, started
 * on a free port on 127.0.0.1, stopped and removed at the end. When this runs as root (CI), the
 * cluster runs as the `postgres` user that Debian's package creates (PostgreSQL refuses root).
 * `TEST_DATABASE_URL` (a server you run yourself; its user must be allowed to create databases)
 * skips all of this.
 *
 * Run as a script (`tsx tests/support/postgres.ts`) it starts a cluster, prints its URL and
 * keeps it until interrupted: handy for `DATABASE_URL=… npm start` on a machine without one.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import url from 'node:url'
import pg from 'pg'
import { freePort } from '../free-port.ts'

export interface PostgresServer {
  /** URL of the server's maintenance database (`postgres`), as superuser */
  url: string
  /** the same server, another database */
  urlFor(database: string): string
  /** true when this process started the cluster (and stop() removes it) */
  owned: boolean
  stop(): Promise<void>
}

const RUN_AS = 'postgres'

export function postgresBinDir(): string | null {
  const fromEnv = process.env.PG_BIN_DIR
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'initdb'))) return fromEnv
  const root = '/usr/lib/postgresql'
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin/initdb')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return path.join(root, versions[0], 'bin')
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir
  } catch {
    // no pg_config on PATH
  }
  return null
}

function withDatabase(base: string, database: string): string {
  const u = new URL(base)
  u.pathname = `/${database}`
  return u.toString()
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

function run(bin: string, args: string[], opts: { cwd: string }) {
  const cmd = isRoot() ? 'runuser' : bin
  const argv = isRoot() ? ['-u', RUN_AS, '--', bin, ...args] : args
  const r = spawnSync(cmd, argv, { cwd: opts.cwd, encoding: 'utf8' })
  if (r.status !== 0) {
    throw new Error(
      `${path.basename(bin)} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout || r.error?.message}`,
    )
  }
  return r.stdout
}

export interface StartOptions {
  /** durability as in production (fsync on). Tests turn it off: a crash of the test cluster loses nothing of value. */
  durable?: boolean
  maxConnections?: number
  /** folder to keep the cluster in (default: a new temporary folder) */
  dir?: string
}

export async function startPostgres(opts: StartOptions = {}): Promise<PostgresServer> {
  const given = process.env.TEST_DATABASE_URL?.trim()
  if (given) {
    return { url: given, urlFor: (d) => withDatabase(given, d), owned: false, stop: async () => {} }
  }
  const bin = postgresBinDir()
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and pg_config): install them (`apt-get install -y postgresql`) or set TEST_DATABASE_URL',
    )
  }
  if (isRoot()) {
    try {
      execFileSync('id', ['-u', RUN_AS], { stdio: 'ignore' })
    } catch {
      throw new Error(
        `running as root, and there is no "${RUN_AS}" user to run PostgreSQL as (PostgreSQL refuses root)`,
      )
    }
  }
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-pg-'))
  fs.mkdirSync(dir, { recursive: true })
  if (isRoot()) execFileSync('chown', ['-R', `${RUN_AS}:`, dir])
  const data = path.join(dir, 'data')
  const port = await freePort()
  // C.UTF-8: UTF-8 text with code-point order, as SQLite compares text.
  run(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'],
    { cwd: dir },
  )
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=127.0.0.1`,
    `-c max_connections=${opts.maxConnections ?? 300}`,
    `-c shared_buffers=128MB`,
    ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ]
  run(
    path.join(bin, 'pg_ctl'),
    ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings.join(' '), '-w', '-t', '60', 'start'],
    { cwd: dir },
  )
  const base = `postgres://postgres@127.0.0.1:${port}/postgres`
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { cwd: dir })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  return { url: base, urlFor: (d) => withDatabase(base, d), owned: true, stop }
}

/** Runs statements on the maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(serverUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    for (const s of statements) await client.query(s)
  } finally {
    await client.end()
  }
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** A new empty database (dropped first if it exists). */
export async function createDatabase(server: PostgresServer, name: string, template?: string): Promise<string> {
  await adminQuery(server.url, [
    `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`,
    `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`,
  ])
  return server.urlFor(name)
}

if (process.argv[1] && path.resolve(process.argv[1]) === url.fileURLToPath(import.meta.url)) {
  const server = await startPostgres({ durable: true })
  const dbUrl = await createDatabase(server, 'mitra_lipas')
  console.log(`PostgreSQL is up: DATABASE_URL=${dbUrl}\n(Ctrl-C stops it and removes its folder)`)
  const stop = () => void server.stop().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  setInterval(() => {}, 1 << 30)
}
