import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { isAnonymous } from './micro-cache.ts'

export interface SecurityOptions {
  production: boolean
  /** Extra origins forms may post to or redirect into (e.g. a payment provider's hosted page). */
  formActionOrigins?: string[]
  /** Dev live reload needs a websocket. */
  devWebsocket?: string
}

/**
 * The protective headers (docs/quality.md, Security) for a response whose inline scripts are allowed by
 * `scriptSources`: `'nonce-…'` for a freshly rendered page, `'sha256-…'` hashes for a page served
 * from the page cache (server/micro-cache.ts), where one body is shared by many responses.
 */
export function securityHeaderList(opts: SecurityOptions, scriptSources: string): [string, string][] {
  const csp = [
    "default-src 'self'",
    `script-src 'self'${scriptSources ? ` ${scriptSources}` : ''} 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.devWebsocket ? ` ${opts.devWebsocket}` : ''}`,
    `form-action 'self'${opts.formActionOrigins?.length ? ` ${opts.formActionOrigins.join(' ')}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    ...(opts.production ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
  return [
    ['Content-Security-Policy', csp],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
    ...(opts.production
      ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ]
}

/** Per-request CSP nonce plus the standard protective headers. */
export function securityHeaders(opts: SecurityOptions) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    for (const [name, value] of securityHeaderList(opts, `'nonce-${nonce}'`)) res.setHeader(name, value)
    next()
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Cross-site request forgery guard for every state-changing request: browsers say where a
 * request came from in Sec-Fetch-Site; older ones send Origin. Webhooks are exempt (they are
 * authenticated by signature instead).
 */
export function isCrossSiteRequest(req: {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
}): boolean {
  if (SAFE_METHODS.has(req.method)) return false
  if (req.path.startsWith('/webhooks/')) return false
  const site = req.headers['sec-fetch-site']
  if (typeof site === 'string') return site === 'cross-site'
  const origin = req.headers.origin
  if (typeof origin !== 'string' || origin === 'null') return typeof origin === 'string'
  const host = req.headers['x-forwarded-host'] ?? req.headers.host
  try {
    return new URL(origin).host !== host
  } catch {
    return true
  }
}

export function csrfGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isCrossSiteRequest(req)) {
      res.status(403).type('text/plain').send('Cross-site request refused')
      return
    }
    next()
  }
}

/** The largest request body the app reads: a 10 MB upload (PKS PDF) plus its form fields. */
export const MAX_BODY_BYTES = 11 * 1024 * 1024

/**
 * Why a request body is refused before anything reads it (null = fine): larger than
 * MAX_BODY_BYTES by its Content-Length (413), or streamed without one (411). Every form post,
 * upload and webhook the app accepts declares its length, so memory use per request is bounded.
 */
export function bodyRefusal(req: {
  method: string
  headers: Record<string, string | string[] | undefined>
}): { status: 411 | 413; message: string } | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null
  const length = req.headers['content-length']
  if (length === undefined) {
    return req.headers['transfer-encoding'] ? { status: 411, message: 'Length required' } : null
  }
  const n = Number(length)
  if (!Number.isSafeInteger(n) || n < 0) return { status: 411, message: 'Length required' }
  return n > MAX_BODY_BYTES ? { status: 413, message: 'Request body too large' } : null
}

export function bodyLimit() {
  return (req: Request, res: Response, next: NextFunction) => {
    const refusal = bodyRefusal(req)
    if (refusal) {
      res.status(refusal.status).setHeader('Connection', 'close')
      res.type('text/plain').send(refusal.message)
      return
    }
    next()
  }
}

/**
 * Reads and discards what is left of a request body once the answer is sent. An action that
 * answers before reading the body (a guard's redirect to login, a refusal) leaves the rest of it
 * in the connection: Remix's body stream has paused the request, so Node does not skip it, and
 * the next request a browser sends on that kept-alive connection is never read; it fails after
 * the keep-alive timeout. Bounded by bodyLimit (the declared length was checked).
 */
export function drainUnreadBody() {
  return (req: Request, res: Response, next: NextFunction) => {
    res.once('finish', () => {
      if (req.complete || req.destroyed) return
      req.removeAllListeners('data')
      req.resume()
    })
    next()
  }
}

/**
 * Pages that are the same for every anonymous visitor: the catalogue, storefronts, directories,
 * impact, the open-data page, sitemap and robots. The page cache may serve these (server/micro-cache.ts).
 * The open-data API (/api/v1, /data.json) is not here: each answer declares its own public
 * Cache-Control and ETag, and must pass the per-IP rate limit, so it is never served from memory.
 */
export const PUBLIC_PAGES =
  /^\/(|products(\/.*)?|stores\/.*|programs(\/.*)?|partners(\/.*)?|offers|impact|data|info\/[a-z-]+|cerita(\/.*)?|sitemap\.xml|robots\.txt)$/

/**
 * Private unless public: every answer is `Cache-Control: no-store` (a browser's back button or
 * disk cache, or a proxy, never keeps it) unless it is a public page asked for without a session
 * or cart cookie, or its route declared a policy of its own (product photos and message files,
 * the same bytes for everyone). Decided when the headers are written, so a route's own
 * Cache-Control always wins and no page has to remember to say it.
 */
export function privateByDefault() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isAnonymous(req.headers.cookie) && PUBLIC_PAGES.test(req.path)) {
      next()
      return
    }
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (!this.hasHeader('Cache-Control')) this.setHeader('Cache-Control', 'no-store')
      return (writeHead as (...a: unknown[]) => Response).apply(this, args)
    } as typeof res.writeHead
    next()
  }
}
