import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

/**
 * A few seconds of caching for anonymous public pages (catalog, product, storefront,
 * directories). Only requests that carry no cookie but the language one are served from it,
 * only 200 HTML answers without Set-Cookie are kept, and each hit gets the current request's
 * CSP nonce swapped in, so the nonce stays unique per response. Stale by at most `ttlMs`.
 */
export interface MicroCacheOptions {
  ttlMs: number
  maxEntries?: number
  /** path prefixes that may be cached */
  paths: RegExp
  /** the Remix handler at the Fetch API level */
  handle: (request: Request, loadContext: { cspNonce: string }) => Promise<Response>
}

interface Entry {
  at: number
  status: number
  headers: [string, string][]
  body: string
  nonce: string
}

const ALLOWED_COOKIES = new Set(['lang'])

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

export function microCache(opts: MicroCacheOptions) {
  const store = new Map<string, Entry>()
  const inflight = new Map<string, Promise<Entry | null>>()
  const max = opts.maxEntries ?? 2000

  async function render(req: ExpressRequest, nonce: string): Promise<Entry | null> {
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const response = await opts.handle(new Request(url, { method: 'GET', headers }), { cspNonce: nonce })
    const body = await response.text()
    return {
      at: Date.now(),
      status: response.status,
      headers: [...response.headers.entries()],
      body,
      nonce,
    }
  }

  function cacheable(e: Entry) {
    return (
      e.status === 200 &&
      !e.headers.some(([k]) => k.toLowerCase() === 'set-cookie') &&
      e.headers.some(([k, v]) => k.toLowerCase() === 'content-type' && /text\/html|xml|text\/plain/.test(v))
    )
  }

  function send(res: ExpressResponse, e: Entry, nonce: string, hit: boolean) {
    res.status(e.status)
    for (const [k, v] of e.headers) if (k.toLowerCase() !== 'content-length') res.setHeader(k, v)
    res.setHeader('X-Cache', hit ? 'HIT' : 'MISS')
    res.send(e.nonce && nonce !== e.nonce ? e.body.replaceAll(e.nonce, nonce) : e.body)
  }

  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (opts.ttlMs <= 0 || req.method !== 'GET' || !opts.paths.test(req.path) || req.path.endsWith('.data') || !isAnonymous(req.headers.cookie)) {
      next()
      return
    }
    const nonce = res.locals.cspNonce as string
    const key = `${langOf(req.headers.cookie)}|${req.originalUrl}`
    try {
      const hit = store.get(key)
      if (hit && Date.now() - hit.at < opts.ttlMs) {
        send(res, hit, nonce, true)
        return
      }
      let pending = inflight.get(key)
      const mine = !pending
      if (!pending) {
        pending = render(req, nonce).finally(() => inflight.delete(key))
        inflight.set(key, pending)
      }
      const entry = await pending
      if (!entry) {
        next()
        return
      }
      if (mine && cacheable(entry)) {
        if (store.size >= max) store.delete(store.keys().next().value!)
        store.set(key, entry)
      }
      if (!mine && !cacheable(entry)) {
        // Someone else's uncacheable answer is not ours to reuse: render our own.
        send(res, (await render(req, nonce))!, nonce, false)
        return
      }
      send(res, entry, nonce, !mine)
    } catch (error) {
      next(error)
    }
  }
}
