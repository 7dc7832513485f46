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
import { EnvError, modeFrom, parseEnv } from '../app/utils/env.server.ts'

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')

function fail(message: string): never {
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

  let handle
  try {
    handle = createDb(env.databasePath)
  } catch (error) {
    fail((error as Error).message)
  }
  try {
    await migrateToLatest(handle.db)
    const seeded = await seedAll(handle.db, { demo: env.mode === 'demo', encryptionKey: env.encryptionKey })
    console.log(`Database ${handle.label}: migrated; ${seeded.upts} UPTs${seeded.demo ? '; demo data seeded' : ''}`)
  } catch (error) {
    fail(`database ${handle.label} ${connectionProblem(error) ? 'cannot be reached' : 'failed'}: ${(error as Error).message}`)
  } finally {
    await handle?.db.destroy()
  }

  if (process.env.SKIP_BUILD !== '1' || !fs.existsSync(path.join(root, 'build/index.js'))) {
    console.log('Building the app (remix build)…')
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
    console.log('\nDemo accounts (password for all: %s)', DEMO_PASSWORD)
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(34)} ${a.label}`)
    console.log(`TOTP secret for the admin and finance accounts: ${DEMO_TOTP_SECRET}`)
    console.log(`Emails land in the outbox: ${env.appUrl}/dev/outbox\n`)
  }
}

main().catch((error) => fail((error as Error).message))
