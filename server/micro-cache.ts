import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { AppLoadContext } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

/**
 * A few seconds of caching for anonymous public pages (catalog, product, storefront,
 * directories); see docs/decisions/009-page-cache-and-csp.md.
 *
 * - Only GET requests that carry no cookie but the language one are served from it; only 200
 *   HTML/XML/text answers without Set-Cookie are kept.
 * - A page is rendered once per entry with the filling request's own random CSP nonce. Its
 *   inline scripts that carry that nonce (the ones React and Remix emitted, never anything the
 *   page's data could smuggle in) are hashed, the nonce is removed from the body and the entry's
 *   CSP allows exactly those `'sha256-…'` hashes. Every response of the entry then shares one
 *   body, so gzip and brotli are computed once per entry and a hit is one `writeHead` + `end`.
 * - `serveHit` answers hits at the node:http level, before Express; misses go through the whole
 *   Express chain (security headers, static files, CSRF guard) to `middleware`, which fills.
 *   While one request re-renders an expired entry, others get the previous copy (X-Cache: STALE),
 *   so a page is never older than `ttlMs` plus one render, and never more than 2 x `ttlMs`.
 */
export interface MicroCacheOptions {
  ttlMs: number
  maxEntries?: number
  /** upper bound on the bytes kept (identity + compressed bodies); oldest entries go first */
  maxBytes?: number
  /** paths that may be cached */
  paths: RegExp
  /** the Remix handler at the Fetch API level */
  handle: (request: Request, loadContext: AppLoadContext) => Promise<Response>
  /** what a render is handed (server/index.ts); its `cspNonce` is the one sealed away */
  loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
  /** the clock in ms (tests pass their own instead of sleeping) */
  now?: () => number
  /** the protective headers for a given script-src source list (server/security.ts) */
  securityHeaders: (scriptSources: string) => [string, string][]
}

type Encoding = 'br' | 'gzip' | 'identity'

type Outcome = 'hit' | 'stale' | 'miss'

interface Variant {
  body: Buffer
  headers: Record<Outcome, string[]>
}

export interface Entry {
  at: number
  status: number
  etag: string
  bytes: number
  variants: Partial<Record<Encoding, Variant>> & { identity: Variant }
  notModified: string[]
}

/** What one render produced: either a shareable entry or an answer only for the request that asked. */
type Rendered = { entry: Entry } | { own: Response; body: Buffer }

// A guest cart (its token and the header's count, read by the browser) changes nothing a public
// page renders, so cart holders share the cached copies too (ADR 021).
const ALLOWED_COOKIES = new Set(['lang', 'ml_cart', '__Host-ml_cart', 'ml_cart_n'])

export function isAnonymous(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return true
  return cookieHeader.split(';').every((part) => {
    const name = part.split('=')[0]?.trim()
    return !name || ALLOWED_COOKIES.has(name)
  })
}

function langOf(cookieHeader: string | undefined): string {
  const m = /(?:^|;\s*)lang=(id|en)\b/.exec(cookieHeader ?? '')
  return m?.[1] ?? 'id'
}

const EXECUTABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript'])
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi

/**
 * Hashes the inline scripts of `html` that carry `nonce` and removes the nonce from the body.
 * Returns null when a nonce-carrying script loads a `src` (a hash cannot vouch for it): such a
 * page is not shared.
 */
export function sealScripts(html: string, nonce: string): { body: string; hashes: string[] } | null {
  const attr = ` nonce="${nonce}"`
  const hashes = new Set<string>()
  for (const m of html.matchAll(SCRIPT)) {
    const attrs = m[1]!
    if (!attrs.includes(attr)) continue
    if (/\ssrc\s*=/i.test(attrs)) return null
    const type = /\stype\s*=\s*"([^"]*)"/i.exec(attrs)?.[1]?.trim().toLowerCase() ?? ''
    if (!EXECUTABLE_TYPES.has(type)) continue // data blocks (JSON-LD) are never executed
    hashes.add(`'sha256-${crypto.createHash('sha256').update(m[2]!, 'utf8').digest('base64')}'`)
  }
  return { body: html.replaceAll(attr, ''), hashes: [...hashes] }
}

const accepted = new Map<string, Encoding>()

/** The best encoding the client accepts among brotli, gzip and none (q-values honoured). */
export function pickEncoding(header: string | string[] | undefined): Encoding {
  if (typeof header !== 'string' || header === '') return 'identity'
  const known = accepted.get(header)
  if (known) return known
  const q: Record<string, number> = {}
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    q[name!.trim()] = qp ? Number(qp.slice(2)) || 0 : 1
  }
  const score = (e: string) => q[e] ?? q['*'] ?? 0
  const choice: Encoding =
    score('br') > 0 && score('br') >= score('gzip') ? 'br' : score('gzip') > 0 ? 'gzip' : 'identity'
  if (accepted.size < 500) accepted.set(header, choice)
  return choice
}

function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare)
}

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)
const COMPRESS_MIN_BYTES = 1024

function flat(headers: [string, string][]): string[] {
  return headers.flatMap(([k, v]) => [k, v])
}

export function microCache(opts: MicroCacheOptions) {
  const store = new Map<string, Entry>()
  const inflight = new Map<string, Promise<Rendered>>()
  const maxEntries = opts.maxEntries ?? 2000
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024
  const now = opts.now ?? Date.now
  let bytes = 0

  function keyOf(host: string | undefined, cookie: string | undefined, url: string) {
    return `${langOf(cookie)}|${host ?? ''}|${url}`
  }

  function eligible(method: string | undefined, url: string, cookie: string | undefined): boolean {
    if (opts.ttlMs <= 0 || method !== 'GET') return false
    const q = url.indexOf('?')
    const pathname = q < 0 ? url : url.slice(0, q)
    return opts.paths.test(pathname) && !pathname.endsWith('.data') && isAnonymous(cookie)
  }

  function remember(key: string, entry: Entry) {
    const old = store.get(key)
    if (old) {
      bytes -= old.bytes
      store.delete(key)
    }
    while (store.size > 0 && (store.size >= maxEntries || bytes + entry.bytes > maxBytes)) {
      const [oldestKey, oldest] = store.entries().next().value!
      store.delete(oldestKey)
      bytes -= oldest.bytes
    }
    store.set(key, entry)
    bytes += entry.bytes
  }

  async function render(req: ExpressRequest, context: AppLoadContext): Promise<Rendered> {
    const nonce = context.cspNonce
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const response = await opts.handle(new Request(url, { method: 'GET', headers }), context)
    const raw = Buffer.from(await response.arrayBuffer())
    const type = response.headers.get('content-type') ?? ''
    if (response.status !== 200 || response.headers.has('set-cookie') || !/text\/html|xml|text\/plain/.test(type))
      return { own: response, body: raw }
    const sealed = /text\/html/.test(type)
      ? sealScripts(raw.toString('utf8'), nonce)
      : { body: raw.toString('utf8'), hashes: [] }
    if (!sealed) return { own: response, body: raw }
    const body = Buffer.from(sealed.body, 'utf8')
    // Weak: one validator for the identity, gzip and brotli bodies of the same page.
    const own = response.headers.get('etag')
    const etag = own
      ? own.startsWith('W/')
        ? own
        : `W/${own}`
      : `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`
    const vary = new Set(
      (response.headers.get('vary') ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    vary.add('Accept-Encoding')
    const base: [string, string][] = [
      ...opts.securityHeaders(sealed.hashes.join(' ')),
      ...[...response.headers.entries()].filter(
        ([k]) => !['content-length', 'content-encoding', 'etag', 'vary', 'set-cookie'].includes(k),
      ),
      ['ETag', etag],
      ['Vary', [...vary].join(', ')],
    ]
    const [gz, br] =
      body.length >= COMPRESS_MIN_BYTES
        ? await Promise.all([
            gzip(body, { level: 6 }),
            brotli(body, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
          ])
        : []
    const variant = (b: Buffer, encoding?: string): Variant => {
      const h: [string, string][] = [
        ...base,
        ...(encoding ? [['Content-Encoding', encoding] as [string, string]] : []),
        ['Content-Length', String(b.length)],
      ]
      return {
        body: b,
        headers: {
          hit: flat([...h, ['X-Cache', 'HIT']]),
          stale: flat([...h, ['X-Cache', 'STALE']]),
          miss: flat([...h, ['X-Cache', 'MISS']]),
        },
      }
    }
    const variants: Entry['variants'] = { identity: variant(body) }
    if (gz && gz.length < body.length) variants.gzip = variant(gz, 'gzip')
    if (br && br.length < body.length) variants.br = variant(br, 'br')
    const notModified = flat([...base.filter(([k]) => !/^content-type$/i.test(k)), ['X-Cache', 'HIT']])
    return {
      entry: {
        at: now(),
        status: response.status,
        etag,
        bytes: body.length + (variants.gzip?.body.length ?? 0) + (variants.br?.body.length ?? 0),
        variants,
        notModified,
      },
    }
  }

  function write(req: IncomingMessage, res: ServerResponse, e: Entry, outcome: Outcome, viaExpress: boolean) {
    const inm = req.headers['if-none-match']
    if (inm && etagMatches(inm, e.etag)) {
      writeHead(res, 304, e.notModified, viaExpress)
      res.end()
      return
    }
    const enc = pickEncoding(req.headers['accept-encoding'])
    // Small or incompressible bodies have no compressed variants: identity is always acceptable.
    const chosen = e.variants[enc] ?? e.variants.identity
    writeHead(res, e.status, chosen.headers[outcome], viaExpress)
    res.end(chosen.body)
  }

  function writeHead(res: ServerResponse, status: number, headers: string[], viaExpress: boolean) {
    if (!viaExpress) {
      // node:http level (a hit): one writeHead, merged with what was set before (X-Request-Id).
      res.writeHead(status, headers)
      return
    }
    // Express path (a miss): replace what earlier middleware set, e.g. the nonce CSP.
    res.statusCode = status
    for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i]!, headers[i + 1]!)
  }

  return {
    /** node:http level: answers a fresh hit and returns true, or returns false to let the app handle it. */
    serveHit(req: IncomingMessage, res: ServerResponse): boolean {
      const url = req.url ?? '/'
      if (store.size === 0 || !eligible(req.method, url, req.headers.cookie)) return false
      const key = keyOf(req.headers.host, req.headers.cookie, url)
      const e = store.get(key)
      if (!e) return false
      const age = now() - e.at
      if (age < opts.ttlMs) {
        write(req, res, e, 'hit', false)
        return true
      }
      // Expired while another request is already rendering its successor: serve the previous
      // copy meanwhile (at most one more TTL) so only the refilling request waits for a render.
      if (age < 2 * opts.ttlMs && inflight.has(key)) {
        write(req, res, e, 'stale', false)
        return true
      }
      return false
    },

    /** Express middleware (after security headers, static files and the CSRF guard): fills on a miss. */
    async middleware(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
      if (!eligible(req.method, req.originalUrl, req.headers.cookie)) {
        next()
        return
      }
      const context = opts.loadContext(req, res)
      const key = keyOf(req.headers.host, req.headers.cookie, req.originalUrl)
      try {
        const hit = store.get(key)
        if (hit && now() - hit.at < opts.ttlMs) {
          write(req, res, hit, 'hit', true)
          return
        }
        let pending = inflight.get(key)
        const mine = !pending
        if (!pending) {
          pending = render(req, context).finally(() => inflight.delete(key))
          inflight.set(key, pending)
        }
        let rendered = await pending
        if ('entry' in rendered) {
          if (mine) remember(key, rendered.entry)
          write(req, res, rendered.entry, mine ? 'miss' : 'hit', true)
          return
        }
        // An answer that is not shared (error, redirect, cookies): only the request that
        // rendered it may use it, with the nonce CSP the security middleware set for it.
        if (!mine) rendered = await render(req, context)
        if ('entry' in rendered) {
          write(req, res, rendered.entry, 'miss', true)
          return
        }
        res.status(rendered.own.status)
        for (const [k, v] of rendered.own.headers) if (k !== 'content-length' && k !== 'set-cookie') res.setHeader(k, v)
        const cookies = rendered.own.headers.getSetCookie()
        if (cookies.length) res.setHeader('Set-Cookie', cookies)
        res.setHeader('X-Cache', 'MISS')
        res.send(rendered.body)
      } catch (error) {
        next(error)
      }
    },

    clear() {
      store.clear()
      bytes = 0
    },
  }
}
