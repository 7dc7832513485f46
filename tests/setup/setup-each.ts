import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, vi } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { setDb } from '#app/web/db.server.ts'
import { resetEnvCache } from '#app/lib/env.server.ts'
import { server } from '#tests/mocks/server.ts'
import { installTestLogSink } from '#tests/support/logs.ts'
import { BASE_DB, TMP } from './paths.ts'

// Each vitest worker gets its own database file, fresh from the migrated base before every test.
const workerFile = path.join(TMP, `worker-${process.env.VITEST_POOL_ID ?? process.pid}.db`)
let current: DB | undefined

server.listen({ onUnhandledRequest: 'error' })

beforeEach(async () => {
  resetEnvCache()
  if (current) await current.destroy()
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(workerFile + suffix, { force: true })
  fs.copyFileSync(BASE_DB, workerFile)
  current = createDb(workerFile).db
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
})

export function testDb(): DB {
  if (!current) throw new Error('testDb() is only available inside a test')
  return current
}
