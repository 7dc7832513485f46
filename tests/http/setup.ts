import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { type BuiltServer, freshDatabase, startBuiltServer } from '../support/built-server.ts'
import { TMP } from '../setup/paths.ts'

const HTTP_DB = path.join(TMP, 'http.db')

let server: BuiltServer | undefined

/** The demo database and the built server (mocks on: simulated Stripe, local outbox). */
export default async function setup(project: TestProject) {
  const uploadDir = path.join(TMP, 'http-uploads')
  await freshDatabase(HTTP_DB, { demo: true, uploadDir })
  server = await startBuiltServer({ name: 'http', dbFile: HTTP_DB, env: { UPLOAD_DIR: uploadDir } })
  project.provide('httpBaseURL', server.baseURL)
  project.provide('httpDb', HTTP_DB)
  project.provide('httpUploadDir', uploadDir)
  return async () => {
    await server?.stop()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    httpBaseURL: string
    httpDb: string
    httpUploadDir: string
  }
}
