import path from 'node:path'

/**
 * The upload storage named by the environment. Read by the start-up check (through parseEnv,
 * which turns a StorageConfigError into its one-line explanation) and by getStorage() on every
 * use, so tests may point it elsewhere between cases. An explanation never repeats a secret.
 */
export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3'
      bucket: string
      region: string
      /** any S3-compatible service; unset = AWS S3 of `region` */
      endpoint: string | undefined
      /** https://endpoint/bucket/key instead of https://bucket.endpoint/key (MinIO and most self-hosted services) */
      forcePathStyle: boolean
      /** unset = the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, web identity, instance role) */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined
      /** prepended to every key, '' or ending with '/' (several portals in one bucket) */
      prefix: string
    }

/** process.env, or any set of variables (tests) */
export type EnvSource = Readonly<Record<string, string | undefined>>

export class StorageConfigError extends Error {
  override name = 'StorageConfigError'
}

export const DEFAULT_UPLOAD_DIR = './data/uploads'

const S3_VARIABLES = [
  'S3_BUCKET',
  'S3_REGION',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'S3_PREFIX',
] as const
/** Every variable read here (each is documented in .env.example and the README; a test checks). */
export const STORAGE_VARIABLES = ['UPLOAD_STORAGE', 'UPLOAD_DIR', ...S3_VARIABLES] as const

function value(source: EnvSource, name: string): string | undefined {
  const v = source[name]?.trim()
  return v ? v : undefined
}

export function parseStorageConfig(source: EnvSource): StorageConfig {
  const kind = value(source, 'UPLOAD_STORAGE') ?? 'local'
  if (kind !== 'local' && kind !== 's3')
    throw new StorageConfigError(`UPLOAD_STORAGE must be local or s3, not "${kind}"`)
  if (kind === 'local') {
    // A bucket configured but not switched on would leave each instance writing to its own disk.
    const stray = S3_VARIABLES.find((n) => value(source, n) !== undefined)
    if (stray)
      throw new StorageConfigError(
        `${stray} is set but UPLOAD_STORAGE is not s3: set UPLOAD_STORAGE=s3 to keep uploads in the bucket, or remove the S3_ variables`,
      )
    return { kind, dir: path.resolve(value(source, 'UPLOAD_DIR') ?? DEFAULT_UPLOAD_DIR) }
  }

  const missing = (['S3_BUCKET', 'S3_REGION'] as const).filter((n) => value(source, n) === undefined)
  if (missing.length) throw new StorageConfigError(`UPLOAD_STORAGE=s3 needs ${missing.join(', ')} (see .env.example)`)
  const bucket = value(source, 'S3_BUCKET')!
  // The rules every S3-compatible service accepts (AWS's, without the newer exceptions).
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    throw new StorageConfigError(
      `S3_BUCKET "${bucket}" is not a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens`,
    )
  }
  const region = value(source, 'S3_REGION')!
  if (!/^[a-z0-9-]{1,40}$/.test(region))
    throw new StorageConfigError(
      `S3_REGION "${region}" is not a region name, such as ap-southeast-3 (any S3-compatible service accepts us-east-1)`,
    )

  let endpoint: string | undefined
  const rawEndpoint = value(source, 'S3_ENDPOINT')
  if (rawEndpoint) {
    let url: URL
    try {
      url = new URL(rawEndpoint)
    } catch {
      throw new StorageConfigError('S3_ENDPOINT is not a URL: write it as https://host or https://host:port')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new StorageConfigError(
        `S3_ENDPOINT scheme "${url.protocol}" is not supported: use https:// (or http:// inside a private network)`,
      )
    if (url.username || url.password)
      throw new StorageConfigError(
        'S3_ENDPOINT must not carry credentials: use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
      )
    if (url.search || url.hash)
      throw new StorageConfigError('S3_ENDPOINT must be a plain origin such as https://host:port, without ? or #')
    endpoint = url.href.replace(/\/$/, '')
  }

  const accessKeyId = value(source, 'S3_ACCESS_KEY_ID')
  const secretAccessKey = value(source, 'S3_SECRET_ACCESS_KEY')
  if (!accessKeyId !== !secretAccessKey) {
    throw new StorageConfigError(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS default credential chain',
    )
  }

  const pathStyle = value(source, 'S3_FORCE_PATH_STYLE')?.toLowerCase()
  if (pathStyle !== undefined && !['true', 'false', '1', '0'].includes(pathStyle)) {
    throw new StorageConfigError(`S3_FORCE_PATH_STYLE must be true or false, not "${pathStyle}"`)
  }

  let prefix = value(source, 'S3_PREFIX') ?? ''
  if (prefix) {
    prefix = prefix.replace(/\/+$/, '') + '/'
    if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\/$/.test(prefix)) {
      throw new StorageConfigError(
        `S3_PREFIX "${prefix}" may hold letters, digits, . _ - and / between names (no leading /, no ..)`,
      )
    }
  }

  return {
    kind,
    bucket,
    region,
    endpoint,
    forcePathStyle: pathStyle === 'true' || pathStyle === '1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    prefix,
  }
}
