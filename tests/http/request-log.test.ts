/**
 * Structured logs and error pages over real HTTP (issue 12, item 7): a server of its own at
 * LOG_LEVEL=info, with the page cache on; a trigger on the photos table makes one upload fail the
 * way no code expects (a storage outage is a handled 503, see tests/integration/upload-storage.test.ts).
 */
import { sql } from 'kysely'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { DEMO_PASSWORD } from '#db/seed/demo.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '../support/built-server.ts'
import { TMP } from '../setup/paths.ts'
import { send, sessionFor } from './support.ts'

const DB_FILE = path.join(TMP, 'request-log.db')
let server: BuiltServer
let db: DB

beforeAll(async () => {
  await freshDatabase(DB_FILE, { demo: true, uploadDir: path.join(TMP, 'request-log-uploads') })
  server = await startBuiltServer({
    name: 'request-log',
    dbFile: DB_FILE,
    env: { LOG_LEVEL: 'info', PAGE_CACHE_SECONDS: '60', UPLOAD_DIR: path.join(TMP, 'request-log-uploads') },
  })
  db = createDb(DB_FILE).db
})

afterAll(async () => {
  await server?.stop()
  await db?.destroy()
})

interface Line {
  level: string
  msg: string
  requestId?: string
  userId?: string
  method?: string
  path?: string
  route?: string
  status?: number
  durationMs?: number
  err?: { message?: string; stack?: string }
}

function lines(): Line[] {
  return fs
    .readFileSync(server.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line)
}

/** The request line of `requestId`, once the server has written it. */
async function requestLine(requestId: string): Promise<Line> {
  await expect
    .poll(() => lines().some((l) => l.requestId === requestId && l.msg.startsWith('request ')), { timeout: 10_000 })
    .toBe(true)
  return lines().find((l) => l.requestId === requestId && l.msg.startsWith('request '))!
}

const get = (p: string, o: { cookie?: string; requestId?: string } = {}) =>
  send(p, { baseURL: server.baseURL, cookie: o.cookie, headers: o.requestId ? { 'X-Request-Id': o.requestId } : {} })

describe('request lines', () => {
  test('a sign-in is one line with request id, user id, route, status and duration; no password, cookie or email in the log', async () => {
    const r = await send('/login', {
      baseURL: server.baseURL,
      form: { email: 'pembeli@mitralipas.demo', password: DEMO_PASSWORD, redirectTo: '' },
      cookie: 'lang=id; ml_cart=CART-COOKIE-VALUE',
      headers: { 'X-Request-Id': 'proxy-login-1' },
    })
    expect(r.status).toBe(302)
    expect(r.headers.get('x-request-id')).toBe('proxy-login-1')
    const buyer = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'pembeli@mitralipas.demo')
      .executeTakeFirstOrThrow()
    const line = await requestLine('proxy-login-1')
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request completed',
      userId: buyer.id,
      method: 'POST',
      path: '/login',
      route: '/login',
      status: 302,
    })
    expect(line.durationMs).toEqual(expect.any(Number))
    const session = r.headers
      .getSetCookie()
      .find((c) => c.startsWith('ml_session='))!
      .split(';')[0]!
      .split('=')[1]!
    // Signed in: the next request's line names the user, read where the session is read anyway.
    await get('/account', { cookie: `ml_session=${session}`, requestId: 'proxy-account-1' })
    expect(await requestLine('proxy-account-1')).toMatchObject({ userId: buyer.id, route: '/account', status: 200 })
    const log = fs.readFileSync(server.logFile, 'utf8')
    for (const secret of [DEMO_PASSWORD, 'CART-COOKIE-VALUE', session, 'pembeli@mitralipas.demo'])
      expect(log).not.toContain(secret)
  })

  test('an X-Request-Id that is not a plain token is replaced by a new one, echoed on the answer', async () => {
    const r = await get('/programs', { requestId: 'two words' })
    const id = r.headers.get('x-request-id')!
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(await requestLine(id)).toMatchObject({ route: '/programs', status: 200, path: '/programs' })
  })

  test('a page served from the page cache has its own request id and line; the secret of an order link is not logged', async () => {
    await get('/products')
    const hit = await get('/products', { requestId: 'cache-hit-1' })
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect(hit.headers.get('x-request-id')).toBe('cache-hit-1')
    expect(await requestLine('cache-hit-1')).toMatchObject({ route: '/products', status: 200 })
    const order = await get('/orders/ML-NO-SUCH/t0p-s3cret-t0ken', { requestId: 'order-link-1' })
    expect(order.status).toBe(404)
    expect(await requestLine('order-link-1')).toMatchObject({
      route: '/orders/:number/:token',
      path: '/orders/ML-NO-SUCH/[redacted]',
    })
    expect(fs.readFileSync(server.logFile, 'utf8')).not.toContain('t0p-s3cret-t0ken')
  })
})

describe('error boundaries of form routes', () => {
  const STAFF = 'staf.kediri@mitralipas.demo'
  let base = ''
  beforeAll(async () => {
    const upt = await db
      .selectFrom('upts')
      .select('id')
      .where('slug', '=', 'lapas-kelas-iia-kediri')
      .executeTakeFirstOrThrow()
    const product = await db.selectFrom('products').select('id').where('upt_id', '=', upt.id).executeTakeFirstOrThrow()
    base = `/upt/${upt.id}/products/${product.id}`
  })

  test("a 404 keeps the page's header and footer and says so in the page's language", async () => {
    const r = await get(`${base.replace(/[^/]+$/, 'no-such-product')}`, { cookie: await sessionFor(STAFF, db) })
    expect(r.status).toBe(404)
    expect(r.text).toContain('class="site-header"')
    expect(r.text).toContain('class="site-footer"')
    expect(r.text).toMatch(/<h1 id="error-title">Halaman tidak ditemukan<\/h1>/)
    expect(r.text).not.toContain('data-request-id')
  })

  test('a server failure shows a generic message and the request id, never the error; the log has the error under that id', async () => {
    // A fault no code expects (a storage failure is a 503 with its own message): the photo's row
    // cannot be written.
    await sql
      .raw(
        "create trigger request_log_boom before insert on product_images begin select raise(abort, 'request-log-trigger-boom'); end",
      )
      .execute(db)
    const photo = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#2a6f4e' } })
      .png()
      .toBuffer()
    const form = new FormData()
    form.set('intent', 'upload')
    form.set('alt', 'Sandal')
    form.set('image', new File([new Uint8Array(photo)], 'sandal.png', { type: 'image/png' }))
    const r = await send(base, {
      baseURL: server.baseURL,
      body: form,
      cookie: await sessionFor(STAFF, db),
      headers: { 'X-Request-Id': 'upload-fails-1' },
    })
    expect(r.status).toBe(500)
    expect(r.text).toContain('class="site-header"')
    expect(r.text).toMatch(/<h1 id="error-title">Terjadi kesalahan<\/h1>/)
    expect(r.text).toContain('<code data-request-id="upload-fails-1">upload-fails-1</code>')
    for (const leak of ['request-log-trigger-boom', 'SqliteError', '    at ']) expect(r.text).not.toContain(leak)
    expect(await requestLine('upload-fails-1')).toMatchObject({
      level: 'error',
      msg: 'request failed',
      status: 500,
      route: '/upt/:uptId/products/:productId',
    })
    const failure = lines().find((l) => l.requestId === 'upload-fails-1' && l.msg === 'unhandled server error')
    expect(failure?.err?.stack).toBeTruthy()
  })
})
