/**
 * `npm start`: check the environment, migrate, seed (demo mode: demo data into an empty
 * database), build, serve. Any configuration problem stops start-up with one line.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'
import { connectionProblem, createDb, DatabaseUrlError, migrateToLatest } from '../db/client.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../db/seed/demo.ts'
import { seedAll } from '../db/seed/index.ts'
import { EnvError, modeFrom, parseEnv } from '../app/lib/env.server.ts'
import { storageFor } from '../app/integrations/storage/index.server.ts'
import { startMocks } from '../server/mocks.ts'
import { log } from '../app/lib/log.server.ts'

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')

// What start-up says goes to the log (JSON lines), except two things meant for the person at the
// terminal: why it cannot start (one plain line on stderr, before the configuration, LOG_LEVEL
// included, is known to be good) and, in demo mode, the banner of demo accounts.
function fail(message: string): never {
  // eslint-disable-next-line no-console -- one plain line for the person starting it
  console.error(`Mitra Lipas cannot start: ${message}`)
  process.exit(1)
}

async function main() {
  process.env.MITRA_MODE = modeFrom(process.env)
  let env
  try {
    env = parseEnv()
  } catch (error) {
    if (error instanceof EnvError || error instanceof DatabaseUrlError) fail(error.message)
    throw error
  }

  // The demo seed may write its photos to the mock bucket: msw answers from here on.
  if (env.mocks) await startMocks()
  // Every instance must reach the same upload storage; a wrong bucket, endpoint or key stops here.
  const storage = storageFor(env.storage)
  try {
    await storage.check()
  } catch (error) {
    fail(
      `upload storage ${storage.location} cannot be used: ${String((error as Error).message || (error as Error).name).replace(/\s+/g, ' ')}`,
    )
  }

  let handle
  try {
    handle = createDb(env.databasePath)
  } catch (error) {
    fail((error as Error).message)
  }
  try {
    await migrateToLatest(handle.db)
    const seeded = await seedAll(handle.db, { demo: env.mode === 'demo', encryptionKey: env.encryptionKey })
    log.info(`Database ${handle.label}: migrated; ${seeded.upts} UPTs${seeded.demo ? '; demo data seeded' : ''}`)
  } catch (error) {
    fail(
      `database ${handle.label} ${connectionProblem(error) ? 'cannot be reached' : 'failed'}: ${(error as Error).message}`,
    )
  } finally {
    await handle?.db.destroy()
  }

  if (process.env.SKIP_BUILD !== '1' || !fs.existsSync(path.join(root, 'build/index.js'))) {
    log.info('Building the app (remix build)…')
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (r.status !== 0) fail('remix build failed (see above)')
  }

  // Demo mode still serves the optimised production build of React and Remix.
  process.env.NODE_ENV = 'production'
  const { startServer } = await import('../server/index.ts')
  await startServer()

  if (env.mode === 'demo') {
    /* eslint-disable no-console -- the demo's accounts, printed for the person who started it */
    console.log('\nDemo accounts (password for all: %s)', DEMO_PASSWORD)
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(34)} ${a.label}`)
    console.log(`TOTP secret for the admin and finance accounts: ${DEMO_TOTP_SECRET}`)
    console.log(`Emails land in the outbox: ${env.appUrl}/dev/outbox\n`)
    /* eslint-enable no-console */
  }
}

main().catch((error) => fail((error as Error).message))
