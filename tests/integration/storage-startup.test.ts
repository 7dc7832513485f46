import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { freePort } from '#tests/free-port.ts'
import { ROOT, TMP } from '#tests/setup/paths.ts'

/** `npm start` stops with one line when the upload storage is misconfigured or out of reach. */
describe('start-up checks of the upload storage', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        SKIP_BUILD: '1',
        DATABASE_URL: path.join(TMP, `storage-check-${process.pid}.db`),
        ...env,
      } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    })

  test('S3 chosen without its bucket and region', () => {
    const r = run({ UPLOAD_STORAGE: 's3' })
    expect(r.status).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([
      'Mitra Lipas cannot start: UPLOAD_STORAGE=s3 needs S3_BUCKET, S3_REGION (see .env.example)',
    ])
  })

  test('half a key pair: refused without repeating the secret', () => {
    const r = run({
      UPLOAD_STORAGE: 's3',
      S3_BUCKET: 'mitra-lipas',
      S3_REGION: 'us-east-1',
      S3_SECRET_ACCESS_KEY: 'top-secret-value',
    })
    expect(r.status).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([
      'Mitra Lipas cannot start: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS default credential chain',
    ])
    expect(r.stdout + r.stderr).not.toContain('top-secret-value')
  })

  test('a bucket that does not answer stops start-up before the database is touched', async () => {
    // A loopback port nobody listens on: the connection is refused at once.
    const port = await freePort()
    const r = run({
      UPLOAD_STORAGE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_FORCE_PATH_STYLE: 'true',
      S3_BUCKET: 'mitra-lipas',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'AKIATEST',
      S3_SECRET_ACCESS_KEY: 'top-secret-value',
      MOCKS: 'false',
    })
    expect(r.status).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Mitra Lipas cannot start: upload storage s3:\/\/mitra-lipas\/ cannot be used: .*ECONNREFUSED/,
    )
    expect(r.stdout + r.stderr).not.toContain('top-secret-value')
    expect(r.stdout).not.toContain('migrated')
  })
})
