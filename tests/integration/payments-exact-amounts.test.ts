import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { ensureNationalSplitRule } from '#app/domain/ledger/split-rules.ts'
import { loader as financePayments } from '#app/routes/finance.upt.$uptId.payments._index.tsx'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { createUser, sessionCookieFor } from '#tests/factories.ts'
import { stripeMock } from '#tests/mocks/stripe.ts'
import { fromStripeAmount } from '#app/integrations/payments/stripe.server.ts'
import { formatMinorAmount } from '#app/lib/format.ts'
import {
  chargeObject,
  deliver,
  mockProvider,
  sessionObject,
  stripeEvent,
  twoUptOrder,
} from '#tests/payments-support.ts'

beforeEach(() => stripeMock.reset())

async function cardOrder(db: DB) {
  await ensureNationalSplitRule(db)
  const order = await twoUptOrder(db)
  await startCardPayment(db, mockProvider(), {
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
    paymentIntent: `pi_test_${order.orderNumber.slice(-6)}e`,
  }
  return { order, payment, session }
}

const subStatuses = async (db: DB, orderId: string) =>
  (await db.selectFrom('sub_orders').select('status').where('order_id', '=', orderId).orderBy('number').execute()).map(
    (s) => s.status,
  )

describe('Stripe amounts are compared exactly, never rounded into a match', () => {
  // amount_total in IDR x100: one sen more or less than the order, or another currency with the same digits
  const cases = [
    { name: 'one sen more', minor: (total: number) => total * 100 + 1, currency: 'idr' },
    { name: 'one sen less', minor: (total: number) => total * 100 - 1, currency: 'idr' },
    { name: 'forty-nine sen more', minor: (total: number) => total * 100 + 49, currency: 'idr' },
    { name: 'the same digits in USD', minor: (total: number) => total * 100, currency: 'usd' },
  ]
  for (const c of cases) {
    test(`${c.name}: flagged as a mismatch, the order stays unpaid, nothing is booked, finance sees what arrived`, async () => {
      const db = testDb()
      const { order, payment, session } = await cardOrder(db)
      const minor = c.minor(order.total)
      const object = { ...sessionObject(session), amount_total: minor, amount_subtotal: minor, currency: c.currency }
      const r = await deliver(stripeEvent('checkout.session.completed', object))
      expect(r.data.outcome).toBe('flagged')
      const p = await db.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow()
      expect([p.status, p.flag_reason, p.paid_at]).toEqual(['flagged', 'amount_mismatch', null])
      expect([p.received_minor, p.received_currency]).toEqual([minor, c.currency])
      const o = await db.selectFrom('orders').select('status').where('id', '=', order.orderId).executeTakeFirstOrThrow()
      expect(o.status).toBe('pending_payment')
      expect(await subStatuses(db, order.orderId)).toEqual(['pending_payment', 'pending_payment'])
      expect(await db.selectFrom('ledger_entries').select('id').execute()).toEqual([])

      // finance of either selling UPT sees the flagged payment with the exact amount that arrived
      const finance = await createUser(db, { role: 'finance', uptId: order.a.id, totp: true })
      const page = await call(
        financePayments,
        makeRequest(`/finance/upt/${order.a.id}/payments`, { cookie: await sessionCookieFor(db, finance.id) }),
        { uptId: order.a.id },
      )
      expect(page.status).toBe(200)
      expect(page.data.flagged).toEqual([
        expect.objectContaining({
          reference: order.orderNumber,
          amount: order.total,
          received_minor: minor,
          received_currency: c.currency,
          flag_reason: 'amount_mismatch',
        }),
      ])
    })
  }

  test('the exact amount in IDR is paid (and the same completed event again changes nothing)', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    const event = stripeEvent('checkout.session.completed', sessionObject(session))
    expect((await deliver(event)).data.outcome).toBe('paid')
    expect(await subStatuses(db, order.orderId)).toEqual(['paid', 'paid'])
    const p = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    expect([p.status, p.amount_received, p.received_minor, p.received_currency]).toEqual([
      'paid',
      order.total,
      order.total * 100,
      'idr',
    ])
  })

  test('a cumulative refund with sen is kept with its event for finance, never rounded into the books', async () => {
    const db = testDb()
    const { order, session } = await cardOrder(db)
    expect((await deliver(stripeEvent('checkout.session.completed', sessionObject(session)))).data.outcome).toBe('paid')
    const charge = {
      ...chargeObject({ paymentIntent: session.paymentIntent, amount: order.total, refunded: 0 }),
      amount_refunded: 5_000_001,
    }
    expect((await deliver(stripeEvent('charge.refunded', charge))).data.outcome).toBe('flagged')
    const p = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    expect(p.amount_refunded).toBe(0)
    expect(await db.selectFrom('ledger_entries').select('id').where('kind', '=', 'refund').execute()).toEqual([])
    const stored = await db
      .selectFrom('payment_events')
      .select(['outcome', 'amount_refunded'])
      .where('type', '=', 'charge.refunded')
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ outcome: 'flagged', amount_refunded: null })
  })

  test('minor units convert to rupiah only when whole, and show as sent', () => {
    expect(fromStripeAmount(14_800_000)).toBe(148_000)
    expect([
      fromStripeAmount(14_800_001),
      fromStripeAmount(14_799_999),
      fromStripeAmount(null),
      fromStripeAmount(1.5),
    ]).toEqual([null, null, null, null])
    expect(formatMinorAmount(14_800_001, 'idr')).toBe('IDR 148.000,01')
    expect(formatMinorAmount(-5, 'usd')).toBe('-USD 0,05')
  })
})
