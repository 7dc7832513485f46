/**
 * Online backup of the live SQLite database (safe while the server runs): `npm run db:backup -- [target]`.
 * Default target: ./data/backups/portal-<UTC timestamp>.db. Checks the copy's integrity.
 */
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { resolveDatabasePath } from './client.ts'
import { log } from '../app/lib/log.server.ts'

const source = resolveDatabasePath(process.env.DATABASE_URL)
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
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
} catch (error) {
  log.error({ err: error }, `Backup failed: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  db.close()
}
