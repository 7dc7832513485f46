import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { confirmBankTransfer, startBankTransfer } from '#app/domain/payments/bank.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { requestRefund } from '#app/domain/payments/refunds.ts'
import { balances } from '#app/domain/ledger/invariants.ts'
import { reconciliationState } from '#app/domain/pnbp/reconcile.ts'
import { ensureNationalSplitRule } from '#app/domain/ledger/split-rules.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { createUser } from '#tests/factories.ts'
import { stripeMock } from '#tests/mocks/stripe.ts'
import {
  bankAccountFor,
  chargeObject,
  deliver,
  mockProvider,
  sessionObject,
  stripeEvent,
  twoUptOrder,
} from '#tests/payments-support.ts'

beforeEach(() => stripeMock.reset())

const entries = (db: DB) =>
  db
    .selectFrom('ledger_entries')
    .select(['reference', 'kind', 'upt_id', 'amount', 'provider'])
    .orderBy('reference')
    .execute()

describe('payments post to the PNBP ledger in the same transaction', () => {
  test('a card payment posts one entry per UPT sub-order, once however often the event comes; refunds reverse', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const order = await twoUptOrder(db)
    await startCardPayment(db, mockProvider(), { orderId: order.orderId, orderUrl: 'http://localhost:3000/x' })
    const payment = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    const session = {
      sessionId: payment.provider_session_id!,
      orderNumber: order.orderNumber,
      amount: order.total,
      paymentIntent: 'pi_test_ledger1',
    }
    const event = stripeEvent('checkout.session.completed', sessionObject(session))
    await Promise.all(Array.from({ length: 5 }, () => deliver(event)))
    const subs = await db
      .selectFrom('sub_orders')
      .select(['id', 'number', 'upt_id', 'total'])
      .where('order_id', '=', order.orderId)
      .orderBy('number')
      .execute()
    expect(await entries(db)).toEqual(
      subs.map((s) => ({
        reference: `stripe:pi_test_ledger1:${s.number}`,
        kind: 'payment',
        upt_id: s.upt_id,
        amount: s.total,
        provider: 'stripe',
      })),
    )
    // every entry balances
    const sums = await db
      .selectFrom('ledger_lines')
      .select((eb) => [eb.fn.sum<number>('debit').as('d'), eb.fn.sum<number>('credit').as('c')])
      .executeTakeFirstOrThrow()
    expect(Number(sums.d)).toBe(Number(sums.c))

    const finance = await createUser(db, { role: 'finance', uptId: order.a.id })
    const subA = subs.find((s) => s.upt_id === order.a.id)!
    const rf = await requestRefund(db, mockProvider(), {
      uptId: order.a.id,
      subOrderId: subA.id,
      amount: 50_000,
      reason: 'Rusak',
      restock: false,
      userId: finance.id,
    })
    expect((await entries(db)).filter((e) => e.kind === 'refund')).toHaveLength(0) // pending until Stripe confirms
    const refunded = stripeEvent(
      'charge.refunded',
      chargeObject({ paymentIntent: 'pi_test_ledger1', amount: order.total, refunded: 50_000 }),
    )
    await deliver(refunded)
    await deliver(
      stripeEvent(
        'charge.refunded',
        chargeObject({ paymentIntent: 'pi_test_ledger1', amount: order.total, refunded: 50_000 }),
      ),
    )
    const refunds = (await entries(db)).filter((e) => e.kind === 'refund')
    expect(refunds).toEqual([
      { reference: `refund:${rf.id}`, kind: 'refund', upt_id: order.a.id, amount: 50_000, provider: 'stripe' },
    ])
  })

  test('a confirmed bank transfer posts the amount received (with its code) to the selling UPT', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const order = await twoUptOrder(db)
    await bankAccountFor(db, order.a.id)
    await bankAccountFor(db, order.b.id)
    await startBankTransfer(db, { orderId: order.orderId })
    const p = await db.selectFrom('payments').selectAll().where('upt_id', '=', order.b.id).executeTakeFirstOrThrow()
    const fin = await createUser(db, { role: 'finance', uptId: order.b.id })
    await confirmBankTransfer(db, { uptId: order.b.id, paymentId: p.id, userId: fin.id })
    expect(await entries(db)).toEqual([
      {
        reference: `received:transfer:${p.id}`,
        kind: 'payout',
        upt_id: order.b.id,
        amount: p.amount,
        provider: 'bank_transfer',
      },
      {
        reference: `transfer:${p.id}`,
        kind: 'payment',
        upt_id: order.b.id,
        amount: p.amount,
        provider: 'bank_transfer',
      },
    ])
    // the money is in the UPT's account already: bank-transfer clearing is empty
    const bal = Object.fromEntries((await balances(db, order.b.id)).map((x) => [x.account, x.balance]))
    expect(bal).toMatchObject({ 'clearing:bank_transfer': 0, bank: p.amount })
    // a statement line is matched to the payment, never to the internal receipt as well
    const open = (await reconciliationState(db, order.b.id)).open
    expect(open.map((c) => c.reference)).toEqual([`transfer:${p.id}`])
  })

  test('without a split rule the payment still counts (posting skipped with a warning)', async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    await startCardPayment(db, mockProvider(), { orderId: order.orderId, orderUrl: 'http://localhost:3000/x' })
    const payment = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    const r = await deliver(
      stripeEvent(
        'checkout.session.completed',
        sessionObject({
          sessionId: payment.provider_session_id!,
          orderNumber: order.orderNumber,
          amount: order.total,
          paymentIntent: 'pi_x',
        }),
      ),
    )
    expect(r.data.outcome).toBe('paid')
    expect(await entries(db)).toEqual([])
  })
})
