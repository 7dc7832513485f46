import fs from 'node:fs'
import { createSqliteDb, migrateToLatest } from '#db/client.ts'
import { seedReference } from '#db/seed/reference.ts'
import { BASE_DB, TMP } from './paths.ts'

/** Builds the base database once per run: migrated, reference data seeded, no demo data. */
export default async function setup() {
  fs.mkdirSync(TMP, { recursive: true })
  for (const f of fs.readdirSync(TMP)) if (/^(base|worker-)/.test(f)) fs.rmSync(`${TMP}/${f}`, { force: true })
  const { db, sqlite } = createSqliteDb(BASE_DB)
  await migrateToLatest(db)
  await seedReference(db)
  // A single self-contained file: fold the WAL in so a plain file copy is a full database.
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.pragma('journal_mode = DELETE')
  await db.destroy()
}
