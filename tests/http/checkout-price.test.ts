/**
 * Issue 14, items 1, 7 and 8 over real HTTP: the page cache gives two shoppers with different
 * carts the same bytes while each keeps its own count cookie; "Hitung ongkir" answers the price and
 * writes nothing; the catalog past its last page says so instead of "no products".
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { readCartCount } from '#app/lib/cart-count.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { TMP } from '../setup/paths.ts'
import { changedTables, fingerprint, send, serverDb } from './support.ts'

const DB_FILE = path.join(TMP, 'checkout-price-cache.db')
let cached: BuiltServer
let cachedDb: DB

beforeAll(async () => {
  await freshDatabase(DB_FILE, { demo: true, uploadDir: path.join(TMP, 'checkout-price-uploads') })
  cached = await startBuiltServer({
    name: 'checkout-price-cache',
    dbFile: DB_FILE,
    env: { PAGE_CACHE_SECONDS: '60', UPLOAD_DIR: path.join(TMP, 'checkout-price-uploads') },
  })
  cachedDb = createDb(DB_FILE).db
}, 120_000)

afterAll(async () => {
  await cached?.stop()
  await cachedDb?.destroy()
})

/** A new shopper puts `qty` of a product in a cart on the cached server: its cookies and the count it was given. */
async function shopper(slug: string, qty: number) {
  const r = await send(`/products/${slug}`, { baseURL: cached.baseURL, form: { qty: String(qty) } })
  expect(r.status).toBe(302)
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]!)
  const cart = cookies.find((c) => c.startsWith('ml_cart='))!
  const count = cookies.find((c) => c.startsWith('ml_cart_n='))!
  expect(r.headers.getSetCookie().find((c) => c.startsWith('ml_cart_n='))).not.toMatch(/HttpOnly/i)
  return { cookie: `${cart}; ${count}`, count: readCartCount(count) }
}

describe('the header count and the page cache', () => {
  test('two shoppers with different carts get the same cached bytes, each with its own count cookie', async () => {
    const slug = (
      await cachedDb
        .selectFrom('products')
        .select('slug')
        .where('name', '=', 'Sandal Jepit Karet')
        .executeTakeFirstOrThrow()
    ).slug
    const a = await shopper(slug, 2)
    const b = await shopper(slug, 5)
    expect([a.count, b.count]).toEqual([2, 5])
    for (const page of ['/products', `/products/${slug}`, '/']) {
      const first = await send(page, { baseURL: cached.baseURL, cookie: a.cookie })
      const second = await send(page, { baseURL: cached.baseURL, cookie: b.cookie })
      const anonymous = await send(page, { baseURL: cached.baseURL })
      expect(first.status, page).toBe(200)
      // Served from the one shared copy: same bytes (nonce-free, hash CSP) whoever asks.
      expect(second.headers.get('x-cache'), page).toBe('HIT')
      expect(anonymous.headers.get('x-cache'), page).toBe('HIT')
      expect(second.text, page).toBe(first.text)
      expect(anonymous.text, page).toBe(first.text)
      expect(second.headers.get('etag'), page).toBe(first.headers.get('etag'))
      // No count and no cart in the shared page: the browser reads its own count from its cookie.
      expect(first.text, page).not.toContain('data-testid="cart-count"')
      expect(first.headers.getSetCookie(), page).toEqual([])
    }
    // The cart page (never cached) refreshes each shopper's count from the database.
    const cartA = await send('/cart', { baseURL: cached.baseURL, cookie: a.cookie })
    const cartB = await send('/cart', { baseURL: cached.baseURL, cookie: b.cookie })
    expect(cartA.headers.get('cache-control')).toBe('no-store')
    expect(
      readCartCount(
        cartA.headers
          .getSetCookie()
          .find((c) => c.startsWith('ml_cart_n='))!
          .split(';')[0]!,
      ),
    ).toBe(2)
    expect(
      readCartCount(
        cartB.headers
          .getSetCookie()
          .find((c) => c.startsWith('ml_cart_n='))!
          .split(';')[0]!,
      ),
    ).toBe(5)
  })
})

describe('the price before ordering', () => {
  test('"Hitung ongkir" answers 200 with the shipping per UPT and the total, and writes nothing; an unknown province is 400', async () => {
    const db = serverDb()
    const slug = (
      await db
        .selectFrom('products')
        .select('slug')
        .where('name', '=', 'Kopi Arabika Kintamani')
        .executeTakeFirstOrThrow()
    ).slug
    const added = await send(`/products/${slug}`, { form: { qty: '1' } })
    const cookie = added.headers
      .getSetCookie()
      .find((c) => c.startsWith('ml_cart='))!
      .split(';')[0]!
    const before = await fingerprint(db)
    const page = await send('/checkout', {
      cookie,
      form: { intent: 'quote', delivery: 'ship', provinceId: '35', name: '', email: '' },
    })
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    // Bangli (Bali) to Jawa Timur: the demo's "other islands" fee of Rp 65.000 on Rp 65.000 of coffee.
    expect(page.text).toContain('Rp 65.000')
    expect(page.text).toContain('Rp 130.000')
    expect(page.text).toContain('Total yang dibayar')
    expect(changedTables(before, await fingerprint(db))).toEqual([])
    const bad = await send('/checkout', { cookie, form: { intent: 'quote', delivery: 'ship', provinceId: '99' } })
    expect(bad.status).toBe(400)
    expect(changedTables(before, await fingerprint(db))).toEqual([])
  })
})

describe('the catalog past its last page', () => {
  test('?page=999 says the page is past the end and links to the last page, never "no products" beside a count', async () => {
    const r = await send('/products?page=999')
    expect(r.status).toBe(200)
    expect(r.text).toContain('Halaman 999 sudah melewati akhir daftar')
    expect(r.text).toContain('href="/products?page=1"')
    expect(r.text).not.toContain('Tidak ada produk yang cocok')
    const none = await send('/products?q=zzzzqqqq')
    expect(none.text).toContain('Tidak ada produk yang cocok')
  })
})
