/**
 * POST /webhooks/stripe as Stripe reaches it: real HTTP to the built server. What Stripe acts on
 * is the status code on the wire: 2xx means "delivered, never again", anything else is retried
 * for days. So a bad signature must not look delivered, and an event that could not be applied
 * must not either, or a paid order stays unpaid for good.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { MOCK_STRIPE_WEBHOOK_SECRET } from '#app/integrations/payments/stripe.server.ts'
import { sessionObject, signed, stripeEvent } from '#tests/payments-support.ts'
import { TMP } from '#tests/setup/paths.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { placeOrder, startCardPayment } from './shop.ts'
import { changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

async function post(payload: string, signature: string | null, o: { baseURL?: string; method?: string } = {}) {
  return send('/webhooks/stripe', {
    method: o.method ?? 'POST',
    body: payload,
    contentType: 'application/json',
    headers: signature ? { 'Stripe-Signature': signature } : {},
    baseURL: o.baseURL,
  })
}

/** Signs an event as Stripe does (a fresh timestamp on every delivery) and posts it. */
async function deliver(event: unknown, o: { baseURL?: string } = {}) {
  const { payload, signature } = await signed(event)
  return post(payload, signature, o)
}

/** A card order paid on the simulated hosted page: its checkout.session.completed event, unsigned. */
async function paidSessionEvent() {
  const db = serverDb()
  const cookie = await sessionFor('pembeli@mitralipas.demo')
  const order = await placeOrder(db, cookie)
  const card = await startCardPayment(db, order.path, order.number, cookie)
  const event = stripeEvent(
    'checkout.session.completed',
    sessionObject({
      sessionId: card.sessionId,
      orderNumber: order.number,
      amount: card.amount,
      paymentIntent: `pi_http_${card.sessionId.slice(-12)}`,
    }),
  )
  return { event, order, card }
}

async function stateOf(card: { orderId: string; paymentId: string }, eventId: string) {
  const db = serverDb()
  const subs = await db.selectFrom('sub_orders').select(['id', 'status']).where('order_id', '=', card.orderId).execute()
  const ledger = await db
    .selectFrom('ledger_entries')
    .select(['source_id', 'kind'])
    .where('source_type', '=', 'sub_order')
    .where(
      'source_id',
      'in',
      subs.map((s) => s.id),
    )
    .execute()
  const payments = await db
    .selectFrom('payments')
    .select(['id', 'status'])
    .where('order_id', '=', card.orderId)
    .execute()
  const events = await db.selectFrom('payment_events').select('outcome').where('event_id', '=', eventId).execute()
  return { subs, ledger, payments, events }
}

describe('webhook signatures and methods on the wire', () => {
  test('a bad, missing or stale signature, a tampered or non-JSON body answer 400 and write nothing', async () => {
    const { event } = await paidSessionEvent()
    const before = await fingerprint()
    const good = await signed(event)
    const cases: [string, string, string | null][] = [
      ['wrong secret', good.payload, (await signed(event, { secret: 'whsec_someone_else' })).signature],
      ['missing signature', good.payload, null],
      [
        'stale timestamp (10 minutes old)',
        good.payload,
        (await signed(event, { timestamp: Math.floor(Date.now() / 1000) - 600 })).signature,
      ],
      ['tampered body', good.payload.replace('"paid"', '"unpaid"'), good.signature],
      ['garbage signature header', good.payload, 'not-a-signature'],
      ['not JSON', 'not json', good.signature],
    ]
    for (const [what, payload, signature] of cases) {
      const r = await post(payload, signature)
      expect(r.status, `${what}: ${r.text}`).toBe(400)
      expect(r.headers.get('Content-Type'), what).toMatch(/^application\/json/)
      expect(r.json().error, what).toMatch(/^invalid (signature|payload)$/)
    }
    expect(changedTables(before, await fingerprint())).toEqual([])
  })

  test('GET, PUT and DELETE answer 405 with Allow: POST', async () => {
    const get = await send('/webhooks/stripe')
    expect(get.status).toBe(405)
    expect(get.headers.get('Allow')).toBe('POST')
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const r = await post('{}', null, { method })
      expect(r.status, method).toBe(405)
      expect(r.headers.get('Allow'), method).toBe('POST')
    }
  })
})

describe('a server without a card provider (no MOCKS, no Stripe keys)', () => {
  let bare: BuiltServer | undefined
  beforeAll(async () => {
    const dbFile = path.join(TMP, 'http-no-stripe.db')
    await freshDatabase(dbFile, { demo: false })
    bare = await startBuiltServer({
      name: 'http-no-stripe',
      dbFile,
      env: { MOCKS: 'false', STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' },
    })
  })
  afterAll(async () => {
    await bare?.stop()
  })

  test('answers 404 to a webhook, even a well-signed one, and 405 to GET', async () => {
    const event = stripeEvent(
      'checkout.session.completed',
      sessionObject({
        sessionId: 'cs_test_unconfigured',
        orderNumber: 'ML-2026-999999',
        amount: 50_000,
        paymentIntent: 'pi_unconfigured',
      }),
    )
    const { payload, signature } = await signed(event, { secret: MOCK_STRIPE_WEBHOOK_SECRET })
    const r = await post(payload, signature, { baseURL: bare!.baseURL })
    expect(r.status, r.text).toBe(404)
    expect(r.json().error).toBe('card payments are not configured')
    expect((await send('/webhooks/stripe', { baseURL: bare!.baseURL })).status).toBe(405)
  })
})

describe('applying events: failures are redelivered, duplicates fulfil once', () => {
  test('an event whose effects cannot be written answers 5xx, keeps nothing, and its redelivery pays the order', async () => {
    const { event, card } = await paidSessionEvent()
    const db = serverDb()
    // The ledger posting is the last write of a payment: make it fail, as a full disk or a
    // broken constraint would, after the event id and the payment were already written.
    await sql`CREATE TRIGGER http_test_ledger_down BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger unavailable'); END`.execute(
      db,
    )
    let first
    try {
      first = await deliver(event)
    } finally {
      await sql`DROP TRIGGER IF EXISTS http_test_ledger_down`.execute(db)
    }
    expect(first.status, first.text).toBeGreaterThanOrEqual(500)
    const failed = await stateOf(card, event.id as string)
    expect(failed.events).toEqual([]) // not remembered: the redelivery is not a duplicate
    expect(failed.payments.map((p) => p.status)).toEqual(['pending'])
    expect(failed.subs.every((s) => s.status === 'pending_payment')).toBe(true)
    expect(failed.ledger).toEqual([])

    // Stripe redelivers the same event later, with a fresh signature timestamp.
    const again = await deliver(event)
    expect(again.status, again.text).toBe(200)
    expect(again.json()).toMatchObject({ received: true, outcome: 'paid' })
    const paid = await stateOf(card, event.id as string)
    expect(paid.events).toEqual([{ outcome: 'paid' }])
    expect(paid.payments.map((p) => p.status)).toEqual(['paid'])
    expect(paid.subs.every((s) => s.status === 'paid')).toBe(true)
    expect(paid.ledger.map((l) => l.source_id).sort()).toEqual(paid.subs.map((s) => s.id).sort())
  })

  test('a database held by another writer answers 5xx, and the redelivery after it lets go pays the order', async () => {
    const { event, card } = await paidSessionEvent()
    // Another process (a backup, a migration, a second app instance) holds the write lock for
    // longer than the server's busy timeout.
    const other = new Database(inject('httpDb'))
    let first
    try {
      other.exec('BEGIN IMMEDIATE')
      first = await deliver(event)
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK')
      other.close()
    }
    expect(first.status, first.text).toBeGreaterThanOrEqual(500)
    expect((await stateOf(card, event.id as string)).events).toEqual([])
    const again = await deliver(event)
    expect(again.status, again.text).toBe(200)
    const paid = await stateOf(card, event.id as string)
    expect(paid.payments.map((p) => p.status)).toEqual(['paid'])
    expect(paid.ledger).toHaveLength(paid.subs.length)
  })

  test('5 concurrent deliveries of one event: all acknowledged, the order paid once, one posting per sub-order', async () => {
    const { event, card } = await paidSessionEvent()
    const deliveries = await Promise.all(Array.from({ length: 5 }, () => deliver(event)))
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200])
    expect(deliveries.map((d) => d.json().outcome).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'paid',
    ])
    const s = await stateOf(card, event.id as string)
    expect(s.events).toHaveLength(1)
    expect(s.payments).toEqual([{ id: card.paymentId, status: 'paid' }])
    expect(s.ledger).toHaveLength(s.subs.length)
    expect(new Set(s.ledger.map((l) => l.source_id)).size).toBe(s.subs.length)
  })
})
