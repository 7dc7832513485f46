import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { type BuiltServer, freshDatabase, startBuiltServer } from '../../support/built-server.ts'
import { TMP } from '../../setup/paths.ts'

export const E2E_DB = path.join(TMP, 'e2e.db')

let server: BuiltServer | undefined

/** A fresh demo database and the built server on a free port, shared by every journey. */
export default async function setup(project: TestProject) {
  const uploadDir = path.join(TMP, 'e2e-uploads')
  await freshDatabase(E2E_DB, { demo: true, uploadDir })
  server = await startBuiltServer({ name: 'e2e', dbFile: E2E_DB, env: { UPLOAD_DIR: uploadDir, LOG_LEVEL: 'info' } })
  project.provide('baseURL', server.baseURL)
  project.provide('e2eDb', E2E_DB)
  return async () => {
    await server?.stop()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    e2eDb: string
  }
}
