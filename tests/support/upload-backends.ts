import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { MOCK_S3_ENV, s3Mock } from '#tests/mocks/s3.ts'

export type UploadBackend = 'local' | 's3'
export const UPLOAD_BACKENDS: UploadBackend[] = ['local', 's3']

const VARIABLES = ['UPLOAD_STORAGE', 'UPLOAD_DIR', ...Object.keys(MOCK_S3_ENV), 'S3_PREFIX']

/**
 * Points the portal's upload storage at a fresh backend for each test of the calling file: a
 * temporary folder, or the msw S3 mock bucket (tests/mocks/s3.ts). Returns what a test needs to
 * look inside it without going through the portal.
 */
export function useUploadBackend(kind: UploadBackend) {
  let dir = ''
  let saved: Record<string, string | undefined> = {}
  beforeEach(() => {
    saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]))
    for (const v of VARIABLES) delete process.env[v]
    s3Mock.reset()
    if (kind === 'local') {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-uploads-'))
      process.env.UPLOAD_DIR = dir
    } else {
      Object.assign(process.env, MOCK_S3_ENV)
    }
  })
  afterEach(() => {
    for (const v of VARIABLES) {
      if (saved[v] === undefined) delete process.env[v]
      else process.env[v] = saved[v]
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    s3Mock.reset()
  })

  function walk(root: string, rel = ''): string[] {
    const here = path.join(root, rel)
    if (!fs.existsSync(here)) return []
    return fs
      .readdirSync(here, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(root, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)]))
  }

  return {
    kind,
    /** Every stored key, sorted (`x.webp`, `proofs/…`, `pks/…`). */
    keys(): string[] {
      return kind === 'local' ? walk(dir).sort() : s3Mock.keys()
    },
    /** The stored bytes of a key, read behind the portal's back. */
    bytes(key: string): Buffer {
      if (kind === 'local') return fs.readFileSync(path.join(dir, key))
      const o = s3Mock.bucket(MOCK_S3_ENV.S3_BUCKET).get(key)
      if (!o) throw new Error(`no object ${key}`)
      return Buffer.from(o.body)
    },
    /** Makes a stored object look `ms` old (file mtime, or the bucket's LastModified). */
    age(key: string, ms: number) {
      if (kind === 's3') return s3Mock.age(key, ms)
      const t = new Date(Date.now() - ms)
      fs.utimesSync(path.join(dir, key), t, t)
    },
    /** Makes every write fail as an unreachable or refusing backend does. */
    breakWrites() {
      if (kind === 's3') {
        s3Mock.denyAll = true
        return
      }
      // A regular file where the folder should be: every mkdir and open under it fails.
      fs.rmSync(dir, { recursive: true, force: true })
      fs.writeFileSync(dir, 'not a folder')
    },
  }
}
