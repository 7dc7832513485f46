/**
 * Issue 13, item 6: nothing another instance needs is kept in one instance's memory. Two built
 * servers (A and B, separate processes) share one SQLite file and one S3-compatible bucket
 * (the mock of tests/mocks/s3.ts served on a loopback port, tests/support/s3-endpoint.ts), as
 * instances behind a load balancer share PostgreSQL and object storage. What one instance starts,
 * the other continues: a login, a cart, a rate limit, an uploaded proof or PKS, the messages file.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { DEMO_PASSWORD } from '#db/seed/demo.ts'
import { s3Mock } from '#tests/mocks/s3.ts'
import { startS3Endpoint } from '#tests/support/s3-endpoint.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { TMP } from '#tests/setup/paths.ts'
import { DEMO, demoIds } from './demo.ts'
import { PDF_BYTES, placeOrder, transferWithProof, uploadPks } from './shop.ts'
import { send, sessionFor } from './support.ts'

let a: BuiltServer
let b: BuiltServer
let bucket: Awaited<ReturnType<typeof startS3Endpoint>>
let db: DB
let ids: Awaited<ReturnType<typeof demoIds>>

const on = (server: BuiltServer, p: string, o: Parameters<typeof send>[1] = {}) =>
  send(p, { ...o, baseURL: server.baseURL })
const setCookie = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]

beforeAll(async () => {
  bucket = await startS3Endpoint()
  const dbFile = path.join(TMP, 'http-two-instances.db')
  // The demo seed writes its photos to the shared bucket too.
  const saved = { ...process.env }
  Object.assign(process.env, bucket.env)
  try {
    await freshDatabase(dbFile, { demo: true })
  } finally {
    for (const k of Object.keys(bucket.env)) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
  }
  const env = { ...bucket.env, TRUST_PROXY: 'loopback' }
  ;[a, b] = await Promise.all([
    startBuiltServer({ name: 'http-instance-a', dbFile, env }),
    startBuiltServer({ name: 'http-instance-b', dbFile, env }),
  ])
  db = createDb(dbFile).db
  ids = await demoIds(db)
})

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await db?.destroy()
  await bucket?.close()
})

describe('two instances on one database and one bucket', () => {
  test('a login on A is a session on B; logging out on B ends it on A', async () => {
    const login = await on(a, '/login', {
      form: { email: DEMO.buyer, password: DEMO_PASSWORD, redirectTo: '/account' },
    })
    expect(login.status).toBe(302)
    const cookie = setCookie(login.headers, 'ml_session')
    expect(cookie).toBeTruthy()
    const { name } = await db
      .selectFrom('users')
      .select('name')
      .where('email', '=', DEMO.buyer)
      .executeTakeFirstOrThrow()
    const onB = await on(b, '/account', { cookie })
    expect(onB.status).toBe(200)
    expect(onB.text).toContain(name)
    expect((await on(b, '/logout', { cookie, form: {} })).status).toBe(302)
    const afterwards = await on(a, '/account', { cookie })
    expect(afterwards.status).toBe(302)
    expect(afterwards.headers.get('Location')).toMatch(/^\/login/)
  })

  test('a cart filled on A is checked out on B, and the order page opens on A', async () => {
    const product = await db
      .selectFrom('products')
      .select(['slug', 'name'])
      .where('status', '=', 'published')
      .where('stock_mode', '=', 'stock')
      .where('stock', '>=', 5)
      .orderBy('stock', 'desc')
      .executeTakeFirstOrThrow()
    const added = await on(a, `/products/${product.slug}`, { form: { qty: '2' } })
    expect(added.status).toBe(302)
    const cart = setCookie(added.headers, 'ml_cart')
    expect(cart).toBeTruthy()
    const seen = await on(b, '/cart', { cookie: cart })
    expect(seen.status).toBe(200)
    expect(seen.text).toContain(product.name)
    const placed = await on(b, '/checkout', {
      cookie: cart,
      form: { name: 'Rina Kartika', email: 'rina.dua.instans@contoh.id', phone: '081234567890', delivery: 'pickup' },
    })
    expect(placed.status, placed.text.slice(0, 300)).toBe(302)
    const orderPath = placed.headers.get('Location')!
    expect(orderPath).toMatch(/^\/orders\/ML-\d{4}-\d{6}\//)
    const page = await on(a, orderPath)
    expect(page.status).toBe(200)
    expect(page.text).toContain(product.name)
  })

  test('a rate limit counts hits on both: the 11th login POST from one client in a minute is refused, whichever instance gets it', async () => {
    // The limit is a fixed one-minute window. Should a window boundary fall between the
    // requests (the rows below show it), the run is repeated from another client address.
    for (let attempt = 0; attempt < 3; attempt++) {
      const ip = `198.51.100.${20 + attempt}`
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) {
        const r = await on(i % 2 === 0 ? a : b, '/login', { form: { email: 'x' }, headers: { 'X-Forwarded-For': ip } })
        statuses.push(r.status)
      }
      const windows = await db
        .selectFrom('rate_limits')
        .select(['window_start', 'count'])
        .where('key', '=', `login:${ip}`)
        .execute()
      if (windows.length !== 1) continue
      expect(windows[0]!.count).toBe(12)
      expect(statuses.slice(0, 10).filter((s) => s === 429)).toEqual([])
      // The 11th went to A, the 12th to B: each refuses with what the other counted.
      expect(statuses.slice(10)).toEqual([429, 429])
      return
    }
    throw new Error('three runs each straddled a window boundary')
  })

  test('a proof uploaded through B is in the shared bucket and served through A to finance of the UPT only', async () => {
    const buyer = await sessionFor(DEMO.buyer, db)
    const order = await placeOrder(db, buyer, { uptId: ids.kediri, baseURL: a.baseURL })
    const { paymentId } = await transferWithProof(db, order.path, order.number, buyer, { baseURL: b.baseURL })
    const { proof_file } = await db
      .selectFrom('payments')
      .select('proof_file')
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow()
    const stored = s3Mock.bucket(bucket.env.S3_BUCKET).get(`proofs/${proof_file}`)
    expect(stored, 'the object is in the bucket').toBeTruthy()

    const url = new URL(`/finance/upt/${ids.kediri}/payments/proof/${paymentId}`, a.baseURL)
    const mine = await fetch(url, { headers: { Cookie: await sessionFor(DEMO.financeKediri, db) }, redirect: 'manual' })
    expect(mine.status).toBe(200)
    expect(Buffer.from(await mine.arrayBuffer()).equals(Buffer.from(stored!.body))).toBe(true)
    const other = await fetch(url, {
      headers: { Cookie: await sessionFor(DEMO.financeBangli, db) },
      redirect: 'manual',
    })
    expect(other.status).toBe(403)
  })

  test('a PKS uploaded through A downloads through B; demo photos seeded once are served by both', async () => {
    const partner = await sessionFor(DEMO.partner, db)
    expect((await uploadPks(ids.agreementId, partner, 'PKS.pdf', { baseURL: a.baseURL })).status).toBe(302)
    const { version } = await db
      .selectFrom('agreement_documents')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('agreement_id', '=', ids.agreementId)
      .executeTakeFirstOrThrow()
    const r = await fetch(new URL(`/agreements/${ids.agreementId}/pks/${version}`, b.baseURL), {
      headers: { Cookie: partner },
    })
    expect(r.status).toBe(200)
    expect(Buffer.from(await r.arrayBuffer()).equals(Buffer.from(PDF_BYTES))).toBe(true)
    for (const server of [a, b]) {
      const photo = await fetch(new URL(`/uploads/${ids.imageFile}`, server.baseURL))
      expect(photo.status).toBe(200)
      expect(photo.headers.get('Content-Type')).toBe('image/webp')
    }
  })

  test('both name the same messages file, and each serves the other’s as this release’s (immutable)', async () => {
    const href = async (server: BuiltServer) =>
      /href="(\/i18n\/id\.[0-9a-f]{16}\.json)"/.exec((await on(server, '/')).text)?.[1]
    const fromA = await href(a)
    expect(fromA).toBeTruthy()
    expect(await href(b)).toBe(fromA)
    const file = await on(b, fromA!)
    expect(file.status).toBe(200)
    expect(file.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })
})
