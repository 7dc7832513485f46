import { z } from 'zod'
import { resolveDatabasePath } from '#db/client.ts'
import { parseStorageConfig, StorageConfigError, type StorageConfig } from '#app/integrations/storage/config.server.ts'

/**
 * Two modes. "demo" (NODE_ENV is not production): demo data, mocked outbound services, a banner.
 * "production": no demo data, mocks refused, secrets required. The start script records the mode
 * in MITRA_MODE before it switches NODE_ENV to production for React's optimised build.
 */
export type AppMode = 'demo' | 'production'

const boolish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'))

const schema = z.object({
  MITRA_MODE: z.enum(['demo', 'production']).optional(),
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  APP_URL: z.string().url().optional(),
  ENCRYPTION_KEY: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Mitra Lipas <noreply@mitra-lipas.local>'),
  MOCKS: boolish,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
})

export interface Env {
  mode: AppMode
  port: number
  databasePath: string
  appUrl: string
  encryptionKey: Buffer<ArrayBufferLike>
  smtpUrl: string | undefined
  mailFrom: string
  mocks: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  stripeSecretKey: string | undefined
  stripeWebhookSecret: string | undefined
  /** where uploads live: UPLOAD_STORAGE, UPLOAD_DIR, S3_* (app/integrations/storage) */
  storage: StorageConfig
}

export class EnvError extends Error {
  override name = 'EnvError'
}

// A fixed key keeps demo TOTP secrets readable across restarts; production must bring its own.
const DEMO_ENCRYPTION_KEY = Buffer.alloc(32, 7)

function parseKey(value: string): Buffer | null {
  const hex = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : null
  const key = hex ?? Buffer.from(value, 'base64')
  return key.length === 32 ? key : null
}

const SMTP_EXAMPLE = 'write it as smtp://user:password@host:587 or smtps://user:password@host:465'

/** A mail server URL nodemailer can use; the explanation never repeats the URL (it carries a password). */
function checkSmtpUrl(value: string): void {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new EnvError(`SMTP_URL is not a URL: ${SMTP_EXAMPLE}`)
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new EnvError(`SMTP_URL scheme "${url.protocol}" is not supported: use smtp:// (STARTTLS) or smtps:// (TLS)`)
  }
  if (!url.hostname) throw new EnvError(`SMTP_URL names no host: ${SMTP_EXAMPLE}`)
}

export function modeFrom(source: NodeJS.ProcessEnv): AppMode {
  if (source.MITRA_MODE === 'production' || source.MITRA_MODE === 'demo') return source.MITRA_MODE
  return source.NODE_ENV === 'production' ? 'production' : 'demo'
}

/** Validates the environment; throws EnvError with a one-line explanation. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new EnvError(`${issue.path.join('.')}: ${issue.message}`)
  }
  const e = parsed.data
  const mode = modeFrom(source)
  const databasePath = resolveDatabasePath(e.DATABASE_URL)

  if (mode === 'production') {
    const missing = [
      !e.APP_URL && 'APP_URL',
      !e.ENCRYPTION_KEY && 'ENCRYPTION_KEY',
      !e.SMTP_URL && 'SMTP_URL',
    ].filter(Boolean)
    if (missing.length) {
      throw new EnvError(`Production needs ${missing.join(', ')}: set them in the environment (see .env.example)`)
    }
    if (e.MOCKS) throw new EnvError('MOCKS=true is refused in production: mocks would fake payments and email')
  }
  if (e.SMTP_URL) checkSmtpUrl(e.SMTP_URL)
  let storage: StorageConfig
  try {
    storage = parseStorageConfig(source)
  } catch (error) {
    if (error instanceof StorageConfigError) throw new EnvError(error.message)
    throw error
  }
  let encryptionKey: Buffer<ArrayBufferLike> = DEMO_ENCRYPTION_KEY
  if (e.ENCRYPTION_KEY) {
    const key = parseKey(e.ENCRYPTION_KEY)
    if (!key) throw new EnvError('ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64')
    encryptionKey = key
  }
  return {
    mode,
    port: e.PORT,
    databasePath,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    encryptionKey,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    mocks: mode === 'demo' ? (e.MOCKS ?? true) : false,
    logLevel: e.LOG_LEVEL,
    stripeSecretKey: e.STRIPE_SECRET_KEY || undefined,
    stripeWebhookSecret: e.STRIPE_WEBHOOK_SECRET || undefined,
    storage,
  }
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= parseEnv()
  return cached
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined
}
