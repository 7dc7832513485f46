import fs from 'node:fs'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { requestRefund } from '#app/domain/payments/refunds.ts'
import { proposeMatch, reconciliationState } from '#app/domain/pnbp/reconcile.ts'
import { ensureNationalSplitRule } from '#app/domain/ledger/split-rules.ts'
import { MOCK_STRIPE_SECRET_KEY } from '#app/integrations/payments/stripe.server.ts'
import { allocatePendingPayouts, syncStripePayouts } from '#app/integrations/stripe-payouts.server.ts'
import { createUser } from '#tests/factories.ts'
import { BUYER, createProductRow } from '#tests/factories-market.ts'
import { server } from '#tests/mocks/server.ts'
import { stripeFixture, stripeMock } from '#tests/mocks/stripe.ts'
import {
  chargeObject,
  deliver,
  mockProvider,
  sessionObject,
  stripeEvent,
  twoUptOrder,
} from '#tests/payments-support.ts'
import { testDb } from '#tests/setup/setup-each.ts'

// A real Stripe payout object (from the shared Stripe fixtures), adjusted to IDR below.
const fixture = JSON.parse(fs.readFileSync(new URL('../fixtures/stripe-payout.json', import.meta.url), 'utf8'))
const API = 'https://api.stripe.com'
const ARRIVAL = 1_795_000_000

beforeEach(() => stripeMock.reset())

/** Places an order and pays it by card through the webhook; returns its sub-orders. */
async function paidCardOrder(
  db: DB,
  order: { orderId: string; orderNumber: string; total: number },
  paymentIntent: string,
) {
  await startCardPayment(db, mockProvider(), { orderId: order.orderId, orderUrl: 'http://localhost:3000/x' })
  const payment = await db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', order.orderId)
    .executeTakeFirstOrThrow()
  const r = await deliver(
    stripeEvent(
      'checkout.session.completed',
      sessionObject({
        sessionId: payment.provider_session_id!,
        orderNumber: order.orderNumber,
        amount: order.total,
        paymentIntent,
      }),
    ),
  )
  expect(r.data.outcome).toBe('paid')
  return db
    .selectFrom('sub_orders')
    .select(['id', 'number', 'upt_id', 'total'])
    .where('order_id', '=', order.orderId)
    .orderBy('number')
    .execute()
}

/** Refunds part of a sub-order through the portal, confirmed by Stripe's charge.refunded event. */
async function refund(
  db: DB,
  o: { uptId: string; subOrderId: string; amount: number; paymentIntent: string; orderTotal: number },
) {
  const finance = await createUser(db, { role: 'finance', uptId: o.uptId })
  await requestRefund(db, mockProvider(), {
    uptId: o.uptId,
    subOrderId: o.subOrderId,
    amount: o.amount,
    reason: 'Rusak',
    restock: false,
    userId: finance.id,
  })
  const refunded =
    stripeMock.refunds.filter((x) => x.payment_intent === o.paymentIntent).reduce((s, x) => s + Number(x.amount), 0) /
    100
  await deliver(
    stripeEvent('charge.refunded', chargeObject({ paymentIntent: o.paymentIntent, amount: o.orderTotal, refunded })),
  )
  return String(stripeMock.refunds.at(-1)!.id)
}

const txn = (o: { id: string; type: string; amount: number; fee?: number; source: unknown }) =>
  stripeFixture('balance_transaction', {
    id: o.id,
    type: o.type,
    amount: o.amount * 100,
    fee: (o.fee ?? 0) * 100,
    net: (o.amount - (o.fee ?? 0)) * 100,
    currency: 'idr',
    created: ARRIVAL - 86_400,
    source: o.source,
  })
const chargeSource = (pi: string, amount: number) =>
  stripeFixture('charge', {
    id: `ch_${pi}`,
    object: 'charge',
    amount: amount * 100,
    currency: 'idr',
    payment_intent: pi,
  })
const refundSource = (id: string, pi: string, amount: number) =>
  stripeFixture('refund', { id, object: 'refund', amount: amount * 100, currency: 'idr', payment_intent: pi })
const payoutObject = (id: string, amount: number, o: Record<string, unknown> = {}) => ({
  ...fixture,
  id,
  amount: amount * 100,
  currency: 'idr',
  status: 'paid',
  arrival_date: ARRIVAL,
  ...o,
})

/** Serves the balance transactions of each payout id (Stripe's list shape). */
function serveTransactions(byPayout: Record<string, unknown[]>) {
  server.use(
    http.get(`${API}/v1/balance_transactions`, ({ request }) => {
      const data = byPayout[new URL(request.url).searchParams.get('payout') ?? '']
      if (!data)
        return HttpResponse.json(
          { error: { type: 'invalid_request_error', message: 'No such payout' } },
          { status: 404 },
        )
      return HttpResponse.json({ object: 'list', url: '/v1/balance_transactions', has_more: false, data })
    }),
  )
}

const bal = async (db: DB, uptId: string) =>
  Object.fromEntries((await balances(db, uptId)).map((x) => [x.account, x.balance]))

describe('Stripe payouts are allocated to UPTs from their balance transactions', () => {
  test('payout.paid: recorded once, fees shared by gross, each UPT receives its net and its Stripe clearing returns to zero', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const order = await twoUptOrder(db)
    const subs = await paidCardOrder(db, order, 'pi_test_po1')
    const subA = subs.find((s) => s.upt_id === order.a.id)!
    const subB = subs.find((s) => s.upt_id === order.b.id)!
    const refundId = await refund(db, {
      uptId: order.a.id,
      subOrderId: subA.id,
      amount: 50_000,
      paymentIntent: 'pi_test_po1',
      orderTotal: order.total,
    })
    const fee = 15_051
    const net = order.total - fee - 50_000
    serveTransactions({
      po_test_1: [
        txn({
          id: 'txn_charge',
          type: 'charge',
          amount: order.total,
          fee,
          source: chargeSource('pi_test_po1', order.total),
        }),
        txn({
          id: 'txn_refund',
          type: 'refund',
          amount: -50_000,
          source: refundSource(refundId, 'pi_test_po1', 50_000),
        }),
        txn({ id: 'txn_payout', type: 'payout', amount: -net, source: 'po_test_1' }),
      ],
    })
    const event = stripeEvent('payout.paid', payoutObject('po_test_1', net))
    const results = await Promise.all([
      deliver(event),
      deliver(event),
      deliver(stripeEvent('payout.paid', payoutObject('po_test_1', net))),
    ])
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    expect(results.map((r) => r.data.outcome).sort()).toEqual(['duplicate', 'recorded', 'unchanged'])

    const payout = await db.selectFrom('stripe_payouts').selectAll().executeTakeFirstOrThrow()
    expect(payout).toMatchObject({
      id: 'po_test_1',
      state: 'allocated',
      amount_minor: net * 100,
      received_via: 'webhook',
      problem: null,
    })
    const feeA = Math.round((fee * subA.total) / order.total)
    const allocations = await db
      .selectFrom('stripe_payout_allocations')
      .select(['upt_id', 'charges', 'refunds', 'fees', 'net'])
      .orderBy('net', 'desc')
      .execute()
    expect(allocations).toEqual(
      [
        { upt_id: order.a.id, charges: subA.total, refunds: 50_000, fees: feeA, net: subA.total - 50_000 - feeA },
        { upt_id: order.b.id, charges: subB.total, refunds: 0, fees: fee - feeA, net: subB.total - (fee - feeA) },
      ].sort((x, y) => y.net - x.net),
    )
    expect(allocations.reduce((s, a) => s + a.net, 0)).toBe(net)

    for (const a of allocations) {
      const b = await bal(db, a.upt_id)
      expect(b['clearing:stripe']).toBe(0)
      expect(b['bank']).toBe(a.net)
      expect(b['provider_fees']).toBe(a.fees)
    }
    const entries = await db
      .selectFrom('ledger_entries')
      .select(['reference', 'kind', 'amount', 'source_id'])
      .where('kind', 'in', ['fee', 'payout'])
      .orderBy('reference')
      .execute()
    expect(entries).toEqual(
      [
        { reference: `stripe-fee:txn_charge:${subA.number}`, kind: 'fee', amount: feeA, source_id: 'txn_charge' },
        { reference: `stripe-fee:txn_charge:${subB.number}`, kind: 'fee', amount: fee - feeA, source_id: 'txn_charge' },
        {
          reference: `stripe:po_test_1:${order.a.id}`,
          kind: 'payout',
          amount: subA.total - 50_000 - feeA,
          source_id: 'po_test_1',
        },
        {
          reference: `stripe:po_test_1:${order.b.id}`,
          kind: 'payout',
          amount: subB.total - (fee - feeA),
          source_id: 'po_test_1',
        },
      ].sort((x, y) => x.reference.localeCompare(y.reference)),
    )
    expect(await ledgerProblems(db)).toEqual([])
    const audited = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'payments.payout.allocated')
      .execute()
    expect(audited).toHaveLength(1)
  })

  test('a signed payout.paid without a usable payout (or not paid) is acknowledged and books nothing', async () => {
    const db = testDb()
    const broken = await deliver(
      stripeEvent('payout.paid', payoutObject('po_broken', 1000, { amount: 'lots', arrival_date: null })),
    )
    expect(broken).toMatchObject({ status: 200, data: { outcome: 'unmatched' } })
    const inTransit = await deliver(
      stripeEvent('payout.paid', payoutObject('po_transit', 1000, { status: 'in_transit' })),
    )
    expect(inTransit).toMatchObject({ status: 200, data: { outcome: 'unchanged' } })
    expect(await db.selectFrom('stripe_payouts').selectAll().execute()).toEqual([])
    expect(await db.selectFrom('payment_events').select('outcome').orderBy('outcome').execute()).toEqual([
      { outcome: 'unchanged' },
      { outcome: 'unmatched' },
    ])
  })

  test('a payout the ledger cannot explain waits for review with its problems and posts nothing', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const order = await twoUptOrder(db)
    await paidCardOrder(db, order, 'pi_test_po2')
    serveTransactions({
      po_test_2: [
        txn({
          id: 'txn_known',
          type: 'charge',
          amount: order.total,
          fee: 10_000,
          source: chargeSource('pi_test_po2', order.total),
        }),
        txn({
          id: 'txn_stranger',
          type: 'charge',
          amount: 20_000,
          fee: 2_580,
          source: chargeSource('pi_not_ours', 20_000),
        }),
        txn({ id: 'txn_adjust', type: 'adjustment', amount: -5_000, source: null }),
      ],
    })
    const amount = order.total - 10_000 + 20_000 - 2_580 - 5_000
    const r = await deliver(stripeEvent('payout.paid', payoutObject('po_test_2', amount)))
    expect(r.status).toBe(200)
    const payout = await db.selectFrom('stripe_payouts').selectAll().executeTakeFirstOrThrow()
    expect(payout.state).toBe('needs_review')
    expect(JSON.parse(payout.problem!)).toEqual([
      { code: 'payout.unknownCharge', ref: 'txn_stranger' },
      { code: 'payout.unsupportedType', ref: 'adjustment txn_adjust' },
    ])
    expect(
      await db.selectFrom('ledger_entries').select('reference').where('kind', 'in', ['fee', 'payout']).execute(),
    ).toEqual([])
    expect(await db.selectFrom('stripe_payout_allocations').selectAll().execute()).toEqual([])
    // the job leaves it to a person; an explicit retry tries again and still refuses
    expect(await allocatePendingPayouts(db, MOCK_STRIPE_SECRET_KEY)).toEqual({ allocated: 0, review: 0, failed: 0 })
    expect(await allocatePendingPayouts(db, MOCK_STRIPE_SECRET_KEY, { includeReview: true })).toEqual({
      allocated: 0,
      review: 1,
      failed: 0,
    })
  })

  test('when Stripe cannot list the transactions the payout stays pending, the webhook still answers 200, and the job allocates it later', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const order = await twoUptOrder(db)
    await paidCardOrder(db, order, 'pi_test_po3')
    server.use(
      http.get(`${API}/v1/balance_transactions`, () =>
        HttpResponse.json({ error: { type: 'api_error', message: 'down' } }, { status: 500 }),
      ),
    )
    const r = await deliver(stripeEvent('payout.paid', payoutObject('po_test_3', order.total)))
    expect(r.status).toBe(200)
    expect(await db.selectFrom('stripe_payouts').select(['state', 'attempts']).executeTakeFirstOrThrow()).toEqual({
      state: 'pending',
      attempts: 1,
    })
    serveTransactions({
      po_test_3: [
        txn({ id: 'txn_c3', type: 'charge', amount: order.total, source: chargeSource('pi_test_po3', order.total) }),
      ],
    })
    expect(await allocatePendingPayouts(db, MOCK_STRIPE_SECRET_KEY)).toEqual({ allocated: 1, review: 0, failed: 0 })
    expect(await allocatePendingPayouts(db, MOCK_STRIPE_SECRET_KEY)).toEqual({ allocated: 0, review: 0, failed: 0 })
    expect((await bal(db, order.a.id))['clearing:stripe']).toBe(0)
    expect((await bal(db, order.b.id))['clearing:stripe']).toBe(0)
    expect(await ledgerProblems(db)).toEqual([])
  })

  test('the API sync records paid payouts once; a UPT whose refunds outweigh its sales in a payout gives money back', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const first = await twoUptOrder(db)
    const subs = await paidCardOrder(db, first, 'pi_test_s1')
    const subA = subs.find((s) => s.upt_id === first.a.id)!
    // a second order from UPT B only
    const pb = await createProductRow(db, { uptId: first.b.id, price: 200_000, stock: 3 })
    const { cartId } = await ensureCart(db, {})
    await addToCart(db, cartId, pb.id, 1)
    const second = await placeOrder(db, { cartId, userId: null, ...BUYER })
    await paidCardOrder(db, second, 'pi_test_s2')
    const refundId = await refund(db, {
      uptId: first.a.id,
      subOrderId: subA.id,
      amount: subA.total,
      paymentIntent: 'pi_test_s1',
      orderTotal: first.total,
    })

    const payout1 = first.total - 10_000
    const payout2 = second.total - 5_000 - subA.total
    serveTransactions({
      po_sync_1: [
        txn({
          id: 'txn_s1',
          type: 'charge',
          amount: first.total,
          fee: 10_000,
          source: chargeSource('pi_test_s1', first.total),
        }),
      ],
      po_sync_2: [
        txn({
          id: 'txn_s2',
          type: 'charge',
          amount: second.total,
          fee: 5_000,
          source: chargeSource('pi_test_s2', second.total),
        }),
        txn({
          id: 'txn_r1',
          type: 'refund',
          amount: -subA.total,
          source: refundSource(refundId, 'pi_test_s1', subA.total),
        }),
      ],
    })
    const requested: string[] = []
    server.use(
      http.get(`${API}/v1/payouts`, ({ request }) => {
        requested.push(new URL(request.url).search)
        return HttpResponse.json({
          object: 'list',
          url: '/v1/payouts',
          has_more: false,
          data: [
            payoutObject('po_sync_2', payout2),
            payoutObject('po_sync_1', payout1),
            payoutObject('po_usd', 11, { currency: 'usd' }),
          ],
        })
      }),
    )
    expect(await syncStripePayouts(db, MOCK_STRIPE_SECRET_KEY, ARRIVAL - 30 * 86_400)).toEqual({
      seen: 3,
      recorded: 3,
      allocated: 2,
      review: 1,
      failed: 0,
    })
    expect(requested[0]).toContain('status=paid')
    expect(decodeURIComponent(requested[0]!)).toContain(`arrival_date[gte]=${ARRIVAL - 30 * 86_400}`)
    expect(await syncStripePayouts(db, MOCK_STRIPE_SECRET_KEY, ARRIVAL - 30 * 86_400)).toEqual({
      seen: 3,
      recorded: 0,
      allocated: 0,
      review: 0,
      failed: 0,
    })
    expect(await db.selectFrom('stripe_payouts').select(['id', 'state']).orderBy('id').execute()).toEqual([
      { id: 'po_sync_1', state: 'allocated' },
      { id: 'po_sync_2', state: 'allocated' },
      { id: 'po_usd', state: 'needs_review' },
    ])
    const back = await db
      .selectFrom('stripe_payout_allocations')
      .selectAll()
      .where('payout_id', '=', 'po_sync_2')
      .where('upt_id', '=', first.a.id)
      .executeTakeFirstOrThrow()
    expect(back).toMatchObject({ charges: 0, refunds: subA.total, fees: 0, net: -subA.total })
    const a = await bal(db, first.a.id)
    expect(a['clearing:stripe']).toBe(0)
    const allocA = await db
      .selectFrom('stripe_payout_allocations')
      .select('net')
      .where('upt_id', '=', first.a.id)
      .execute()
    expect(a['bank']).toBe(allocA.reduce((s, x) => s + x.net, 0))
    expect((await bal(db, first.b.id))['clearing:stripe']).toBe(0)
    expect(await ledgerProblems(db)).toEqual([])
    // reconciliation sees each share as the bank does: in for po_sync_1, out for the money A gave back
    const open = (await reconciliationState(db, first.a.id)).open.filter((c) => c.kind === 'payout')
    expect(open.map((c) => [c.sourceId, Math.sign(c.amount)]).sort()).toEqual([
      ['po_sync_1', 1],
      ['po_sync_2', -1],
    ])
    const line = {
      id: 'l1',
      date: new Date(ARRIVAL * 1000).toISOString().slice(0, 10),
      amount: -subA.total,
      description: 'PENGEMBALIAN STRIPE PO_SYNC_2',
      reference: null,
    }
    expect(proposeMatch(line, open)).toMatchObject({ method: 'reference', targets: [{ sourceId: 'po_sync_2' }] })
  })
})
