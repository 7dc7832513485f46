import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { http as mswHttp, passthrough } from 'msw'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { server as msw } from '#tests/mocks/server.ts'
import { isAnonymous, microCache } from '../../server/micro-cache.ts'

let server: http.Server | undefined
afterEach(() => server?.close())
// These requests go to a real local server: let them through msw.
beforeEach(() => msw.use(mswHttp.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())))

async function start(handler: (req: Request, ctx: { cspNonce: string }) => Promise<Response>, ttlMs = 60_000) {
  const app = express()
  let n = 0
  app.use((_req, res, next) => {
    res.locals.cspNonce = `nonce${++n}`
    next()
  })
  app.use(microCache({ ttlMs, paths: /^\/products(\/.*)?$/, handle: handler }))
  app.use((_req, res) => res.status(418).send('fell through'))
  server = app.listen(0)
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

describe('micro-cache for anonymous public pages', () => {
  test('renders once, then serves hits with the current nonce swapped in', async () => {
    let renders = 0
    const base = await start(async (_req, ctx) => {
      renders++
      return new Response(`<script nonce="${ctx.cspNonce}">x</script><p>${renders}</p>`, { headers: { 'content-type': 'text/html' } })
    })
    const a = await fetch(`${base}/products`)
    const b = await fetch(`${base}/products`)
    expect(a.headers.get('x-cache')).toBe('MISS')
    expect(b.headers.get('x-cache')).toBe('HIT')
    expect(await a.text()).toBe('<script nonce="nonce1">x</script><p>1</p>')
    expect(await b.text()).toBe('<script nonce="nonce2">x</script><p>1</p>')
    expect(renders).toBe(1)
  })

  test('signed-in or cart-holding visitors, other paths and non-GET requests bypass it', async () => {
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
  })

  test('answers that set cookies or are not 200 are never stored', async () => {
    let renders = 0
    const base = await start(async (req) => {
      renders++
      if (req.url.endsWith('/missing')) return new Response('<p>404</p>', { status: 404, headers: { 'content-type': 'text/html' } })
      return new Response('<p>x</p>', { headers: { 'content-type': 'text/html', 'set-cookie': 'flash=; Max-Age=0' } })
    })
    await fetch(`${base}/products`)
    await fetch(`${base}/products`)
    await fetch(`${base}/products/missing`)
    const again = await fetch(`${base}/products/missing`)
    expect(again.status).toBe(404)
    expect(renders).toBe(4)
  })

  test('entries expire after the TTL', async () => {
    let renders = 0
    const base = await start(async () => {
      renders++
      return new Response(`<p>${renders}</p>`, { headers: { 'content-type': 'text/html' } })
    }, 50)
    await fetch(`${base}/products`)
    await new Promise((r) => setTimeout(r, 80))
    expect(await (await fetch(`${base}/products`)).text()).toBe('<p>2</p>')
  })

  test('only the language cookie keeps a request anonymous', () => {
    expect(isAnonymous(undefined)).toBe(true)
    expect(isAnonymous('lang=en')).toBe(true)
    expect(isAnonymous('lang=en; ml_session=x')).toBe(false)
    expect(isAnonymous('__Host-ml_session=x')).toBe(false)
  })
})
