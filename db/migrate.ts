import { createDb, migrateToLatest } from './client.ts'
import { log } from '../app/lib/log.server.ts'

const { db, file } = createDb(process.env.DATABASE_URL)
try {
  const { results } = await migrateToLatest(db)
  const applied = (results ?? []).filter((r) => r.status === 'Success')
  log.info(
    applied.length
      ? `Migrated ${file}: ${applied.map((r) => r.migrationName).join(', ')}`
      : `Database ${file} is up to date`,
  )
} catch (error) {
  log.error({ err: error }, `Migration failed: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await db.destroy()
}
