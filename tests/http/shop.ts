import { expect } from 'vitest'
import type { DB } from '#db/client.ts'
import { send } from './support.ts'

/** Shopping over HTTP as a signed-in buyer does it: product page, checkout, order page. */

/** A published product in stock that card payment accepts (Stripe's IDR minimum is Rp 10.000). */
export async function productInStock(db: DB) {
  return db
    .selectFrom('products')
    .select(['id', 'slug', 'price', 'upt_id'])
    .where('status', '=', 'published')
    .where('stock_mode', '=', 'stock')
    .where('stock', '>=', 5)
    .where('price', '>=', 20_000)
    .orderBy('stock', 'desc')
    .executeTakeFirstOrThrow()
}

/** Adds one unit to the buyer's cart and checks out for pickup; the secret order page's path. */
export async function placeOrder(db: DB, cookie: string, o: { baseURL?: string } = {}) {
  const product = await productInStock(db)
  const added = await send(`/products/${product.slug}`, { cookie, form: { qty: '1' }, baseURL: o.baseURL })
  expect(added.status, added.text.slice(0, 300)).toBe(302)
  const placed = await send('/checkout', {
    cookie,
    baseURL: o.baseURL,
    form: { name: 'Pembeli Uji', email: 'pembeli@mitralipas.demo', phone: '081234567890', delivery: 'pickup' },
  })
  expect(placed.status, placed.text.slice(0, 300)).toBe(302)
  const path = placed.headers.get('Location')!
  const m = /^\/orders\/([^/]+)\/([^/?#]+)$/.exec(path)
  expect(m, path).toBeTruthy()
  return { path, number: decodeURIComponent(m![1]!), token: m![2]! }
}

/** Chooses card payment on the order page: the simulated hosted Checkout's session and amount. */
export async function startCardPayment(db: DB, orderPath: string, number: string, cookie: string, o: { baseURL?: string } = {}) {
  const r = await send(orderPath, { cookie, form: { intent: 'card' }, baseURL: o.baseURL })
  expect(r.status, r.text.slice(0, 300)).toBe(302)
  expect(r.headers.get('Location')).toMatch(/\/dev\/stripe-checkout\//)
  const order = await db.selectFrom('orders').select('id').where('order_number', '=', number).executeTakeFirstOrThrow()
  const payment = await db
    .selectFrom('payments')
    .select(['id', 'provider_session_id', 'amount', 'status'])
    .where('order_id', '=', order.id)
    .where('method', '=', 'card')
    .orderBy('attempt', 'desc')
    .executeTakeFirstOrThrow()
  return { orderId: order.id, paymentId: payment.id, sessionId: payment.provider_session_id!, amount: payment.amount }
}
