import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { confirmBankTransfer, startBankTransfer } from '#app/domain/payments/bank.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { requestRefund } from '#app/domain/payments/refunds.ts'
import { monthlyReport } from '#app/domain/pnbp/report.ts'
import { reconciliationState } from '#app/domain/pnbp/reconcile.ts'
import { ensureNationalSplitRule } from '#app/domain/ledger/split-rules.ts'
import { loader as ledgerLoader } from '#app/routes/finance.upt.$uptId.ledger.tsx'
import { loader as paymentsLoader } from '#app/routes/finance.upt.$uptId.payments._index.tsx'
import { loader as refundLoader } from '#app/routes/finance.upt.$uptId.payments.refund.$subOrderId.tsx'
import { loader as reportLoader } from '#app/routes/finance.report.tsx'
import { todayIn } from '#app/lib/time.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { BUYER, createProductRow } from '#tests/factories-market.ts'
import { server } from '#tests/mocks/server.ts'
import { stripeFixture, stripeMock } from '#tests/mocks/stripe.ts'
import {
  bankAccountFor,
  chargeObject,
  deliver,
  mockProvider,
  sessionObject,
  stripeEvent,
} from '#tests/payments-support.ts'
import { testDb } from '#tests/setup/setup-each.ts'

beforeEach(() => stripeMock.reset())

const SHIPPING = 20_000

async function flatShipping(db: DB, uptId: string) {
  await db
    .insertInto('upt_shipping_rates')
    .values({
      upt_id: uptId,
      same_province: SHIPPING,
      same_island: SHIPPING,
      other: SHIPPING,
      pickup: 1,
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) =>
      oc.column('upt_id').doUpdateSet({ same_province: SHIPPING, same_island: SHIPPING, other: SHIPPING }),
    )
    .execute()
}

async function order(db: DB, items: { uptId: string; price: number; qty: number }[]) {
  const { cartId } = await ensureCart(db, {})
  for (const i of items) {
    await flatShipping(db, i.uptId)
    const p = await createProductRow(db, { uptId: i.uptId, price: i.price, stock: 10 })
    await addToCart(db, cartId, p.id, i.qty)
  }
  return placeOrder(db, { cartId, userId: null, ...BUYER })
}

const lines = async (db: DB, reference: string) =>
  Object.fromEntries(
    (
      await db
        .selectFrom('ledger_lines as l')
        .innerJoin('ledger_entries as e', 'e.id', 'l.entry_id')
        .select(['l.account', 'l.debit', 'l.credit'])
        .where('e.reference', '=', reference)
        .execute()
    ).map((l) => [l.account, l.debit - l.credit]),
  )
const bal = async (db: DB, uptId: string) =>
  Object.fromEntries((await balances(db, uptId)).map((x) => [x.account, x.balance]))
const SPLIT = ['pnbp_payable', 'premi_pool', 'production_capital', 'partner_payable', 'operations', 'cost_recovery']

describe('the split base is the goods only; shipping and the unique code have their own accounts (ADR 013)', () => {
  test('a bank transfer of goods Rp 128.000 + shipping Rp 20.000 + its code: PNBP, premi and capital on Rp 128.000; payments, refund, ledger and report pages agree; refunds take goods first and clearing returns to zero', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db) // 50% premi, 15% PNBP, 35% production capital of sales
    const { b: bangli } = await twoUpts(db)
    await bankAccountFor(db, bangli.id)
    const placed = await order(db, [{ uptId: bangli.id, price: 64_000, qty: 2 }])
    await startBankTransfer(db, { orderId: placed.orderId })
    const p = await db
      .selectFrom('payments')
      .selectAll()
      .where('order_id', '=', placed.orderId)
      .executeTakeFirstOrThrow()
    const code = p.unique_code!
    expect(p.amount).toBe(128_000 + SHIPPING + code)
    const finance = await createUser(db, { role: 'finance', uptId: bangli.id, totp: true })
    await confirmBankTransfer(db, { uptId: bangli.id, paymentId: p.id, userId: finance.id })

    // the ledger: everything received in clearing, the split on the goods, shipping and code apart
    const entry = await db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('reference', '=', `transfer:${p.id}`)
      .executeTakeFirstOrThrow()
    expect(entry.amount).toBe(p.amount)
    expect(await lines(db, entry.reference)).toEqual({
      'clearing:bank_transfer': p.amount,
      pnbp_payable: -19_200,
      premi_pool: -64_000,
      production_capital: -44_800,
      shipping_payable: -SHIPPING,
      unique_codes: -code,
    })
    // a statement line for the full amount paid still matches the payment entry
    expect((await reconciliationState(db, bangli.id)).open).toEqual([
      expect.objectContaining({ reference: entry.reference, amount: p.amount }),
    ])

    const cookie = await sessionCookieFor(db, finance.id)
    const sub = await db
      .selectFrom('sub_orders')
      .select(['id', 'number'])
      .where('order_id', '=', placed.orderId)
      .executeTakeFirstOrThrow()
    const month = todayIn(bangli.timezone ?? 'Asia/Makassar').slice(0, 7)
    const pages = async () => {
      const payments = await call(paymentsLoader, makeRequest(`/finance/upt/${bangli.id}/payments`, { cookie }), {
        uptId: bangli.id,
      })
      const refund = await call(
        refundLoader,
        makeRequest(`/finance/upt/${bangli.id}/payments/refund/${sub.id}`, { cookie }),
        { uptId: bangli.id, subOrderId: sub.id },
      )
      const ledger = await call(
        ledgerLoader,
        makeRequest(`/finance/upt/${bangli.id}/ledger?month=${entry.month}`, { cookie }),
        { uptId: bangli.id },
      )
      const report = await call(reportLoader, makeRequest(`/finance/report?month=${month}`, { cookie }))
      for (const r of [payments, refund, ledger, report]) expect(r.status).toBe(200)
      return { payments: payments.data, refund: refund.data, ledger: ledger.data, report: report.data.rows[0] }
    }
    let shown = await pages()
    const row = shown.payments.paid.find((r: { id: string }) => r.id === sub.id)
    expect(row.money).toEqual({ goods: 128_000, shipping: SHIPPING, unique_code: code })
    expect(shown.refund.money).toMatchObject({
      paid: { goods: 128_000, shipping: SHIPPING, unique_code: code },
      paidTotal: p.amount,
      remaining: p.amount,
    })
    expect(shown.ledger.entries.find((e: { reference: string }) => e.reference === entry.reference).amount).toBe(
      p.amount,
    )
    expect(shown.report).toMatchObject({
      grossSales: 128_000,
      refunds: 0,
      base: 128_000,
      pnbpDue: 19_200,
      premi: 64_000,
      production: 44_800,
      shipping: SHIPPING,
      uniqueCodes: code,
    })
    // to the rupiah: what the payments page says was paid is what the ledger and the report received
    expect(row.money.goods + row.money.shipping + row.money.unique_code).toBe(
      shown.report.grossSales + shown.report.shipping + shown.report.uniqueCodes,
    )

    // a partial refund of goods reverses the split proportionally, nothing else
    await requestRefund(db, null, {
      uptId: bangli.id,
      subOrderId: sub.id,
      amount: 50_000,
      reason: 'Satu rusak',
      restock: false,
      userId: finance.id,
    })
    const first = await db.selectFrom('refunds').select('id').executeTakeFirstOrThrow()
    expect(await lines(db, `refund:${first.id}`)).toEqual({
      'clearing:bank_transfer': -50_000,
      pnbp_payable: 7_500,
      premi_pool: 25_000,
      production_capital: 17_500,
    })
    shown = await pages()
    expect(shown.refund.money).toMatchObject({
      refunded: { goods: 50_000, shipping: 0, unique_code: 0 },
      remaining: p.amount - 50_000,
    })
    expect(shown.report).toMatchObject({
      grossSales: 128_000,
      refunds: 50_000,
      base: 78_000,
      pnbpDue: 11_700,
      shipping: SHIPPING,
      uniqueCodes: code,
    })

    // the rest: the remaining goods, then shipping, then the code; the buyer gets back all they paid
    await requestRefund(db, null, {
      uptId: bangli.id,
      subOrderId: sub.id,
      amount: shown.refund.remaining,
      reason: 'Dibatalkan',
      restock: true,
      userId: finance.id,
    })
    const second = await db.selectFrom('refunds').select('id').where('id', '<>', first.id).executeTakeFirstOrThrow()
    expect(await lines(db, `refund:${second.id}`)).toEqual({
      'clearing:bank_transfer': -(p.amount - 50_000),
      pnbp_payable: 11_700,
      premi_pool: 39_000,
      production_capital: 27_300,
      shipping_payable: SHIPPING,
      unique_codes: code,
    })
    expect(
      (await db.selectFrom('sub_orders').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status,
    ).toBe('refunded')
    const after = await bal(db, bangli.id)
    for (const [account, balance] of Object.entries(after)) expect([account, balance]).toEqual([account, 0])
    shown = await pages()
    expect(shown.report).toMatchObject({
      grossSales: 128_000,
      refunds: 128_000,
      base: 0,
      pnbpDue: 0,
      shipping: 0,
      uniqueCodes: 0,
    })
    expect(await ledgerProblems(db)).toEqual([])
  })

  test('a card order over two UPTs with shipping: each split is on its goods, a refund past the goods reverses shipping, and the payout still allocates to the rupiah with Stripe clearing back at zero', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const { a, b } = await twoUpts(db)
    const placed = await order(db, [
      { uptId: a.id, price: 150_000, qty: 2 },
      { uptId: b.id, price: 75_000, qty: 1 },
    ])
    expect(placed.total).toBe(300_000 + 75_000 + 2 * SHIPPING)
    await startCardPayment(db, mockProvider(), { orderId: placed.orderId, orderUrl: 'http://localhost:3000/x' })
    const payment = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    const pi = 'pi_test_split_base'
    expect(
      (
        await deliver(
          stripeEvent(
            'checkout.session.completed',
            sessionObject({
              sessionId: payment.provider_session_id!,
              orderNumber: placed.orderNumber,
              amount: placed.total,
              paymentIntent: pi,
            }),
          ),
        )
      ).data.outcome,
    ).toBe('paid')
    const subs = await db
      .selectFrom('sub_orders')
      .select(['id', 'number', 'upt_id', 'subtotal', 'total'])
      .where('order_id', '=', placed.orderId)
      .execute()
    const subA = subs.find((s) => s.upt_id === a.id)!
    const subB = subs.find((s) => s.upt_id === b.id)!
    expect(await lines(db, `stripe:${pi}:${subB.number}`)).toEqual({
      'clearing:stripe': 95_000,
      pnbp_payable: -11_250,
      premi_pool: -37_500,
      production_capital: -26_250,
      shipping_payable: -SHIPPING,
    })

    // A refunds all its goods and half its shipping
    const finance = await createUser(db, { role: 'finance', uptId: a.id })
    const refundAmount = 300_000 + SHIPPING / 2
    await requestRefund(db, mockProvider(), {
      uptId: a.id,
      subOrderId: subA.id,
      amount: refundAmount,
      reason: 'Tidak jadi',
      restock: true,
      userId: finance.id,
    })
    await deliver(
      stripeEvent('charge.refunded', chargeObject({ paymentIntent: pi, amount: placed.total, refunded: refundAmount })),
    )
    const rf = await db.selectFrom('refunds').select(['id', 'status']).executeTakeFirstOrThrow()
    expect(rf.status).toBe('succeeded')
    expect(await lines(db, `refund:${rf.id}`)).toEqual({
      'clearing:stripe': -refundAmount,
      pnbp_payable: 45_000,
      premi_pool: 150_000,
      production_capital: 105_000,
      shipping_payable: SHIPPING / 2,
    })
    const report = await monthlyReport(db, { month: todayIn('Asia/Jakarta').slice(0, 7) })
    expect(report.find((r) => r.uptId === a.id)).toMatchObject({
      grossSales: 300_000,
      refunds: 300_000,
      base: 0,
      pnbpDue: 0,
      shipping: SHIPPING / 2,
    })
    expect(report.find((r) => r.uptId === b.id)).toMatchObject({
      grossSales: 75_000,
      refunds: 0,
      base: 75_000,
      pnbpDue: 11_250,
      shipping: SHIPPING,
    })

    // the payout: the charge (full amount) less Stripe's fee and the refund
    const fee = 13_337
    const net = placed.total - fee - refundAmount
    const provider = stripeMock.refunds.at(-1)!
    const txn = (o: { id: string; type: string; amount: number; fee?: number; source: unknown }) =>
      stripeFixture('balance_transaction', {
        id: o.id,
        type: o.type,
        amount: o.amount * 100,
        fee: (o.fee ?? 0) * 100,
        net: (o.amount - (o.fee ?? 0)) * 100,
        currency: 'idr',
        created: 1_795_000_000 - 86_400,
        source: o.source,
      })
    server.use(
      http.get('https://api.stripe.com/v1/balance_transactions', () =>
        HttpResponse.json({
          object: 'list',
          url: '/v1/balance_transactions',
          has_more: false,
          data: [
            txn({
              id: 'txn_c',
              type: 'charge',
              amount: placed.total,
              fee,
              source: stripeFixture('charge', {
                id: 'ch_split',
                object: 'charge',
                amount: placed.total * 100,
                currency: 'idr',
                payment_intent: pi,
              }),
            }),
            txn({
              id: 'txn_r',
              type: 'refund',
              amount: -refundAmount,
              source: stripeFixture('refund', {
                id: provider.id,
                object: 'refund',
                amount: refundAmount * 100,
                currency: 'idr',
                payment_intent: pi,
              }),
            }),
            txn({ id: 'txn_p', type: 'payout', amount: -net, source: 'po_split' }),
          ],
        }),
      ),
    )
    const payout = stripeEvent('payout.paid', {
      id: 'po_split',
      object: 'payout',
      amount: net * 100,
      currency: 'idr',
      status: 'paid',
      arrival_date: 1_795_000_000,
    })
    expect((await deliver(payout)).data.outcome).toBe('recorded')
    expect((await db.selectFrom('stripe_payouts').select('state').executeTakeFirstOrThrow()).state).toBe('allocated')
    const allocations = await db
      .selectFrom('stripe_payout_allocations')
      .select(['upt_id', 'charges', 'refunds', 'fees', 'net'])
      .execute()
    expect(allocations.reduce((s, x) => s + x.net, 0)).toBe(net)
    expect(allocations.find((x) => x.upt_id === a.id)).toMatchObject({ charges: subA.total, refunds: refundAmount })
    expect(allocations.find((x) => x.upt_id === b.id)).toMatchObject({ charges: subB.total, refunds: 0 })
    for (const upt of [a.id, b.id]) {
      const bb = await bal(db, upt)
      expect(bb['clearing:stripe']).toBe(0)
      // the split accounts hold exactly the split of the goods that were kept
      const kept = upt === a.id ? 0 : subB.subtotal
      expect(SPLIT.reduce((s, acc) => s - (bb[acc] ?? 0), 0)).toBe(kept)
    }
    expect(await ledgerProblems(db)).toEqual([])
  })
})
