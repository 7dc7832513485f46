import { createDb, migrateToLatest } from './client.ts'

const { db, label: file } = createDb(process.env.DATABASE_URL)
try {
  const { results } = await migrateToLatest(db)
  const applied = (results ?? []).filter((r) => r.status === 'Success')
  console.log(
    applied.length
      ? `Migrated ${file}: ${applied.map((r) => r.migrationName).join(', ')}`
      : `Database ${file} is up to date`,
  )
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await db.destroy()
}
