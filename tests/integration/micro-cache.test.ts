import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import express from 'express'
import { http as mswHttp, passthrough } from 'msw'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { server as msw } from '#tests/mocks/server.ts'
import { isAnonymous, microCache, pickEncoding, sealScripts } from '../../server/micro-cache.ts'
import { securityHeaderList, securityHeaders } from '../../server/security.ts'

let server: http.Server | undefined
afterEach(() => server?.close())
// These requests go to a real local server: let them through msw.
beforeEach(() => msw.use(mswHttp.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())))

const security = { production: true }

/** The cache's clock: tests move it forward instead of sleeping. */
let clock = 0
/** Requests the server has taken so far (hits and misses). */
let arrived = 0
beforeEach(() => {
  clock = 1_000_000
  arrived = 0
})

/** The same arrangement as server/index.ts: hits before Express, fills after the security headers. */
async function start(
  handler: (req: Request, ctx: { cspNonce: string }) => Promise<Response>,
  opts: { ttlMs?: number; maxBytes?: number } = {},
) {
  const app = express()
  app.use(securityHeaders(security))
  const cache = microCache({
    ttlMs: opts.ttlMs ?? 60_000,
    maxBytes: opts.maxBytes,
    paths: /^\/products(\/.*)?$/,
    handle: handler,
    loadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string, requestId: 'test' }),
    securityHeaders: (sources) => securityHeaderList(security, sources),
    now: () => clock,
  })
  app.use(cache.middleware)
  app.use((_req, res) => res.status(418).send('fell through'))
  server = http.createServer((req, res) => {
    arrived++
    if (!cache.serveHit(req, res)) app(req, res)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

/** A GET whose body is left as sent (fetch would decompress it). */
function raw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

const sha = (s: string) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`

function scriptSrc(csp: string | string[] | undefined): string {
  return /script-src ([^;]*)/.exec(String(csp))![1]!
}

const html = (nonce: string, extra = '') =>
  `<html><body><p>${'katalog '.repeat(300)}</p>${extra}<script nonce="${nonce}">window.a = 1</script>` +
  `<script type="application/ld+json" nonce="${nonce}">{"@type":"Product"}</script>` +
  `<script nonce="${nonce}" type="module" async="">import "/build/x.js";</script></body></html>`

describe('page cache for anonymous public pages', () => {
  test('renders once; every response of an entry shares one body whose inline scripts the CSP allows by hash', async () => {
    let renders = 0
    const nonces: string[] = []
    const base = await start(async (_req, ctx) => {
      renders++
      nonces.push(ctx.cspNonce)
      return new Response(html(ctx.cspNonce), { headers: { 'content-type': 'text/html; charset=utf-8' } })
    })
    const a = await raw(`${base}/products`)
    const b = await raw(`${base}/products`)
    expect(renders).toBe(1)
    expect(a.headers['x-cache']).toBe('MISS')
    expect(b.headers['x-cache']).toBe('HIT')
    expect(b.body.equals(a.body)).toBe(true)
    const body = b.body.toString('utf8')
    // The nonce the page was rendered with is gone from the body and from the policy.
    expect(nonces[0]).toBeTruthy()
    expect(body).not.toContain(nonces[0])
    expect(body).not.toContain('nonce=')
    for (const r of [a, b]) {
      const src = scriptSrc(r.headers['content-security-policy'])
      expect(src).not.toContain("'nonce-")
      expect(src).not.toContain('unsafe-inline')
      expect(src.split(' ').sort()).toEqual(
        ["'self'", "'strict-dynamic'", sha('window.a = 1'), sha('import "/build/x.js";')].sort(),
      )
    }
    // Each executable inline script of the body is allowed, the JSON-LD data block needs no hash.
    for (const m of body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (m[1]!.includes('ld+json')) expect(scriptSrc(b.headers['content-security-policy'])).not.toContain(sha(m[2]!))
      else expect(scriptSrc(b.headers['content-security-policy'])).toContain(sha(m[2]!))
    }
  })

  test('a script that reached the page through its data (no render nonce) is not allowed by the hashes', async () => {
    const base = await start(
      async (_req, ctx) =>
        new Response(html(ctx.cspNonce, '<script>alert(1)</script><script nonce="guess">alert(2)</script>'), {
          headers: { 'content-type': 'text/html' },
        }),
    )
    await raw(`${base}/products`)
    const hit = await raw(`${base}/products`)
    const src = scriptSrc(hit.headers['content-security-policy'])
    expect(src).not.toContain(sha('alert(1)'))
    expect(src).not.toContain(sha('alert(2)'))
    expect(src).toContain(sha('window.a = 1'))
  })

  test('hits keep the protective headers', async () => {
    const base = await start(
      async (_req, ctx) => new Response(html(ctx.cspNonce), { headers: { 'content-type': 'text/html' } }),
    )
    await raw(`${base}/products`)
    const hit = await raw(`${base}/products`)
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(hit.headers['content-security-policy']).toContain("object-src 'none'")
    expect(hit.headers['content-security-policy']).toContain('upgrade-insecure-requests')
    expect(hit.headers['x-content-type-options']).toBe('nosniff')
    expect(hit.headers['x-frame-options']).toBe('DENY')
    expect(hit.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(hit.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(hit.headers['x-powered-by']).toBeUndefined()
  })

  test('gzip and brotli bodies are computed once per entry and decode to the same page', async () => {
    const base = await start(
      async (_req, ctx) =>
        new Response(html(ctx.cspNonce), { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    )
    const plain = await raw(`${base}/products`)
    const gz = await raw(`${base}/products`, { 'accept-encoding': 'gzip, deflate' })
    const br = await raw(`${base}/products`, { 'accept-encoding': 'gzip, deflate, br' })
    const noBr = await raw(`${base}/products`, { 'accept-encoding': 'br;q=0, gzip' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(br.headers['content-encoding']).toBe('br')
    expect(noBr.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true)
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true)
    expect(gz.body.length).toBeLessThan(plain.body.length)
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length)
    for (const r of [plain, gz, br]) {
      expect(r.headers.vary).toContain('Accept-Encoding')
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(r.headers.etag).toBe(plain.headers.etag)
      expect(r.headers['content-security-policy']).toBe(plain.headers['content-security-policy'])
    }
  })

  test('a matching If-None-Match gets 304 with the same validators and policy', async () => {
    const base = await start(
      async (_req, ctx) => new Response(html(ctx.cspNonce), { headers: { 'content-type': 'text/html' } }),
    )
    const first = await raw(`${base}/products`)
    expect(first.headers.etag).toMatch(/^W\/"/)
    const again = await raw(`${base}/products`, { 'if-none-match': first.headers.etag! })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers.etag).toBe(first.headers.etag)
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy'])
    expect((await raw(`${base}/products`, { 'if-none-match': 'W/"other"' })).status).toBe(200)
  })

  test("a page's own strong ETag is weakened, since its encodings share it", async () => {
    const base = await start(
      async (_req, ctx) => new Response(html(ctx.cspNonce), { headers: { 'content-type': 'text/html', etag: '"v1"' } }),
    )
    const first = await raw(`${base}/products`, { 'accept-encoding': 'gzip' })
    expect(first.headers.etag).toBe('W/"v1"')
    expect((await raw(`${base}/products`, { 'if-none-match': '"v1"' })).status).toBe(304)
  })

  test('signed-in visitors, unknown cookies, other paths and non-GET requests bypass it', async () => {
    let renders = 0
    const base = await start(async () => {
      renders++
      return new Response('<p>x</p>', { headers: { 'content-type': 'text/html' } })
    })
    await fetch(`${base}/products`, { headers: { cookie: 'ml_session=abc' } })
    await fetch(`${base}/products`, { headers: { cookie: 'lang=en; cart=xyz' } })
    expect(renders).toBe(0)
    expect((await fetch(`${base}/account`)).status).toBe(418)
    expect((await fetch(`${base}/products`, { method: 'POST' })).status).toBe(418)
    await fetch(`${base}/products`, { headers: { cookie: 'lang=en' } })
    await fetch(`${base}/products`)
    expect(renders).toBe(2) // one per language
    // With an entry in place, a signed-in visitor still never gets it.
    const signedIn = await fetch(`${base}/products`, { headers: { cookie: 'lang=en; __Host-ml_session=abc' } })
    expect(signedIn.status).toBe(418)
    expect(signedIn.headers.get('x-cache')).toBeNull()
  })

  test('answers that set cookies or are not 200 are never stored, and keep the per-request nonce', async () => {
    let renders = 0
    const nonces: string[] = []
    const base = await start(async (req, ctx) => {
      renders++
      nonces.push(ctx.cspNonce)
      if (req.url.endsWith('/missing'))
        return new Response(`<p>404</p><script nonce="${ctx.cspNonce}">x</script>`, {
          status: 404,
          headers: { 'content-type': 'text/html' },
        })
      return new Response('<p>x</p>', { headers: { 'content-type': 'text/html', 'set-cookie': 'flash=; Max-Age=0' } })
    })
    const withCookie = await raw(`${base}/products`)
    expect(withCookie.headers['set-cookie']).toEqual(['flash=; Max-Age=0'])
    await raw(`${base}/products`)
    await raw(`${base}/products/missing`)
    const again = await raw(`${base}/products/missing`)
    expect(again.status).toBe(404)
    expect(renders).toBe(4)
    expect(again.body.toString()).toContain(`nonce="${nonces[3]}"`)
    expect(scriptSrc(again.headers['content-security-policy'])).toContain(`'nonce-${nonces[3]}'`)
  })

  test('a page whose nonce-carrying script loads a src is not shared', async () => {
    let renders = 0
    const base = await start(async (_req, ctx) => {
      renders++
      return new Response(`<script nonce="${ctx.cspNonce}" src="/x.js"></script>`, {
        headers: { 'content-type': 'text/html' },
      })
    })
    const a = await raw(`${base}/products`)
    await raw(`${base}/products`)
    expect(renders).toBe(2)
    expect(scriptSrc(a.headers['content-security-policy'])).toContain("'nonce-")
  })

  test('the Host header is part of the key', async () => {
    let renders = 0
    const base = await start(async () => {
      renders++
      return new Response('<p>x</p>', { headers: { 'content-type': 'text/html' } })
    })
    await raw(`${base}/products`, { host: 'a.example' })
    await raw(`${base}/products`, { host: 'b.example' })
    await raw(`${base}/products`, { host: 'a.example' })
    expect(renders).toBe(2)
  })

  test('entries expire after the TTL', async () => {
    let renders = 0
    const base = await start(
      async () => {
        renders++
        return new Response(`<p>${renders}</p>`, { headers: { 'content-type': 'text/html' } })
      },
      { ttlMs: 50 },
    )
    await fetch(`${base}/products`)
    clock += 49
    expect(await (await fetch(`${base}/products`)).text()).toBe('<p>1</p>')
    clock += 1
    expect(await (await fetch(`${base}/products`)).text()).toBe('<p>2</p>')
  })

  test('while one request re-renders an expired page, others get the previous copy, for one more TTL at most', async () => {
    let renders = 0
    let release: () => void = () => {}
    const base = await start(
      async () => {
        renders++
        if (renders === 2) await new Promise<void>((r) => (release = r))
        return new Response(`<p>${renders}</p>`, { headers: { 'content-type': 'text/html' } })
      },
      { ttlMs: 400 },
    )
    expect((await raw(`${base}/products`)).body.toString()).toBe('<p>1</p>')
    clock += 420
    const refilling = raw(`${base}/products`)
    await expect.poll(() => renders).toBe(2)
    const meanwhile = await raw(`${base}/products`)
    expect(meanwhile.headers['x-cache']).toBe('STALE')
    expect(meanwhile.body.toString()).toBe('<p>1</p>')
    release()
    const refilled = await refilling
    expect(refilled.headers['x-cache']).toBe('MISS')
    expect(refilled.body.toString()).toBe('<p>2</p>')
    expect((await raw(`${base}/products`)).headers['x-cache']).toBe('HIT')
    // Past two TTLs a copy is never served, even while a render is under way: requests wait for it.
    clock += 800
    renders = 1 // the next render (2) waits again
    const slow = raw(`${base}/products`)
    await expect.poll(() => renders).toBe(2)
    const before = arrived
    const other = raw(`${base}/products`)
    await expect.poll(() => arrived).toBe(before + 1)
    release()
    const waited = await other
    // Answered from the render it waited for (a copy served meanwhile would say STALE).
    expect(waited.headers['x-cache']).toBe('HIT')
    expect(waited.body.toString()).toBe('<p>2</p>')
    expect((await slow).headers['x-cache']).toBe('MISS')
  })

  test('the oldest entries make room when the byte budget is reached', async () => {
    let renders = 0
    const base = await start(
      async () => {
        renders++
        return new Response(`<p>${'x'.repeat(600)}</p>`, { headers: { 'content-type': 'text/html' } })
      },
      { maxBytes: 1500 },
    )
    await raw(`${base}/products/a`)
    await raw(`${base}/products/b`)
    await raw(`${base}/products/b`)
    expect(renders).toBe(2)
    await raw(`${base}/products/c`) // evicts a
    await raw(`${base}/products/a`)
    expect(renders).toBe(4)
  })

  test('only the language cookie keeps a request anonymous', () => {
    expect(isAnonymous(undefined)).toBe(true)
    expect(isAnonymous('lang=en')).toBe(true)
    // A guest cart changes nothing a public page renders (ADR 021): its holders share the copies.
    expect(isAnonymous('lang=en; ml_cart=x; ml_cart_n=2')).toBe(true)
    expect(isAnonymous('__Host-ml_cart=x; ml_cart_n=2')).toBe(true)
    expect(isAnonymous('lang=en; ml_session=x')).toBe(false)
    expect(isAnonymous('__Host-ml_session=x')).toBe(false)
  })

  test('encoding negotiation honours q-values', () => {
    expect(pickEncoding(undefined)).toBe('identity')
    expect(pickEncoding('gzip')).toBe('gzip')
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(pickEncoding('br;q=0.5, gzip')).toBe('gzip')
    expect(pickEncoding('gzip;q=0, deflate')).toBe('identity')
    expect(pickEncoding('*')).toBe('br')
  })

  test('sealScripts hashes only executable scripts carrying the render nonce', () => {
    const sealed = sealScripts(
      '<script nonce="n1">a()</script><script>b()</script><script type="application/json" nonce="n1">{}</script>',
      'n1',
    )!
    expect(sealed.hashes).toEqual([sha('a()')])
    expect(sealed.body).toBe('<script>a()</script><script>b()</script><script type="application/json">{}</script>')
  })
})
