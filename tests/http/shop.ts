import { expect } from 'vitest'
import sharp from 'sharp'
import type { DB } from '#db/client.ts'
import { send } from './support.ts'

/** Shopping over HTTP as a signed-in buyer does it: product page, checkout, order page. */

/** A published product in stock that card payment accepts (Stripe's IDR minimum is Rp 10.000). */
export async function productInStock(db: DB, o: { uptId?: string } = {}) {
  let q = db
    .selectFrom('products')
    .select(['id', 'slug', 'price', 'upt_id'])
    .where('status', '=', 'published')
    .where('stock_mode', '=', 'stock')
    .where('stock', '>=', 5)
    .where('price', '>=', 20_000)
  if (o.uptId) q = q.where('upt_id', '=', o.uptId)
  return q.orderBy('stock', 'desc').executeTakeFirstOrThrow()
}

/** Adds one unit to the buyer's cart and checks out for pickup; the secret order page's path. */
export async function placeOrder(db: DB, cookie: string, o: { baseURL?: string; uptId?: string } = {}) {
  const product = await productInStock(db, { uptId: o.uptId })
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
export async function startCardPayment(
  db: DB,
  orderPath: string,
  number: string,
  cookie: string,
  o: { baseURL?: string } = {},
) {
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

/** Chooses bank transfer and uploads a photo of the receipt: the payment that now has a proof. */
export async function transferWithProof(
  db: DB,
  orderPath: string,
  number: string,
  cookie: string,
  o: { baseURL?: string } = {},
) {
  const chosen = await send(orderPath, { cookie, form: { intent: 'transfer' }, baseURL: o.baseURL })
  expect(chosen.status, chosen.text.slice(0, 300)).toBe(302)
  const order = await db.selectFrom('orders').select('id').where('order_number', '=', number).executeTakeFirstOrThrow()
  const payment = await db
    .selectFrom('payments')
    .select(['id', 'upt_id'])
    .where('order_id', '=', order.id)
    .where('method', '=', 'bank_transfer')
    .executeTakeFirstOrThrow()
  const photo = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#2a6f4e' } })
    .png()
    .toBuffer()
  const form = new FormData()
  form.set('intent', 'proof')
  form.set('paymentId', payment.id)
  form.set('proof', new File([new Uint8Array(photo)], 'bukti transfer.png', { type: 'image/png' }))
  const uploaded = await send(orderPath, { cookie, body: form, baseURL: o.baseURL })
  expect(uploaded.status, uploaded.text.slice(0, 300)).toBe(302)
  return { paymentId: payment.id, uptId: payment.upt_id! }
}

/** A small real PDF (what the PKS upload's magic-byte check wants). */
export const PDF_BYTES = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)

/** Uploads a signed PKS to an agreement as a browser does (multipart, the file under `document`). */
export async function uploadPks(
  agreementId: string,
  cookie: string,
  fileName = 'PKS bertanda tangan.pdf',
  o: { baseURL?: string } = {},
) {
  const form = new FormData()
  form.set('intent', 'pks')
  form.set('document', new File([PDF_BYTES], fileName, { type: 'application/pdf' }))
  return send(`/agreements/${agreementId}`, { cookie, body: form, baseURL: o.baseURL })
}
