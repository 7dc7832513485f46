import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import { freePort } from '../../free-port.ts'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { createDb, migrateToLatest } from '#db/client.ts'
import { seedAll } from '#db/seed/index.ts'
import { parseEnv } from '#app/utils/env.server.ts'
import { ROOT, TMP } from '../../setup/paths.ts'

export const E2E_DB = path.join(TMP, 'e2e.db')


let child: ChildProcess | undefined

/** A fresh demo database and the built server on a free port, shared by every journey. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('No build: run `npm run build` before the end-to-end suite')
  fs.mkdirSync(TMP, { recursive: true })
  for (const s of ['', '-wal', '-shm']) fs.rmSync(E2E_DB + s, { force: true })
  const port = Number(process.env.E2E_PORT) || (await freePort())
  const env: NodeJS.ProcessEnv = { ...process.env, MITRA_MODE: 'demo', NODE_ENV: 'production' as const, DATABASE_URL: E2E_DB, PORT: String(port), APP_URL: `http://localhost:${port}`, MOCKS: 'true', UPLOAD_DIR: path.join(TMP, 'e2e-uploads'), PAGE_CACHE_SECONDS: '0' }
  // The demo seed writes product photos where the server will read them.
  process.env.UPLOAD_DIR = env.UPLOAD_DIR
  const parsed = parseEnv(env)
  const { db } = createDb(E2E_DB)
  await migrateToLatest(db)
  await seedAll(db, { demo: true, encryptionKey: parsed.encryptionKey })
  await db.destroy()

  const log = fs.createWriteStream(path.join(TMP, 'e2e-server.log'))
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/index.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child = server
  server.stdout!.pipe(log)
  server.stderr!.pipe(log)
  const baseURL = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const r = await fetch(`${baseURL}/healthz`)
      if (r.ok) break
    } catch {
      // not up yet
    }
    if (server.exitCode !== null) throw new Error(`Server exited early; see ${path.join(TMP, 'e2e-server.log')}`)
    if (Date.now() > deadline) throw new Error('Server did not answer /healthz within 60 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  project.provide('baseURL', baseURL)
  project.provide('e2eDb', E2E_DB)
  return async () => {
    child?.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 300))
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    e2eDb: string
  }
}
