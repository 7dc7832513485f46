/**
 * Pages that show someone's data (account, orders, finance, admin, UPT and partner pages, the
 * secret order link) must not be kept by a browser's or a proxy's cache: a shared computer's
 * back button or disk cache would show them to the next person. The rule is central (the
 * server's privateByDefault): every answer is `no-store` unless it is a public page asked for
 * without a session, or the route declared its own policy for a shared asset. Page routes are
 * discovered from app/routes, so a new page is covered the day it is added.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { DEMO, demoUrls, roleFor } from './demo.ts'
import { routeFiles, type RouteFile } from './routes.ts'
import { send, serverDb, sessionFor } from './support.ts'

let urlOf: (route: RouteFile) => string
let secretOrderPath: string
let imageFile: string

beforeAll(async () => {
  const demo = await demoUrls(serverDb())
  urlOf = demo.url
  secretOrderPath = demo.order.path
  imageFile = demo.ids.imageFile
})

const pages = routeFiles().filter((r) => !r.resource && r.loader)

/** Public pages: the same for every anonymous visitor (the page cache serves them as well). */
const PUBLIC = [
  '/',
  '/products',
  '/products/$slug',
  '/stores/$slug',
  '/programs',
  '/programs/$programId',
  '/partners',
  '/partners/$slug',
  '/partners/$slug/impact',
  '/offers',
  '/impact',
  '/data',
  '/info/$slug',
  '/cerita',
  '/cerita/$slug',
]

describe('Cache-Control on the wire', () => {
  test('found the pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(60)
    for (const p of PUBLIC) expect(pages.map((r) => r.pattern)).toContain(p)
  })

  test.each(pages.map((r) => [r.file, r] as const))(
    '%s, signed in, is no-store (document and data)',
    async (_file, route) => {
      const cookie = await sessionFor(DEMO[roleFor(route.pattern)])
      const url = urlOf(route)
      const dataUrl = `${url === '/' ? '/_root' : url}.data${route.index ? '?index' : ''}`
      for (const target of [url, dataUrl]) {
        const r = await send(target, { cookie })
        expect(r.headers.get('Cache-Control') ?? '(none)', `${target} answered ${r.status}`).toMatch(/\bno-store\b/)
      }
    },
  )

  test('anonymous: the secret order link, cart, checkout, sign-in and every non-public page are no-store; public pages are not', async () => {
    for (const route of pages) {
      const url = urlOf(route)
      const r = await send(url)
      if (PUBLIC.includes(route.pattern))
        expect(r.headers.get('Cache-Control') ?? '', `${url} is public`).not.toMatch(/no-store/)
      else expect(r.headers.get('Cache-Control') ?? '(none)', `${url} answered ${r.status}`).toMatch(/\bno-store\b/)
    }
    const order = await send(secretOrderPath)
    expect(order.status).toBe(200)
    expect(order.headers.get('Cache-Control') ?? '(none)').toMatch(/\bno-store\b/)
  })

  test('a public page asked for with a session is no-store: its header names the signed-in user', async () => {
    const cookie = await sessionFor(DEMO.buyer)
    for (const path of ['/', '/products', '/impact']) {
      const r = await send(path, { cookie })
      expect(r.status).toBe(200)
      expect(r.headers.get('Cache-Control') ?? '(none)', path).toMatch(/\bno-store\b/)
    }
  })

  test('shared assets keep the policy their route declared, with or without a session', async () => {
    const cookie = await sessionFor(DEMO.financeKediri)
    for (const c of [undefined, cookie]) {
      const image = await send(`/uploads/${imageFile}`, { cookie: c })
      expect(image.status).toBe(200)
      expect(image.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      const robots = await send('/robots.txt', { cookie: c })
      expect(robots.headers.get('Cache-Control')).toBe('public, max-age=3600')
    }
  })
})
