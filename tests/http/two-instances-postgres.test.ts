import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { signStripePayload, MOCK_STRIPE_WEBHOOK_SECRET } from '#app/integrations/payments/stripe.server.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { createDatabase, type PostgresServer, startPostgres } from '#tests/support/postgres.ts'
import { placeOrder, startCardPayment } from './shop.ts'
import { send, sessionFor } from './support.ts'

/**
 * Two instances of the production build on one PostgreSQL database, spoken to over HTTP as a
 * load balancer would spread buyers and Stripe's deliveries over them (issue 13, item 8). Nothing
 * here leans on one process or on SQLite's single writer.
 */
let pg: PostgresServer
let url: string
let db: DB
let a: BuiltServer
let b: BuiltServer

beforeAll(async () => {
  pg = await startPostgres()
  url = await createDatabase(pg, 'two_instances')
  await freshDatabase(url, { demo: true })
  db = createDb(url, { poolSize: 4 }).db
  ;[a, b] = await Promise.all([
    startBuiltServer({ name: 'pg-a', dbFile: url, env: { DATABASE_POOL_SIZE: '8' } }),
    startBuiltServer({ name: 'pg-b', dbFile: url, env: { DATABASE_POOL_SIZE: '8' } }),
  ])
}, 180_000)

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await db?.destroy()
  await pg?.stop()
})

/** A guest with one unit of the product in a new cart on `server`: the cart cookie. */
async function guestCart(server: BuiltServer, slug: string): Promise<string> {
  const r = await send(`/products/${slug}`, { form: { qty: '1' }, baseURL: server.baseURL })
  expect(r.status, r.text.slice(0, 200)).toBe(302)
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('ml_cart='))
  expect(cookie).toBeTruthy()
  return cookie!.split(';')[0]!
}

function checkout(server: BuiltServer, cookie: string, i: number) {
  return send('/checkout', {
    cookie,
    baseURL: server.baseURL,
    form: { name: `Pembeli ${i}`, email: `pembeli${i}@contoh.id`, phone: '081234567890', delivery: 'pickup' },
  })
}

async function productWithStock(stock: number) {
  const p = await db
    .selectFrom('products')
    .select(['id', 'slug', 'price'])
    .where('status', '=', 'published')
    .where('stock_mode', '=', 'stock')
    .where('price', '>=', 20_000)
    .orderBy('slug')
    .executeTakeFirstOrThrow()
  await db.updateTable('products').set({ stock }).where('id', '=', p.id).execute()
  return p
}

async function unitsOrdered(productId: string): Promise<number> {
  const r = await db
    .selectFrom('order_lines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('qty'), eb.lit(0)).as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

describe('two instances on one PostgreSQL', () => {
  test('40 concurrent checkouts for the last 3 units, spread over both instances, sell exactly 3', async () => {
    const p = await productWithStock(3)
    const soldBefore = await unitsOrdered(p.id)
    const servers = Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a))
    const carts = await Promise.all(servers.map((s) => guestCart(s, p.slug)))
    const answers = await Promise.all(servers.map((s, i) => checkout(s, carts[i]!, i)))
    // A placed order redirects to its page; a refused one (out of stock) re-renders the checkout,
    // whose loader sends a cart that no longer fits the shelf back to /cart.
    const placed = answers.filter((r) => r.status === 302 && r.headers.get('Location')?.startsWith('/orders/'))
    expect(placed).toHaveLength(3)
    const others = answers
      .filter((r) => !placed.includes(r))
      .map((r) => `${r.status} ${r.headers.get('Location') ?? r.text.slice(0, 80)}`)
    expect(new Set(others)).toEqual(new Set(['302 /cart']))
    // Both instances sold (the winners are not all from one process) unless chance says otherwise;
    // what must hold whatever the interleaving is below.
    expect(
      (await db.selectFrom('products').select('stock').where('id', '=', p.id).executeTakeFirstOrThrow()).stock,
    ).toBe(0)
    expect((await unitsOrdered(p.id)) - soldBefore).toBe(3)
  }, 120_000)

  test('one Stripe event delivered 10 times to each instance at once pays once and posts once', async () => {
    const cookie = await sessionFor('pembeli@mitralipas.demo', db)
    await productWithStock(50)
    const order = await placeOrder(db, cookie, { baseURL: a.baseURL })
    const card = await startCardPayment(db, order.path, order.number, cookie, { baseURL: b.baseURL })
    const event = {
      id: `evt_two_${order.number.replace(/\W/g, '')}`,
      object: 'event',
      api_version: '2025-01-27.acacia',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'checkout.session.completed',
      data: {
        object: {
          id: card.sessionId,
          object: 'checkout.session',
          amount_total: card.amount * 100,
          currency: 'idr',
          client_reference_id: order.number,
          metadata: { order_number: order.number },
          payment_intent: `pi_two_${order.number.replace(/\D/g, '')}`,
          payment_status: 'paid',
          status: 'complete',
        },
      },
    }
    const payload = JSON.stringify(event)
    const deliveries = Array.from({ length: 20 }, async (_, i) => {
      const signature = await signStripePayload(payload, MOCK_STRIPE_WEBHOOK_SECRET)
      return send('/webhooks/stripe', {
        body: payload,
        contentType: 'application/json',
        headers: { 'Stripe-Signature': signature },
        baseURL: (i % 2 ? b : a).baseURL,
      })
    })
    const answers = await Promise.all(deliveries)
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(
      await db.selectFrom('payment_events').select('event_id').where('event_id', '=', event.id).execute(),
    ).toHaveLength(1)
    const o = await db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('order_number', '=', order.number)
      .executeTakeFirstOrThrow()
    expect(o.status).toBe('paid')
    const subs = await db.selectFrom('sub_orders').select('id').where('order_id', '=', o.id).execute()
    const paidMoves = await db
      .selectFrom('sub_order_events')
      .select('id')
      .where(
        'sub_order_id',
        'in',
        subs.map((s) => s.id),
      )
      .where('to_status', '=', 'paid')
      .execute()
    expect(paidMoves).toHaveLength(subs.length)
    const entries = await db
      .selectFrom('ledger_entries')
      .select('reference')
      .where('kind', '=', 'payment')
      .where(
        'source_id',
        'in',
        subs.map((s) => s.id),
      )
      .execute()
    expect(entries).toHaveLength(subs.length)
    expect(
      await db.selectFrom('payments').select('id').where('order_id', '=', o.id).where('status', '=', 'paid').execute(),
    ).toHaveLength(1)
    expect(await ledgerProblems(db)).toEqual([])
  }, 120_000)

  test('kill -9 of one instance during checkouts loses no acknowledged order; stock and ledger add up', async () => {
    const INITIAL = 200
    const p = await productWithStock(INITIAL)
    const before = await unitsOrdered(p.id)
    const servers = Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a))
    const carts = await Promise.all(servers.map((s) => guestCart(s, p.slug)))
    const work = servers.map((s, i) =>
      checkout(s, carts[i]!, 100 + i).then(
        (r) => ({ status: r.status, location: r.headers.get('Location') }),
        () => ({ status: 0, location: null }), // the connection died with the instance
      ),
    )
    await new Promise((r) => setTimeout(r, 30))
    a.child.kill('SIGKILL')
    const answers = await Promise.all(work)
    const acknowledged = answers
      .filter((r) => r.location?.startsWith('/orders/'))
      .map((r) => decodeURIComponent(/^\/orders\/([^/]+)\//.exec(r.location!)![1]!))
    // Instance b placed all of its share, whatever happened to a.
    expect(answers.filter((_, i) => i % 2 === 1).every((r) => r.location?.startsWith('/orders/'))).toBe(true)
    for (const number of acknowledged) {
      const o = await db.selectFrom('orders').select('id').where('order_number', '=', number).executeTakeFirst()
      expect(o, `acknowledged order ${number}`).toBeTruthy()
    }
    // Every unit that left the shelf is in an order line, and nothing else moved.
    const after = await unitsOrdered(p.id)
    const stock = (await db.selectFrom('products').select('stock').where('id', '=', p.id).executeTakeFirstOrThrow())
      .stock
    expect(stock + (after - before)).toBe(INITIAL)
    expect(after - before).toBeGreaterThanOrEqual(acknowledged.length)
    // Order numbers stay unique across instances (gaps allowed on PostgreSQL, ADR 018).
    const numbers = await db.selectFrom('orders').select('order_number').execute()
    expect(new Set(numbers.map((n) => n.order_number)).size).toBe(numbers.length)
    expect(await ledgerProblems(db)).toEqual([])
    // The surviving instance still serves.
    expect((await send('/healthz', { baseURL: b.baseURL })).status).toBe(200)
  }, 120_000)
})
