import { beforeEach, describe, expect, test } from 'vitest'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { ensureNationalSplitRule } from '#app/domain/ledger/split-rules.ts'
import { feeShares, midtransFee } from '#app/domain/payments/midtrans-fees.ts'
import {
  createMidtransProvider,
  MOCK_MIDTRANS,
  signedMidtransNotification,
} from '#app/integrations/payments/midtrans.server.ts'
import { action as webhook } from '#app/routes/webhooks.midtrans.ts'
import { call } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { midtransMock } from '#tests/mocks/midtrans.ts'
import { twoUptOrder } from '#tests/payments-support.ts'

beforeEach(() => midtransMock.reset())

describe('a Midtrans payment across two UPTs in the PNBP ledger', () => {
  test('each UPT gets its payment entry (PNBP 15%, premi 50%, capital 35% of its goods; shipping apart) and its share of the QRIS fee', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const order = await twoUptOrder(db)
    await startCardPayment(db, createMidtransProvider(MOCK_MIDTRANS), {
      orderId: order.orderId,
      orderUrl: 'http://localhost:3000/x',
    })
    const payment = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    const status = midtransMock.settle(payment.provider_session_id!, 'qris')
    const r = await call(
      webhook,
      new Request('http://localhost:3000/webhooks/midtrans', {
        method: 'POST',
        body: JSON.stringify(signedMidtransNotification(status, MOCK_MIDTRANS.serverKey)),
      }),
    )
    expect(r.status).toBe(200)
    const transactionId = String(status.transaction_id)

    const subs = await db
      .selectFrom('sub_orders')
      .select(['id', 'number', 'upt_id', 'subtotal', 'shipping_fee', 'total'])
      .where('order_id', '=', order.orderId)
      .orderBy('number')
      .execute()
    expect(subs.map((s) => s.upt_id).sort()).toEqual([order.a.id, order.b.id].sort())
    const lines = await db
      .selectFrom('ledger_lines as l')
      .innerJoin('ledger_entries as e', 'e.id', 'l.entry_id')
      .select(['e.reference', 'e.kind', 'e.upt_id', 'l.account', 'l.debit', 'l.credit'])
      .where('e.provider', '=', 'midtrans')
      .execute()
    const fee = midtransFee('qris', order.total)
    // 0.7% of the whole transaction, shared by gross: the parts sum exactly to the fee
    expect(fee).toBe(Math.floor((order.total * 70 + 5000) / 10000))
    const shares = feeShares(
      fee,
      subs.map((s) => ({ id: s.id, gross: s.total })),
    )
    expect(subs.reduce((s, x) => s + shares[x.id]!, 0)).toBe(fee)
    for (const s of subs) {
      const ref = `midtrans:${transactionId}:${s.number}`
      const of = (account: string, side: 'debit' | 'credit') =>
        lines.filter((l) => l.reference === ref && l.account === account).reduce((sum, l) => sum + l[side], 0)
      expect(lines.filter((l) => l.reference === ref).every((l) => l.upt_id === s.upt_id && l.kind === 'payment')).toBe(
        true,
      )
      expect(of('clearing:midtrans', 'debit')).toBe(s.total)
      expect(of('pnbp_payable', 'credit')).toBe(s.subtotal * 0.15)
      expect(of('premi_pool', 'credit')).toBe(s.subtotal * 0.5)
      expect(of('production_capital', 'credit')).toBe(s.subtotal * 0.35)
      expect(of('shipping_payable', 'credit')).toBe(s.shipping_fee)
      const feeRef = `midtrans-fee:${transactionId}:${s.number}`
      expect(lines.filter((l) => l.reference === feeRef)).toEqual(
        [
          {
            reference: feeRef,
            kind: 'fee',
            upt_id: s.upt_id,
            account: 'provider_fees',
            debit: shares[s.id],
            credit: 0,
          },
          {
            reference: feeRef,
            kind: 'fee',
            upt_id: s.upt_id,
            account: 'clearing:midtrans',
            debit: 0,
            credit: shares[s.id],
          },
        ].map((x) => expect.objectContaining(x)),
      )
      // what Midtrans owes each UPT: its gross less its share of the fee
      const clearing = (await balances(db, s.upt_id)).find((b) => b.account === 'clearing:midtrans')!
      expect(clearing.balance).toBe(s.total - shares[s.id]!)
    }
    expect(await ledgerProblems(db)).toEqual([])
  })

  test('fees by channel: QRIS 0.7%, e-wallets 2%, virtual accounts Rp 4.000 flat; never more than the amount', () => {
    expect(midtransFee('qris', 1_000_000)).toBe(7_000)
    expect(midtransFee('gopay', 1_000_000)).toBe(20_000)
    expect(midtransFee('shopeepay', 125_000)).toBe(2_500)
    expect(midtransFee('bank_transfer', 1_000_000)).toBe(4_000)
    expect(midtransFee('echannel', 50_000)).toBe(4_000)
    expect(midtransFee('qris', 1_071)).toBe(7) // 7.497 rounds to 7
    expect(midtransFee('bank_transfer', 3_000)).toBe(3_000)
  })
})
