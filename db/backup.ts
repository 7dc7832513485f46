/**
 * `npm run db:backup -- [target]`: a consistent backup of the live database, safe while servers run.
 *
 * SQLite: an online backup of the file, checked with `PRAGMA integrity_check`. Default target:
 * ./data/backups/portal-<UTC timestamp>.db.
 *
 * PostgreSQL (`DATABASE_URL=postgres://…`): `pg_dump --format=custom` (one consistent snapshot;
 * restore with `pg_restore --clean --if-exists -d <url> <file>`), checked by listing the archive
 * with `pg_restore --list`. Needs the PostgreSQL client tools of the server's major version or
 * newer (Debian: `apt-get install postgresql-client`). Default target:
 * ./data/backups/portal-<UTC timestamp>.dump. A dump is a point in time; for recovery to any
 * moment use the server's continuous archiving (docs/operations.md).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { describeDatabase, isPostgresUrl, resolveDatabasePath } from './client.ts'
import { log } from '../app/lib/log.server.ts'

const stamp = new Date().toISOString().replace(/[:.]/g, '-')

function clientTool(name: string): string | null {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim()
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return null
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', name)))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(root, versions[0], 'bin', name) : null
}

function backupPostgres(url: string) {
  const target = path.resolve(process.argv[2] ?? path.join('data', 'backups', `portal-${stamp}.dump`))
  const pgDump = clientTool('pg_dump')
  const pgRestore = clientTool('pg_restore')
  if (!pgDump || !pgRestore) {
    throw new Error(
      'pg_dump and pg_restore are not installed here (Debian: apt-get install postgresql-client). ' +
        "Alternatively rely on the database service's own backups with point-in-time recovery (docs/operations.md).",
    )
  }
  fs.mkdirSync(path.dirname(target), { recursive: true })
  // The URL goes in the environment-free argument list of a child process, never into logs.
  const dump = spawnSync(pgDump, ['--format=custom', '--no-owner', '--file', target, '--dbname', url], {
    encoding: 'utf8',
  })
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr.trim() || dump.error?.message}`)
  const list = execFileSync(pgRestore, ['--list', target], { encoding: 'utf8' })
  const tables = list.split('\n').filter((l) => / TABLE DATA /.test(l)).length
  if (tables === 0) throw new Error(`the dump ${target} holds no table data`)
  log.info(
    { target, bytes: fs.statSync(target).size, tables },
    `Backed up ${describeDatabase(url)} -> ${target} (${tables} tables, archive readable)`,
  )
}

async function backupSqlite(source: string) {
  const target = path.resolve(process.argv[2] ?? path.join(path.dirname(source), 'backups', `portal-${stamp}.db`))
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const db = new SQLite(source, { readonly: true, fileMustExist: true })
  try {
    await db.backup(target)
    const copy = new SQLite(target, { readonly: true })
    const check = copy.pragma('integrity_check', { simple: true })
    copy.close()
    if (check !== 'ok') throw new Error(`integrity_check on the copy said: ${check}`)
    log.info({ source, target, bytes: fs.statSync(target).size }, `Backed up ${source} -> ${target} (integrity ok)`)
  } finally {
    db.close()
  }
}

try {
  const source = resolveDatabasePath(process.env.DATABASE_URL)
  if (isPostgresUrl(source)) backupPostgres(source)
  else await backupSqlite(source)
} catch (error) {
  log.error({ err: error }, `Backup failed: ${(error as Error).message}`)
  process.exitCode = 1
}
