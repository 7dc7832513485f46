/**
 * Issue 14, item 5: the page cache keeps anonymous product pages for PAGE_CACHE_SECONDS, and a new
 * review shows within that time. A server of its own with a 2-second cache: the product page is a
 * cache hit, a buyer reviews through the order's secret link, the stale copy is served until the
 * time is up, and the next answer has the review, its stars and schema.org AggregateRating.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { TMP } from '#tests/setup/paths.ts'
import { send } from './support.ts'

const SECONDS = 2
let server: BuiltServer
let db: DB

beforeAll(async () => {
  const dbFile = path.join(TMP, 'http-review-cache.db')
  await freshDatabase(dbFile, { demo: true })
  server = await startBuiltServer({ name: 'http-review-cache', dbFile, env: { PAGE_CACHE_SECONDS: String(SECONDS) } })
  db = createDb(dbFile).db
})

afterAll(async () => {
  await server?.stop()
  await db?.destroy()
})

const get = (p: string) => send(p, { baseURL: server.baseURL })

function jsonLd(html: string) {
  const m = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(html)
  return JSON.parse(m![1]!) as { aggregateRating?: { ratingValue: number; reviewCount: number } }
}

describe('a new review and the page cache', () => {
  test(`shows on the cached product page within PAGE_CACHE_SECONDS (${SECONDS} s)`, async () => {
    // Dewi's completed demo order holds a carved Garuda nobody has reviewed yet.
    const line = await db
      .selectFrom('order_lines as l')
      .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
      .innerJoin('orders as o', 'o.id', 's.order_id')
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .select(['l.id', 'o.order_number', 'p.slug'])
      .where('l.name', '=', 'Ukiran Kayu Garuda')
      .where('s.status', '=', 'completed')
      .executeTakeFirstOrThrow()
    const number = Number(line.order_number.slice(-6))
    const productPath = `/products/${line.slug}`
    await get(productPath)
    const before = await get(productPath)
    expect(before.headers.get('x-cache')).toBe('HIT')
    expect(jsonLd(before.text).aggregateRating).toBeUndefined()

    const reviewed = await send(`/orders/${line.order_number}/demo-order-${number}/review/${line.id}`, {
      baseURL: server.baseURL,
      form: { rating: '5', body: 'Ukirannya detail sekali, dikemas aman dengan kayu.', showName: 'on' },
    })
    expect(reviewed.status).toBe(302)
    const at = Date.now()

    // Within the time the old copy may still be served...
    const stale = await get(productPath)
    if (Date.now() - at < SECONDS * 1000) expect(stale.headers.get('x-cache')).toBe('HIT')
    // ...and once it is up, the page has the review.
    await new Promise((r) => setTimeout(r, SECONDS * 1000 + 100))
    const fresh = await get(productPath)
    const html = fresh.text
    expect(html).toContain('Ukirannya detail sekali')
    expect(html).toContain('Dewi L.')
    expect(html).not.toContain('Dewi Lestari')
    expect(jsonLd(html).aggregateRating).toMatchObject({ '@type': 'AggregateRating', ratingValue: 5, reviewCount: 1 })
  })
})
