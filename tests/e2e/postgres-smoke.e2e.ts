import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { createDatabase, type PostgresServer, startPostgres } from '#tests/support/postgres.ts'
import { CHROMIUM, CHROMIUM_ARGS, addToCart, checkoutPickup, expectAccessible, PHONE } from './support.ts'

/**
 * The one journey run against PostgreSQL in a browser (every other journey runs on SQLite): the
 * production build on a demo database in a throwaway cluster; a guest finds a product through the
 * PostgreSQL full-text search, buys it by card on the simulated hosted page, and the ledger posts.
 */
let pg: PostgresServer
let server: BuiltServer
let db: DB
let browser: Browser

beforeAll(async () => {
  pg = await startPostgres()
  const url = await createDatabase(pg, 'e2e_smoke')
  await freshDatabase(url, { demo: true })
  db = createDb(url, { poolSize: 2 }).db
  server = await startBuiltServer({ name: 'e2e-pg', dbFile: url })
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await db?.destroy()
  await pg?.stop()
})

test('on PostgreSQL: a guest finds a product by an accent-free search, pays by card and the ledger posts the sale', async () => {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: PHONE, locale: 'id-ID' })
  const page = await context.newPage()
  page.on('pageerror', (error) => {
    throw error
  })
  try {
    await addToCart(page, 'BATIK kédiri', 'Batik Tulis Motif Kediri')
    const { number } = await checkoutPickup(page, 'Sari Wulandari', 'sari@contoh.id')
    await page.getByRole('button', { name: 'Bayar dengan kartu' }).click()
    await page.waitForURL(/\/dev\/stripe-checkout\/cs_test_/)
    await page.getByRole('button', { name: 'Bayar', exact: true }).click()
    await page.waitForURL(/\/orders\/ML-.*\?paid=1/)
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain('Pembayaran Anda sudah diterima')
    await expectAccessible(page)

    const order = await db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('order_number', '=', number)
      .executeTakeFirstOrThrow()
    expect(order.status).toBe('paid')
    const subs = await db.selectFrom('sub_orders').select('id').where('order_id', '=', order.id).execute()
    const entries = await db
      .selectFrom('ledger_entries')
      .select(['kind', 'amount'])
      .where(
        'source_id',
        'in',
        subs.map((s) => s.id),
      )
      .execute()
    expect(entries.map((e) => e.kind)).toEqual(subs.map(() => 'payment'))
    expect(entries.every((e) => e.amount > 0)).toBe(true)
    expect(await ledgerProblems(db)).toEqual([])
  } finally {
    await context.close()
  }
}, 120_000)
