import net from 'node:net'
import { z } from 'zod'
import { resolveDatabasePath } from '#db/client.ts'
import { parseStorageConfig, StorageConfigError, type StorageConfig } from '#app/lib/storage-config.server.ts'

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
  MIDTRANS_SERVER_KEY: z.string().optional(),
  MIDTRANS_CLIENT_KEY: z.string().optional(),
  MIDTRANS_IS_PRODUCTION: boolish,
  PAGE_CACHE_SECONDS: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  OPEN_DATA_RATE_LIMIT: z.string().optional(),
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
  /** Midtrans Snap (QRIS, virtual accounts, e-wallets): both keys or neither (docs/decisions/022) */
  midtrans: MidtransConfig | undefined
  /** where uploads live: UPLOAD_STORAGE, UPLOAD_DIR, S3_* (app/integrations/storage) */
  storage: StorageConfig
  /** anonymous public pages are kept this long by each instance (0 = off; docs/decisions/009) */
  pageCacheSeconds: number
  /** Express `trust proxy`: how many proxies, or which addresses, may say who the client is */
  trustProxy: number | string[] | undefined
  /** requests per minute one IP address may make to the open-data API (/api/v1, ADR 026) */
  openDataRateLimit: number
}

export interface MidtransConfig {
  serverKey: string
  clientKey: string
  isProduction: boolean
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

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * TRUST_PROXY as Express understands it, checked: a hop count (`1`: one proxy in front) or the
 * proxies' addresses and subnets (`loopback`, `10.0.0.0/8`, comma-separated). Express would read
 * `1` given as a string as the address 0.0.0.1 (trusting nobody, so every client shares the
 * proxy's rate limits) and would trust anyone with `true` (any client could pick its address).
 */
function parseTrustProxy(value: string | undefined): number | string[] | undefined {
  const v = value?.trim()
  if (!v || v === 'false' || v === '0') return undefined
  if (/^\d+$/.test(v)) return Number(v)
  if (v === 'true')
    throw new EnvError(
      'TRUST_PROXY=true would let any client choose its own address (and escape rate limits): give the number of proxies in front (1) or their addresses (loopback, 10.0.0.0/8)',
    )
  const entries = v.split(',').map((e) => e.trim())
  for (const e of entries) {
    const [address, bits, ...rest] = e.split('/')
    const family = net.isIP(address ?? '')
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32))
    if (!(PROXY_NAMES.has(e) || (family && okBits && !rest.length))) {
      throw new EnvError(
        `TRUST_PROXY "${e}" is neither a number of proxies nor an address, subnet or loopback/linklocal/uniquelocal`,
      )
    }
  }
  return entries
}

/**
 * Midtrans keys, checked: both or neither, and of the environment MIDTRANS_IS_PRODUCTION names
 * (sandbox keys start with "SB-"; a sandbox key sent to the production API is refused there, so a
 * mix-up would only show at a buyer's first payment). The messages never repeat a key.
 */
export function parseMidtrans(
  serverKey: string | undefined,
  clientKey: string | undefined,
  isProduction: boolean | undefined,
): MidtransConfig | undefined {
  const server = serverKey?.trim() || undefined
  const client = clientKey?.trim() || undefined
  if (!server && !client) {
    if (isProduction)
      throw new EnvError(
        'MIDTRANS_IS_PRODUCTION is set but MIDTRANS_SERVER_KEY and MIDTRANS_CLIENT_KEY are not: set both keys, or neither to leave Midtrans off',
      )
    return undefined
  }
  if (!server || !client)
    throw new EnvError(
      `${server ? 'MIDTRANS_CLIENT_KEY' : 'MIDTRANS_SERVER_KEY'} is missing: Midtrans needs both keys (or neither to leave it off)`,
    )
  if (!/^(SB-)?Mid-server-\S+$/.test(server))
    throw new EnvError('MIDTRANS_SERVER_KEY does not look like a Midtrans server key (Mid-server-… or SB-Mid-server-…)')
  if (!/^(SB-)?Mid-client-\S+$/.test(client))
    throw new EnvError('MIDTRANS_CLIENT_KEY does not look like a Midtrans client key (Mid-client-… or SB-Mid-client-…)')
  const sandbox = server.startsWith('SB-')
  if (sandbox !== client.startsWith('SB-'))
    throw new EnvError(
      'MIDTRANS_SERVER_KEY and MIDTRANS_CLIENT_KEY are from different environments (one sandbox, one production)',
    )
  if (isProduction && sandbox)
    throw new EnvError(
      'MIDTRANS_IS_PRODUCTION=true but the keys are sandbox keys (SB-…): use the production keys, or set it to false',
    )
  if (!isProduction && !sandbox)
    throw new EnvError(
      'The Midtrans keys are production keys but MIDTRANS_IS_PRODUCTION is not true: set MIDTRANS_IS_PRODUCTION=true, or use the sandbox keys',
    )
  return { serverKey: server, clientKey: client, isProduction: Boolean(isProduction) }
}

function parsePageCacheSeconds(value: string | undefined): number {
  const v = value?.trim()
  if (!v) return 5
  if (!/^\d+$/.test(v) || Number(v) > 3600)
    throw new EnvError(`PAGE_CACHE_SECONDS must be a whole number of seconds from 0 (off) to 3600, not "${v}"`)
  return Number(v)
}

function parseOpenDataRateLimit(value: string | undefined): number {
  const v = value?.trim()
  if (!v) return 120
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1_000_000)
    throw new EnvError(
      `OPEN_DATA_RATE_LIMIT must be a whole number of requests per minute from 1 to 1000000, not "${v}"`,
    )
  return Number(v)
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
    const missing = [!e.APP_URL && 'APP_URL', !e.ENCRYPTION_KEY && 'ENCRYPTION_KEY', !e.SMTP_URL && 'SMTP_URL'].filter(
      Boolean,
    )
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
  const trustProxy = parseTrustProxy(e.TRUST_PROXY)
  const pageCacheSeconds = parsePageCacheSeconds(e.PAGE_CACHE_SECONDS)
  const midtrans = parseMidtrans(e.MIDTRANS_SERVER_KEY, e.MIDTRANS_CLIENT_KEY, e.MIDTRANS_IS_PRODUCTION)
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
    midtrans,
    storage,
    pageCacheSeconds,
    trustProxy,
    openDataRateLimit: parseOpenDataRateLimit(e.OPEN_DATA_RATE_LIMIT),
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
