import { sql } from 'kysely'
import { createDb, type DB } from '#db/client.ts'
import { getEnv } from '#app/lib/env.server.ts'

declare global {
  // One connection per process, kept across dev rebuilds.
  var __mitraDb: DB | undefined
}

export function getDb(): DB {
  globalThis.__mitraDb ??= createDb(getEnv().databasePath).db
  return globalThis.__mitraDb
}

/** Tests point the app at their own database file. */
export function setDb(db: DB | undefined) {
  globalThis.__mitraDb = db
}

/** Whether the database answers a trivial query (the health check); throws when it does not. */
export async function pingDb(): Promise<void> {
  await sql`select 1`.execute(getDb())
}
