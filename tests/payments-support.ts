import type { DB } from '#db/client.ts'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import {
  createStripeProvider,
  MOCK_STRIPE_SECRET_KEY,
  MOCK_STRIPE_WEBHOOK_SECRET,
  signStripePayload,
} from '#app/integrations/payments/stripe.server.ts'
import { action as webhook } from '#app/routes/webhooks.stripe.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { twoUpts } from '#tests/factories.ts'
import { call } from '#tests/helpers.ts'
import { BUYER, createProductRow } from '#tests/factories-market.ts'
import { stripeFixture } from '#tests/mocks/stripe.ts'

export const mockProvider = () =>
  createStripeProvider({ secretKey: MOCK_STRIPE_SECRET_KEY, webhookSecret: MOCK_STRIPE_WEBHOOK_SECRET })

/** An order from two UPTs (stock 5 each, 2 units bought from each). */
export async function twoUptOrder(db: DB, o: { stock?: number } = {}) {
  const { a, b } = await twoUpts(db)
  const pa = await createProductRow(db, { uptId: a.id, price: 150_000, stock: o.stock ?? 5 })
  const pb = await createProductRow(db, { uptId: b.id, price: 75_000, stock: o.stock ?? 5 })
  const { cartId } = await ensureCart(db, {})
  await addToCart(db, cartId, pa.id, 2)
  await addToCart(db, cartId, pb.id, 2)
  const placed = await placeOrder(db, { cartId, userId: null, ...BUYER })
  return { ...placed, a, b, products: [pa.id, pb.id] }
}

export async function stockOf(db: DB, productId: string) {
  return (await db.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow()).stock
}

export async function bankAccountFor(db: DB, uptId: string) {
  await db
    .insertInto('upt_bank_accounts')
    .values({
      upt_id: uptId,
      bank_name: 'Bank Rakyat Indonesia',
      account_number: '0123456789',
      account_holder: 'BPN 123 Lapas',
      updated_by: null,
      updated_at: nowIso(),
    })
    .onConflict((oc) => oc.column('upt_id').doNothing())
    .execute()
}

let n = 0
/** A Stripe event (shape from Stripe's fixtures) around a checkout.session or charge object. */
export function stripeEvent(type: string, object: Record<string, unknown>, o: { id?: string; created?: number } = {}) {
  n++
  return stripeFixture('event', {
    id: o.id ?? `evt_test_${newId().replace(/-/g, '')}${n}`,
    type,
    created: o.created ?? Math.floor(Date.now() / 1000),
    api_version: '2025-01-27.acacia',
    data: { object },
  })
}

export function sessionObject(session: {
  sessionId: string
  orderNumber: string
  amount: number
  paymentIntent: string
  paymentStatus?: string
  status?: string
}) {
  return stripeFixture('checkout.session', {
    id: session.sessionId,
    object: 'checkout.session',
    amount_total: session.amount * 100,
    amount_subtotal: session.amount * 100,
    currency: 'idr',
    client_reference_id: session.orderNumber,
    metadata: { order_number: session.orderNumber },
    payment_intent: session.paymentIntent,
    payment_status: session.paymentStatus ?? 'paid',
    status: session.status ?? 'complete',
  })
}

export function chargeObject(c: { paymentIntent: string; amount: number; refunded: number }) {
  return stripeFixture('charge', {
    id: `ch_test_${c.paymentIntent.slice(-10)}`,
    object: 'charge',
    amount: c.amount * 100,
    amount_captured: c.amount * 100,
    amount_refunded: c.refunded * 100,
    refunded: c.refunded >= c.amount,
    currency: 'idr',
    payment_intent: c.paymentIntent,
  })
}

export async function signed(event: unknown, o: { timestamp?: number; secret?: string } = {}) {
  const payload = JSON.stringify(event)
  return { payload, signature: await signStripePayload(payload, o.secret ?? MOCK_STRIPE_WEBHOOK_SECRET, o.timestamp) }
}

export function webhookRequest(payload: string, signature: string | null) {
  const headers = new Headers({ 'Content-Type': 'application/json', 'x-client-ip': '198.51.100.9' })
  if (signature) headers.set('Stripe-Signature', signature)
  return new Request('http://localhost:3000/webhooks/stripe', { method: 'POST', headers, body: payload })
}

/** Signs an event and delivers it to POST /webhooks/stripe in-process, as Stripe would. */
export async function deliver(event: unknown, o: { timestamp?: number } = {}) {
  const { payload, signature } = await signed(event, o)
  return call(webhook, webhookRequest(payload, signature))
}
