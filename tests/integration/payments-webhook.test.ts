import fc from 'fast-check'
import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { requestRefund } from '#app/domain/payments/refunds.ts'
import { action as webhook } from '#app/routes/webhooks.stripe.ts'
import { call } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { createUser } from '#tests/factories.ts'
import { stripeMock } from '#tests/mocks/stripe.ts'
import {
  chargeObject,
  deliver,
  mockProvider,
  sessionObject,
  signed,
  stockOf,
  stripeEvent,
  twoUptOrder,
  webhookRequest,
} from '#tests/payments-support.ts'

beforeEach(() => stripeMock.reset())

async function cardOrder(db: DB) {
  const order = await twoUptOrder(db)
  const { url } = await startCardPayment(db, mockProvider(), {
    orderId: order.orderId,
    orderUrl: `http://localhost:3000/orders/${order.orderNumber}/${order.token}`,
  })
  const payment = await db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', order.orderId)
    .executeTakeFirstOrThrow()
  const session = {
    sessionId: payment.provider_session_id!,
    orderNumber: order.orderNumber,
    amount: order.total,
    paymentIntent: `pi_test_${order.orderNumber.slice(-6)}x`,
  }
  return { order, url, payment, session }
}

async function payTransitions(db: DB, orderId: string) {
  return db
    .selectFrom('sub_order_events as e')
    .innerJoin('sub_orders as s', 's.id', 'e.sub_order_id')
    .select(['s.number', 'e.to_status'])
    .where('s.order_id', '=', orderId)
    .where('e.to_status', '=', 'paid')
    .execute()
}

const statusOf = async (db: DB, orderId: string) =>
  (await db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status
const subStatuses = async (db: DB, orderId: string) =>
  (await db.selectFrom('sub_orders').select('status').where('order_id', '=', orderId).orderBy('number').execute()).map(
    (s) => s.status,
  )

describe('card checkout', () => {
  test('one hosted session per order in IDR x100 with an order-derived idempotency key; a second click reuses it', async () => {
    const db = testDb()
    const { order, url, payment } = await cardOrder(db)
    expect(url).toContain(`/dev/stripe-checkout/${payment.provider_session_id}`)
    const req = stripeMock.requests.find((r) => r.path === '/v1/checkout/sessions')!
    const form = new URLSearchParams(req.body)
    expect(form.get('client_reference_id')).toBe(order.orderNumber)
    expect(form.get('metadata[order_number]')).toBe(order.orderNumber)
    expect(req.idempotencyKey).toBe(`mitra-lipas:${order.orderNumber}:card:1`)
    // line items plus one shipping line per UPT add up to the order total, in sen
    let sum = 0
    for (let i = 0; form.has(`line_items[${i}][quantity]`); i++)
      sum +=
        Number(form.get(`line_items[${i}][quantity]`)) * Number(form.get(`line_items[${i}][price_data][unit_amount]`))
    expect(sum).toBe(order.total * 100)
    expect(payment.amount).toBe(order.total)
    const again = await startCardPayment(db, mockProvider(), {
      orderId: order.orderId,
      orderUrl: 'http://localhost:3000/x',
    })
    expect(again.url).toBe(url)
    expect(stripeMock.sessions.size).toBe(1)
    // the reservation now lasts past the session's end
    const o = await db
      .selectFrom('orders')
      .select('reserved_until')
      .where('id', '=', order.orderId)
      .executeTakeFirstOrThrow()
    expect(o.reserved_until > payment.deadline).toBe(true)
  })

  test("a total below Stripe's minimum is refused with a message, nothing sent", async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    await db.updateTable('sub_orders').set({ total: 1000 }).where('order_id', '=', order.orderId).execute()
    await db.updateTable('order_lines').set({ unit_price: 250, line_total: 500 }).execute()
    await db.updateTable('sub_orders').set({ shipping_fee: 500 }).where('order_id', '=', order.orderId).execute()
    await expect(
      startCardPayment(db, mockProvider(), { orderId: order.orderId, orderUrl: 'http://localhost:3000/x' }),
    ).rejects.toThrow('payment.amountTooSmall')
    expect(stripeMock.requests).toHaveLength(0)
  })
})

describe('Stripe webhook', () => {
  test('the same completed event delivered 10 times concurrently fulfils once', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    const staffA = await createUser(db, { role: 'upt_staff', uptId: order.a.id })
    const staffB = await createUser(db, { role: 'upt_staff', uptId: order.b.id })
    const event = stripeEvent('checkout.session.completed', sessionObject(session))
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(event)))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(results.filter((r) => r.data.outcome === 'paid')).toHaveLength(1)
    expect(await payTransitions(db, order.orderId)).toHaveLength(2)
    expect(await statusOf(db, order.orderId)).toBe('paid')
    expect(await subStatuses(db, order.orderId)).toEqual(['paid', 'paid'])
    for (const p of order.products) expect(await stockOf(db, p)).toBe(3)
    const events = await db.selectFrom('payment_events').selectAll().execute()
    expect(events.map((e) => e.event_id)).toEqual([event.id])
    // one receipt to the buyer, one note per UPT's staff (none in the reference data), sent once
    const receipts = await db
      .selectFrom('emails')
      .select('subject')
      .where('to_address', '=', 'dewi@contoh.id')
      .where('subject', 'like', '%Pembayaran%')
      .execute()
    expect(receipts).toHaveLength(1)
    // each UPT's staff hear about their own paid sub-order, once
    for (const [staff, upt] of [
      [staffA, order.a.id],
      [staffB, order.b.id],
    ] as const) {
      const notes = await db.selectFrom('emails').select('text_body').where('to_address', '=', staff.email).execute()
      expect(notes).toHaveLength(1)
      const sub = await db
        .selectFrom('sub_orders')
        .select(['id', 'number'])
        .where('order_id', '=', order.orderId)
        .where('upt_id', '=', upt)
        .executeTakeFirstOrThrow()
      expect(notes[0]!.text_body).toContain(sub.number)
      expect(notes[0]!.text_body).toContain(`/upt/${upt}/orders/${sub.id}`)
    }
  })

  test('after an expired session the buyer can try again: a new session under a new key', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    await deliver(
      stripeEvent(
        'checkout.session.expired',
        sessionObject({ ...session, paymentStatus: 'unpaid', status: 'expired' }),
      ),
    )
    const again = await startCardPayment(db, mockProvider(), {
      orderId: order.orderId,
      orderUrl: 'http://localhost:3000/x',
    })
    const keys = stripeMock.requests.filter((r) => r.path === '/v1/checkout/sessions').map((r) => r.idempotencyKey)
    expect(keys).toEqual([`mitra-lipas:${order.orderNumber}:card:1`, `mitra-lipas:${order.orderNumber}:card:2`])
    const payments = await db.selectFrom('payments').select(['status', 'provider_url']).orderBy('attempt').execute()
    expect(payments.map((p) => p.status)).toEqual(['expired', 'pending'])
    expect(payments[1]!.provider_url).toBe(again.url)
  })

  test('async_payment_succeeded before completed(unpaid): paid once, never downgraded', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    const succeeded = stripeEvent('checkout.session.async_payment_succeeded', sessionObject(session))
    const completed = stripeEvent('checkout.session.completed', sessionObject({ ...session, paymentStatus: 'unpaid' }))
    expect((await deliver(succeeded)).data.outcome).toBe('paid')
    expect((await deliver(completed)).data.outcome).toBe('processing')
    const p = await db
      .selectFrom('payments')
      .select('status')
      .where('order_id', '=', order.orderId)
      .executeTakeFirstOrThrow()
    expect(p.status).toBe('paid')
    expect(await payTransitions(db, order.orderId)).toHaveLength(2)
  })

  test('completed(unpaid) then async success: processing, then paid', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    expect(
      (await deliver(stripeEvent('checkout.session.completed', sessionObject({ ...session, paymentStatus: 'unpaid' }))))
        .data.outcome,
    ).toBe('processing')
    expect(await statusOf(db, order.orderId)).toBe('pending_payment')
    expect(
      (
        await deliver(
          stripeEvent('checkout.session.async_payment_failed', sessionObject({ ...session, paymentStatus: 'unpaid' })),
        )
      ).data.outcome,
    ).toBe('failed')
    expect(await statusOf(db, order.orderId)).toBe('pending_payment')
  })

  test('expired after paid changes nothing', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    await deliver(stripeEvent('checkout.session.completed', sessionObject(session)))
    const r = await deliver(
      stripeEvent(
        'checkout.session.expired',
        sessionObject({ ...session, paymentStatus: 'unpaid', status: 'expired' }),
      ),
    )
    expect(r.status).toBe(200)
    expect(r.data.outcome).toBe('unchanged')
    expect(await statusOf(db, order.orderId)).toBe('paid')
    expect((await db.selectFrom('payments').select('status').executeTakeFirstOrThrow()).status).toBe('paid')
    for (const p of order.products) expect(await stockOf(db, p)).toBe(3)
  })

  test('a refund event before the payment event: applied once the payment lands', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    const refund = stripeEvent(
      'charge.refunded',
      chargeObject({ paymentIntent: session.paymentIntent, amount: order.total, refunded: order.total }),
    )
    expect((await deliver(refund)).data.outcome).toBe('unmatched')
    expect(await statusOf(db, order.orderId)).toBe('pending_payment')
    expect((await deliver(stripeEvent('checkout.session.completed', sessionObject(session)))).data.outcome).toBe('paid')
    expect(await subStatuses(db, order.orderId)).toEqual(['refunded', 'refunded'])
    // refunded from the dashboard: no restock was asked for, so the goods stay counted out
    for (const p of order.products) expect(await stockOf(db, p)).toBe(3)
    // and the refund event redelivered changes nothing
    expect((await deliver(refund)).data.outcome).toBe('duplicate')
  })

  test('amount paid different from the order total: flagged, not fulfilled', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    const r = await deliver(
      stripeEvent('checkout.session.completed', sessionObject({ ...session, amount: order.total - 1000 })),
    )
    expect(r.data.outcome).toBe('flagged')
    const p = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    expect([p.status, p.flag_reason, p.amount_received]).toEqual(['flagged', 'amount_mismatch', order.total - 1000])
    expect(await statusOf(db, order.orderId)).toBe('pending_payment')
  })

  test('tampered body, stale timestamp, wrong secret and missing signature get 400 and write nothing', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    const event = stripeEvent('checkout.session.completed', sessionObject(session))
    const good = await signed(event)
    const tampered = good.payload.replace(
      `"amount_total":${order.total * 100}`,
      `"amount_total":${order.total * 100 + 100}`,
    )
    expect(tampered).not.toBe(good.payload)
    expect((await call(webhook, webhookRequest(tampered, good.signature))).status).toBe(400)
    const stale = await signed(event, { timestamp: Math.floor(Date.now() / 1000) - 301 })
    expect((await call(webhook, webhookRequest(stale.payload, stale.signature))).status).toBe(400)
    const foreign = await signed(event, { secret: 'whsec_someone_else' })
    expect((await call(webhook, webhookRequest(foreign.payload, foreign.signature))).status).toBe(400)
    expect((await call(webhook, webhookRequest(good.payload, null))).status).toBe(400)
    expect((await call(webhook, webhookRequest('not json', good.signature))).status).toBe(400)
    expect(await db.selectFrom('payment_events').selectAll().execute()).toHaveLength(0)
    expect(await statusOf(db, order.orderId)).toBe('pending_payment')
    // the genuine delivery still works afterwards
    expect((await call(webhook, webhookRequest(good.payload, good.signature))).data.outcome).toBe('paid')
  })

  test('an unknown event type gets 200 and no effect', async () => {
    const db = testDb()
    const { order } = await cardOrder(db)
    const r = await deliver(stripeEvent('customer.created', { id: 'cus_test_1', object: 'customer' }))
    expect(r.status).toBe(200)
    expect(r.data.outcome).toBe('ignored')
    expect(await statusOf(db, order.orderId)).toBe('pending_payment')
  })

  test('property: any order of (duplicated) events fulfils once and moves stock once', async () => {
    const db = testDb()
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.constantFrom('completed', 'succeeded', 'unpaid', 'expired', 'failed', 'ignored'), {
            minLength: 1,
            maxLength: 8,
          })
          .map((xs) => [...xs, 'completed']),
        fc.boolean(),
        async (kinds, resend) => {
          const { order, session } = await cardOrder(db)
          const events = kinds.map((k) =>
            k === 'completed'
              ? stripeEvent('checkout.session.completed', sessionObject(session))
              : k === 'succeeded'
                ? stripeEvent('checkout.session.async_payment_succeeded', sessionObject(session))
                : k === 'unpaid'
                  ? stripeEvent('checkout.session.completed', sessionObject({ ...session, paymentStatus: 'unpaid' }))
                  : k === 'expired'
                    ? stripeEvent(
                        'checkout.session.expired',
                        sessionObject({ ...session, paymentStatus: 'unpaid', status: 'expired' }),
                      )
                    : k === 'failed'
                      ? stripeEvent(
                          'checkout.session.async_payment_failed',
                          sessionObject({ ...session, paymentStatus: 'unpaid' }),
                        )
                      : stripeEvent('invoice.created', { id: 'in_1', object: 'invoice' }),
          )
          for (const e of resend ? [...events, ...events.slice().reverse()] : events)
            expect((await deliver(e)).status).toBe(200)
          expect(await payTransitions(db, order.orderId)).toHaveLength(2)
          expect(await subStatuses(db, order.orderId)).toEqual(['paid', 'paid'])
          for (const p of order.products) expect(await stockOf(db, p)).toBe(3)
          const stored = await db
            .selectFrom('payment_events')
            .select('event_id')
            .where('order_number', '=', order.orderNumber)
            .execute()
          expect(new Set(stored.map((s) => s.event_id)).size).toBe(stored.length)
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('refunds by finance', () => {
  test('partial then full refund of one sub-order; status follows Stripe; restock only when asked', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    await deliver(stripeEvent('checkout.session.completed', sessionObject(session)))
    const finance = await createUser(db, { role: 'finance', uptId: order.a.id })
    const sub = await db
      .selectFrom('sub_orders')
      .selectAll()
      .where('order_id', '=', order.orderId)
      .where('upt_id', '=', order.a.id)
      .executeTakeFirstOrThrow()
    await expect(
      requestRefund(db, mockProvider(), {
        uptId: order.a.id,
        subOrderId: sub.id,
        amount: sub.total + 1,
        reason: 'Rusak',
        restock: false,
        userId: finance.id,
      }),
    ).rejects.toThrow('refund.tooMuch')
    // finance of another UPT cannot reach this sub-order
    await expect(
      requestRefund(db, mockProvider(), {
        uptId: order.b.id,
        subOrderId: sub.id,
        amount: 1000,
        reason: 'x',
        restock: false,
        userId: finance.id,
      }),
    ).rejects.toThrow('error.notFound')
    const part = await requestRefund(db, mockProvider(), {
      uptId: order.a.id,
      subOrderId: sub.id,
      amount: 100_000,
      reason: 'Satu barang rusak',
      restock: false,
      userId: finance.id,
    })
    expect(part.status).toBe('pending')
    const req = stripeMock.requests.filter((r) => r.path === '/v1/refunds')
    expect(new URLSearchParams(req[0]!.body).get('amount')).toBe('10000000')
    expect(req[0]!.idempotencyKey).toBe(`mitra-lipas:refund:${part.id}`)
    await deliver(
      stripeEvent(
        'charge.refunded',
        chargeObject({ paymentIntent: session.paymentIntent, amount: order.total, refunded: 100_000 }),
      ),
    )
    expect(
      (await db.selectFrom('refunds').select('status').where('id', '=', part.id).executeTakeFirstOrThrow()).status,
    ).toBe('succeeded')
    expect(
      (await db.selectFrom('sub_orders').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status,
    ).toBe('paid')
    const rest = await requestRefund(db, mockProvider(), {
      uptId: order.a.id,
      subOrderId: sub.id,
      amount: sub.total - 100_000,
      reason: 'Dibatalkan pembeli',
      restock: true,
      userId: finance.id,
    })
    expect(
      (await db.selectFrom('sub_orders').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status,
    ).toBe('paid')
    await deliver(
      stripeEvent(
        'charge.refunded',
        chargeObject({ paymentIntent: session.paymentIntent, amount: order.total, refunded: sub.total }),
      ),
    )
    expect(
      (await db.selectFrom('refunds').select('status').where('id', '=', rest.id).executeTakeFirstOrThrow()).status,
    ).toBe('succeeded')
    expect(
      (await db.selectFrom('sub_orders').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status,
    ).toBe('refunded')
    expect(await stockOf(db, order.products[0]!)).toBe(5)
    expect(await stockOf(db, order.products[1]!)).toBe(3)
  })
})

describe('without Stripe keys and without MOCKS', () => {
  test('card payment is hidden, the webhook is not served, bank transfer still works', async () => {
    const { resetEnvCache } = await import('#app/lib/env.server.ts')
    const { loader: orderLoader, action: orderAction } = await import('#app/routes/orders.$number.$token.tsx')
    const { bankAccountFor } = await import('#tests/payments-support.ts')
    const saved = {
      MOCKS: process.env.MOCKS,
      KEY: process.env.STRIPE_SECRET_KEY,
      SECRET: process.env.STRIPE_WEBHOOK_SECRET,
    }
    process.env.MOCKS = 'false'
    delete process.env.STRIPE_SECRET_KEY
    delete process.env.STRIPE_WEBHOOK_SECRET
    resetEnvCache()
    try {
      const db = testDb()
      const order = await twoUptOrder(db)
      const path = `/orders/${order.orderNumber}/${order.token}`
      const params = { number: order.orderNumber, token: order.token }
      const { makeRequest } = await import('#tests/helpers.ts')
      const page = await call(orderLoader, makeRequest(path), params)
      expect(page.data.payment.cardAvailable).toBe(false)
      const card = await call(orderAction, makeRequest(path, { form: { intent: 'card' } }), params)
      expect(card.status).toBe(400)
      expect(stripeMock.requests).toHaveLength(0)
      const event = stripeEvent(
        'checkout.session.completed',
        sessionObject({
          sessionId: 'cs_x',
          orderNumber: order.orderNumber,
          amount: order.total,
          paymentIntent: 'pi_x',
        }),
      )
      expect((await deliver(event)).status).toBe(404)
      await bankAccountFor(db, order.a.id)
      await bankAccountFor(db, order.b.id)
      expect((await call(orderAction, makeRequest(path, { form: { intent: 'transfer' } }), params)).status).toBe(302)
      expect(await db.selectFrom('payments').selectAll().execute()).toHaveLength(2)
    } finally {
      process.env.MOCKS = saved.MOCKS
      if (saved.KEY !== undefined) process.env.STRIPE_SECRET_KEY = saved.KEY
      if (saved.SECRET !== undefined) process.env.STRIPE_WEBHOOK_SECRET = saved.SECRET
      resetEnvCache()
    }
  })

  test('a signed body that is not a Stripe event gets 400, not 500', async () => {
    const { signed: sign } = await import('#tests/payments-support.ts')
    const { payload, signature } = await sign({ hello: 'world' })
    const r = await call(webhook, webhookRequest(payload, signature))
    expect(r.status).toBe(400)
    expect(await testDb().selectFrom('payment_events').selectAll().execute()).toHaveLength(0)
  })
})
