import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'
import { http, HttpResponse } from 'msw'
import { simulatedCardFeeMinor } from '#app/integrations/payments/simulated.ts'

/**
 * Stripe's API, answered locally for tests and the offline demo. Objects are shaped from
 * Stripe's own fixtures (tests/fixtures/stripe-fixtures.json); sessions live in memory.
 */
const here = path.dirname(url.fileURLToPath(import.meta.url))
const fixtures = JSON.parse(fs.readFileSync(path.join(here, '../fixtures/stripe-fixtures.json'), 'utf8'))
  .resources as Record<string, Record<string, unknown>>

export function stripeFixture<T extends Record<string, unknown>>(
  name: string,
  overrides: Partial<T> & Record<string, unknown> = {},
): T {
  const base = structuredClone(fixtures[name])
  if (!base) throw new Error(`No Stripe fixture named ${name}`)
  return { ...base, ...overrides } as T
}

interface MockSession {
  session: Record<string, unknown>
  idempotencyKey: string | null
}

interface MockPayout {
  payout: Record<string, unknown>
  txns: Record<string, unknown>[]
}

export const stripeMock = {
  sessions: new Map<string, MockSession>(),
  refunds: [] as Record<string, unknown>[],
  requests: [] as { method: string; path: string; body: string; idempotencyKey: string | null }[],
  payouts: [] as MockPayout[],
  /** payment intents and refunds already in a payout */
  paidOut: new Set<string>(),
  reset() {
    this.sessions.clear()
    this.refunds.length = 0
    this.requests.length = 0
    this.payouts.length = 0
    this.paidOut.clear()
  },
}

export const mockCardFee = simulatedCardFeeMinor

/**
 * Like Stripe's automatic payouts: everything settled since the last payout (paid sessions minus
 * refunds, less fees) is paid out in one payout with its balance transactions.
 */
function settleMockPayout() {
  const now = Math.floor(Date.now() / 1000)
  const txns: Record<string, unknown>[] = []
  for (const { session } of stripeMock.sessions.values()) {
    const pi = String(session.payment_intent)
    if (session.payment_status !== 'paid' || stripeMock.paidOut.has(pi)) continue
    const amount = Number(session.amount_total)
    const fee = mockCardFee(amount)
    const charge = stripeFixture('charge', {
      id: rid('ch'),
      object: 'charge',
      amount,
      amount_captured: amount,
      currency: 'idr',
      payment_intent: pi,
      paid: true,
    })
    txns.push(
      stripeFixture('balance_transaction', {
        id: rid('txn'),
        type: 'charge',
        reporting_category: 'charge',
        amount,
        fee,
        net: amount - fee,
        currency: 'idr',
        created: now,
        source: charge,
      }),
    )
  }
  for (const r of stripeMock.refunds) {
    const id = String(r.id)
    if (stripeMock.paidOut.has(id)) continue
    const amount = -Number(r.amount)
    txns.push(
      stripeFixture('balance_transaction', {
        id: rid('txn'),
        type: 'refund',
        reporting_category: 'refund',
        amount,
        fee: 0,
        net: amount,
        currency: 'idr',
        created: now,
        source: r,
      }),
    )
  }
  const total = txns.reduce((s, t) => s + Number(t.net), 0)
  // Stripe pays out a positive balance only; a negative one waits for more sales.
  if (!txns.length || total <= 0) return
  for (const t of txns) {
    const source = t.source as Record<string, unknown>
    stripeMock.paidOut.add(String(source.object === 'charge' ? source.payment_intent : source.id))
  }
  const id = rid('po')
  const payout = stripeFixture('payout', {
    id,
    amount: total,
    currency: 'idr',
    status: 'paid',
    arrival_date: now,
    created: now,
    automatic: true,
  })
  txns.push(
    stripeFixture('balance_transaction', {
      id: rid('txn'),
      type: 'payout',
      reporting_category: 'payout',
      amount: -total,
      fee: 0,
      net: -total,
      currency: 'idr',
      created: now,
      source: id,
    }),
  )
  stripeMock.payouts.push({ payout, txns })
}

const list = (url: string, data: unknown[]) => HttpResponse.json({ object: 'list', url, has_more: false, data })

const API = 'https://api.stripe.com'
const rid = (prefix: string) => `${prefix}_test_${crypto.randomBytes(12).toString('hex')}`

function lineItems(form: URLSearchParams) {
  const lines = new Map<number, { name: string; unit: number; qty: number }>()
  for (const [k, v] of form) {
    const m = /^line_items\[(\d+)\]\[(.+)\]$/.exec(k)
    if (!m) continue
    const i = Number(m[1])
    const line = lines.get(i) ?? { name: '', unit: 0, qty: 0 }
    if (m[2] === 'quantity') line.qty = Number(v)
    if (m[2] === 'price_data][unit_amount') line.unit = Number(v)
    if (m[2] === 'price_data][product_data][name') line.name = v
    lines.set(i, line)
  }
  return [...lines.values()]
}

function appUrl() {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '')
}

export const stripeHandlers = [
  http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
    const body = await request.text()
    const key = request.headers.get('idempotency-key')
    stripeMock.requests.push({ method: 'POST', path: '/v1/checkout/sessions', body, idempotencyKey: key })
    if (key) {
      for (const s of stripeMock.sessions.values()) if (s.idempotencyKey === key) return HttpResponse.json(s.session)
    }
    const form = new URLSearchParams(body)
    const lines = lineItems(form)
    const total = lines.reduce((s, l) => s + l.unit * l.qty, 0)
    const id = rid('cs')
    const orderNumber = form.get('metadata[order_number]')
    const session = stripeFixture('checkout.session', {
      id,
      object: 'checkout.session',
      url: `${appUrl()}/dev/stripe-checkout/${id}`,
      amount_subtotal: total,
      amount_total: total,
      currency: form.get('currency') ?? 'idr',
      client_reference_id: form.get('client_reference_id'),
      customer_email: form.get('customer_email'),
      metadata: orderNumber ? { order_number: orderNumber } : {},
      success_url: form.get('success_url'),
      cancel_url: form.get('cancel_url'),
      payment_intent: rid('pi'),
      payment_status: 'unpaid',
      status: 'open',
      created: Math.floor(Date.now() / 1000),
      expires_at: Number(form.get('expires_at') ?? Math.floor(Date.now() / 1000) + 24 * 3600),
    })
    stripeMock.sessions.set(id, { session, idempotencyKey: key })
    return HttpResponse.json(session)
  }),
  http.get(`${API}/v1/checkout/sessions/:id`, ({ params }) => {
    const s = stripeMock.sessions.get(String(params.id))
    if (!s)
      return HttpResponse.json(
        { error: { type: 'invalid_request_error', message: 'No such checkout.session' } },
        { status: 404 },
      )
    return HttpResponse.json(s.session)
  }),
  // Not a real Stripe endpoint: the simulated hosted page uses it to mark a session paid or expired.
  http.post(`${API}/v1/test_helpers/mock/checkout/sessions/:id/:outcome`, ({ params }) => {
    const s = stripeMock.sessions.get(String(params.id))
    if (!s) return HttpResponse.json({ error: { message: 'No such checkout.session' } }, { status: 404 })
    if (params.outcome === 'pay') Object.assign(s.session, { status: 'complete', payment_status: 'paid' })
    if (params.outcome === 'expire') Object.assign(s.session, { status: 'expired' })
    return HttpResponse.json(s.session)
  }),
  http.get(`${API}/v1/payouts`, ({ request }) => {
    stripeMock.requests.push({
      method: 'GET',
      path: '/v1/payouts',
      body: new URL(request.url).search,
      idempotencyKey: null,
    })
    settleMockPayout()
    const q = new URL(request.url).searchParams
    const after = Number(q.get('arrival_date[gte]') ?? 0)
    const status = q.get('status')
    return list(
      '/v1/payouts',
      stripeMock.payouts
        .map((p) => p.payout)
        .filter((p) => Number(p.arrival_date) >= after && (!status || p.status === status))
        .reverse(),
    )
  }),
  http.get(`${API}/v1/balance_transactions`, ({ request }) => {
    const payout = new URL(request.url).searchParams.get('payout')
    const found = stripeMock.payouts.find((p) => p.payout.id === payout)
    if (!found)
      return HttpResponse.json({ error: { type: 'invalid_request_error', message: 'No such payout' } }, { status: 404 })
    return list('/v1/balance_transactions', found.txns)
  }),
  http.post(`${API}/v1/refunds`, async ({ request }) => {
    const body = await request.text()
    stripeMock.requests.push({
      method: 'POST',
      path: '/v1/refunds',
      body,
      idempotencyKey: request.headers.get('idempotency-key'),
    })
    const form = new URLSearchParams(body)
    const refund = stripeFixture('refund', {
      id: rid('re'),
      object: 'refund',
      amount: Number(form.get('amount')),
      currency: 'idr',
      payment_intent: form.get('payment_intent'),
      status: 'succeeded',
      reason: form.get('reason'),
      created: Math.floor(Date.now() / 1000),
    })
    stripeMock.refunds.push(refund)
    if (process.env.MOCK_STRIPE_WEBHOOKS === '1')
      setTimeout(() => void deliverChargeRefunded(String(form.get('payment_intent'))), 50)
    return HttpResponse.json(refund)
  }),
]

/**
 * Offline demo only (set by the server when MOCKS is on): like Stripe, report a refund with a
 * signed charge.refunded event carrying the cumulative refunded amount.
 */
async function deliverChargeRefunded(paymentIntent: string) {
  const { MOCK_STRIPE_WEBHOOK_SECRET, signStripePayload } = await import('#app/integrations/payments/stripe.server.ts')
  const refunded = stripeMock.refunds
    .filter((r) => r.payment_intent === paymentIntent)
    .reduce((s, r) => s + Number(r.amount), 0)
  const session = [...stripeMock.sessions.values()].find((x) => x.session.payment_intent === paymentIntent)?.session
  const amount = Number(session?.amount_total ?? refunded)
  const event = stripeFixture('event', {
    id: rid('evt'),
    type: 'charge.refunded',
    created: Math.floor(Date.now() / 1000),
    api_version: '2025-01-27.acacia',
    data: {
      object: stripeFixture('charge', {
        id: rid('ch'),
        object: 'charge',
        amount,
        amount_captured: amount,
        amount_refunded: refunded,
        refunded: refunded >= amount,
        currency: 'idr',
        payment_intent: paymentIntent,
      }),
    },
  })
  const payload = JSON.stringify(event)
  const signature = await signStripePayload(payload, MOCK_STRIPE_WEBHOOK_SECRET)
  await fetch(`${appUrl()}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
    body: payload,
  }).catch(() => undefined)
}
