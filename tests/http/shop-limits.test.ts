/**
 * Anonymous abuse over real HTTP (issue 11, item 10): beyond the limits a national admin sets,
 * a guest checkout answers 429 with Retry-After on the wire and writes nothing (no order, no
 * reserved stock, no queued email). The limits are set through the page, as an admin would;
 * the test servers' generous limits are put back afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

const ADMIN = 'admin@mitralipas.demo'
let slug = ''
let productId = ''
let saved: { key: string; value: number }[] = []

async function setLimits(limits: {
  ordersPerIp: number
  ordersPerEmail: number
  windowMinutes: number
  guestMaxUnits: number
}) {
  const r = await send('/admin/shop-limits', {
    cookie: await sessionFor(ADMIN),
    form: Object.fromEntries(Object.entries(limits).map(([k, v]) => [k, String(v)])),
  })
  expect(r.status).toBe(302)
  // Counts left by earlier test files from the same address must not decide these tests.
  await serverDb().deleteFrom('rate_limits').where('key', 'like', 'checkout:%').execute()
}

/** A new guest (no cookie) puts `qty` in a cart: returns the cart cookie. */
async function guestCart(qty = 1) {
  const r = await send(`/products/${slug}`, { form: { qty: String(qty) } })
  expect(r.status).toBe(302)
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('ml_cart='))
  expect(cookie).toBeTruthy()
  return cookie!.split(';')[0]!
}

const checkout = (cookie: string, email: string, path = '/checkout') =>
  send(path, { cookie, form: { name: 'Rina Kartika', email, phone: '081234567890', delivery: 'pickup' } })

async function emailsTo(address: string) {
  return (await serverDb().selectFrom('emails').select('id').where('to_address', '=', address).execute()).length
}

beforeAll(async () => {
  const p = await serverDb()
    .selectFrom('products')
    .select(['id', 'slug'])
    .where('name', '=', 'Sandal Jepit Karet')
    .executeTakeFirstOrThrow()
  slug = p.slug
  productId = p.id
  saved = await serverDb().selectFrom('shop_settings').select(['key', 'value']).execute()
})

afterAll(async () => {
  const limits = Object.fromEntries(saved.map((r) => [r.key, r.value])) as Parameters<typeof setLimits>[0]
  await setLimits(limits)
})

describe('guest checkout limits on the wire', () => {
  test('one IP beyond its order limit gets 429 with Retry-After, for a plain form post and a JavaScript one; nothing reserved, no email queued', async () => {
    await setLimits({ ordersPerIp: 3, ordersPerEmail: 1000, windowMinutes: 60, guestMaxUnits: 50 })
    const stock = async () =>
      (await serverDb().selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow())
        .stock
    const start = await stock()
    for (let i = 0; i < 3; i++) {
      const r = await checkout(await guestCart(2), `pembeli.http${i}@contoh.id`)
      expect(r.status, `order ${i + 1}`).toBe(302)
      expect(r.headers.get('Location')).toMatch(/^\/orders\/ML-\d{4}-\d{6}\//)
    }
    expect(await stock()).toBe(start - 6)

    for (const path of ['/checkout', '/checkout.data']) {
      const cookie = await guestCart(2)
      const before = await fingerprint()
      const r = await checkout(cookie, 'korban.http@contoh.id', path)
      expect(r.status, path).toBe(429)
      const retryAfter = r.headers.get('Retry-After')
      expect(retryAfter, path).toMatch(/^\d+$/)
      expect(Number(retryAfter)).toBeGreaterThan(0)
      expect(Number(retryAfter)).toBeLessThanOrEqual(3600)
      if (path === '/checkout') expect(r.text).toContain('Terlalu banyak pesanan dari jaringan Anda')
      expect(changedTables(before, await fingerprint()), path).toEqual([])
    }
    expect(await stock()).toBe(start - 6)
    expect(await emailsTo('korban.http@contoh.id')).toBe(0)
  })

  test('one email address beyond its limit gets 429 whatever the cart; nothing written; another address still orders', async () => {
    await setLimits({ ordersPerIp: 1000, ordersPerEmail: 2, windowMinutes: 60, guestMaxUnits: 50 })
    for (let i = 0; i < 2; i++) expect((await checkout(await guestCart(), 'korban.email@contoh.id')).status).toBe(302)
    const cookie = await guestCart()
    const before = await fingerprint()
    const r = await checkout(cookie, 'KORBAN.email@contoh.id')
    expect(r.status).toBe(429)
    expect(r.headers.get('Retry-After')).toMatch(/^\d+$/)
    expect(r.text).toContain('Terlalu banyak pesanan dengan alamat email ini')
    expect(changedTables(before, await fingerprint())).toEqual([])
    expect(await emailsTo('korban.email@contoh.id')).toBe(2)
    expect((await checkout(cookie, 'lain.email@contoh.id')).status).toBe(302)
  })

  test('a guest order above the unit cap is refused with 400 and writes nothing', async () => {
    await setLimits({ ordersPerIp: 1000, ordersPerEmail: 1000, windowMinutes: 60, guestMaxUnits: 3 })
    const cookie = await guestCart(4)
    const before = await fingerprint()
    const r = await checkout(cookie, 'banyak@contoh.id')
    expect(r.status).toBe(400)
    expect(r.text).toContain('Pesanan tanpa akun paling banyak 3 unit')
    expect(changedTables(before, await fingerprint())).toEqual([])
  })
})
