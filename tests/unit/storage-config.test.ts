import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseStorageConfig, STORAGE_VARIABLES } from '#app/lib/storage-config.server.ts'
import { ROOT } from '#tests/setup/paths.ts'
import { EnvError, parseEnv } from '#app/lib/env.server.ts'

const S3 = { UPLOAD_STORAGE: 's3', S3_BUCKET: 'mitra-lipas-uploads', S3_REGION: 'ap-southeast-3' }

describe('upload storage configuration', () => {
  test('the local folder is the default, UPLOAD_DIR resolved', () => {
    expect(parseStorageConfig({})).toEqual({ kind: 'local', dir: path.resolve('./data/uploads') })
    expect(parseStorageConfig({ UPLOAD_STORAGE: 'local', UPLOAD_DIR: '/srv/uploads' })).toEqual({
      kind: 'local',
      dir: '/srv/uploads',
    })
    // Empty variables (as .env.example leaves them) count as unset.
    expect(parseStorageConfig({ UPLOAD_STORAGE: '', S3_BUCKET: '', S3_ENDPOINT: ' ' }).kind).toBe('local')
  })

  test('S3 with the least it needs: AWS endpoint, virtual-hosted, default credential chain, no prefix', () => {
    expect(parseStorageConfig(S3)).toEqual({
      kind: 's3',
      bucket: 'mitra-lipas-uploads',
      region: 'ap-southeast-3',
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
      prefix: '',
    })
  })

  test('S3-compatible: endpoint, path style, static keys and a prefix', () => {
    expect(
      parseStorageConfig({
        ...S3,
        S3_ENDPOINT: 'https://minio.internal:9000/',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'AKIA1',
        S3_SECRET_ACCESS_KEY: 's3cr3t',
        S3_PREFIX: 'prod//',
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'mitra-lipas-uploads',
      region: 'ap-southeast-3',
      endpoint: 'https://minio.internal:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIA1', secretAccessKey: 's3cr3t' },
      prefix: 'prod/',
    })
  })

  test.each([
    [{ UPLOAD_STORAGE: 'nfs' }, 'UPLOAD_STORAGE must be local or s3, not "nfs"'],
    [
      { S3_BUCKET: 'b-uploads' },
      'S3_BUCKET is set but UPLOAD_STORAGE is not s3: set UPLOAD_STORAGE=s3 to keep uploads in the bucket, or remove the S3_ variables',
    ],
    [{ UPLOAD_STORAGE: 's3' }, 'UPLOAD_STORAGE=s3 needs S3_BUCKET, S3_REGION (see .env.example)'],
    [{ ...S3, S3_REGION: undefined }, 'UPLOAD_STORAGE=s3 needs S3_REGION (see .env.example)'],
    [
      { ...S3, S3_BUCKET: 'My_Bucket' },
      'S3_BUCKET "My_Bucket" is not a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    ],
    [
      { ...S3, S3_BUCKET: 'ab' },
      'S3_BUCKET "ab" is not a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    ],
    [
      { ...S3, S3_REGION: 'Jakarta 1' },
      'S3_REGION "Jakarta 1" is not a region name, such as ap-southeast-3 (any S3-compatible service accepts us-east-1)',
    ],
    [
      { ...S3, S3_ENDPOINT: 'minio:9000' },
      'S3_ENDPOINT scheme "minio:" is not supported: use https:// (or http:// inside a private network)',
    ],
    [{ ...S3, S3_ENDPOINT: 'not a url' }, 'S3_ENDPOINT is not a URL: write it as https://host or https://host:port'],
    [
      { ...S3, S3_ENDPOINT: 'https://minio.internal?x=1' },
      'S3_ENDPOINT must be a plain origin such as https://host:port, without ? or #',
    ],
    [{ ...S3, S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE must be true or false, not "yes"'],
    [
      { ...S3, S3_PREFIX: '../up' },
      'S3_PREFIX "../up/" may hold letters, digits, . _ - and / between names (no leading /, no ..)',
    ],
  ])('%o is refused with one line', (env, message) => {
    expect(() => parseStorageConfig(env)).toThrow(message)
    expect(() => parseEnv({ ...env, MITRA_MODE: 'demo' } as unknown as NodeJS.ProcessEnv)).toThrow(
      new EnvError(message),
    )
  })

  test('explanations never repeat a secret', () => {
    const attempts = [
      { ...S3, S3_SECRET_ACCESS_KEY: 'very-secret-value' },
      { ...S3, S3_ENDPOINT: 'https://AKIA:very-secret-value@minio.internal' },
    ]
    for (const env of attempts) {
      let message = ''
      try {
        parseStorageConfig(env)
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/^S3_/)
      expect(message).not.toContain('very-secret-value')
    }
  })

  test('parseEnv carries the storage choice', () => {
    expect(parseEnv({ MITRA_MODE: 'demo', ...S3 } as unknown as NodeJS.ProcessEnv).storage).toMatchObject({
      kind: 's3',
      bucket: 'mitra-lipas-uploads',
    })
    expect(parseEnv({ MITRA_MODE: 'demo' } as unknown as NodeJS.ProcessEnv).storage.kind).toBe('local')
  })
})

test('every storage and instance variable is in .env.example and in the README configuration table', () => {
  const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8')
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### Production'))
  for (const name of [...STORAGE_VARIABLES, 'TRUST_PROXY', 'PAGE_CACHE_SECONDS']) {
    expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'))
    expect(table, name).toMatch(new RegExp(`^\\| [^|]*\`${name}\``, 'm'))
  }
})
