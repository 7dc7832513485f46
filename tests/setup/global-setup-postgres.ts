import type { TestProject } from 'vitest/node'
import { createDb, migrateToLatest } from '#db/client.ts'
import { seedReference } from '#db/seed/reference.ts'
import { createDatabase, startPostgres } from '#tests/support/postgres.ts'
import { PG_TEMPLATE } from './paths.ts'

/**
 * The integration suite on PostgreSQL: a throwaway cluster (or TEST_DATABASE_URL's server), and
 * the template every test's database is created from: migrated, reference data seeded, no demo
 * data — what the SQLite setup's base file holds.
 */
export default async function setup(project: TestProject) {
  const server = await startPostgres()
  try {
    const { db } = createDb(await createDatabase(server, PG_TEMPLATE))
    await migrateToLatest(db)
    await seedReference(db)
    await db.destroy()
  } catch (error) {
    await server.stop()
    throw error
  }
  project.provide('pgServerUrl', server.url)
  return async () => {
    await server.stop()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string
  }
}
