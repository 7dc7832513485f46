import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  type ChargeShare,
  type PayoutLookup,
  type PayoutTxn,
  type RefundShare,
  planPayout,
} from '#app/domain/payments/payout-plan.ts'

const UPTS = ['upt-a', 'upt-b', 'upt-c']

/** A random day of card payments (each over 1–3 sub-orders), refunds and fees, with the payout Stripe would make. */
const scenario = fc
  .array(
    fc.record({
      shares: fc.array(
        fc.record({ upt: fc.constantFrom(...UPTS), gross: fc.integer({ min: 10_000, max: 50_000_000 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      feePermille: fc.integer({ min: 0, max: 80 }),
      refundPermille: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((charges) => {
    const ledgerCharges = new Map<string, ChargeShare[]>()
    const ledgerRefunds = new Map<string, RefundShare>()
    const txns: PayoutTxn[] = []
    charges.forEach((c, i) => {
      const pi = `pi_${i}`
      const shares = c.shares.map((s, j) => ({ uptId: s.upt, key: `ML-${i}-${j}`, gross: s.gross }))
      const gross = shares.reduce((s, x) => s + x.gross, 0)
      const fee = Math.floor((gross * c.feePermille) / 1000)
      ledgerCharges.set(pi, shares)
      txns.push({
        id: `txn_c${i}`,
        type: 'charge',
        amount: gross * 100,
        fee: fee * 100,
        currency: 'idr',
        created: 1_800_000_000,
        paymentIntentId: pi,
        refundId: null,
      })
      if (c.refundPermille !== null) {
        // a refund is always of one sub-order, never more than it
        const target = shares[0]!
        const amount = Math.max(1, Math.floor((target.gross * c.refundPermille) / 1000))
        ledgerRefunds.set(`re_${i}`, { uptId: target.uptId, amount })
        txns.push({
          id: `txn_r${i}`,
          type: 'refund',
          amount: -amount * 100,
          fee: 0,
          currency: 'idr',
          created: 1_800_000_000,
          paymentIntentId: pi,
          refundId: `re_${i}`,
        })
      }
    })
    const net = txns.reduce((s, t) => s + t.amount - t.fee, 0)
    const lookup: PayoutLookup = {
      charge: (pi) => ledgerCharges.get(pi) ?? [],
      refund: (id) => ledgerRefunds.get(id) ?? null,
    }
    return {
      txns,
      lookup,
      payout: { id: 'po_1', amount: net, currency: 'idr', status: 'paid', arrival_date: 1_800_100_000 },
    }
  })

describe('allocating a Stripe payout to UPTs', () => {
  test('for any day of charges, refunds and fees: UPT nets sum to the payout, fees to the fees, in whole non-negative rupiah', () => {
    fc.assert(
      fc.property(scenario, ({ txns, lookup, payout }) => {
        const plan = planPayout(payout, txns, lookup)
        if (!plan.ok) throw new Error(JSON.stringify(plan.problems))
        expect(plan.allocations.reduce((s, a) => s + a.net, 0) * 100).toBe(payout.amount)
        const fees = txns.reduce((s, t) => s + t.fee, 0) / 100
        expect(plan.fees.reduce((s, f) => s + f.amount, 0)).toBe(fees)
        expect(plan.allocations.reduce((s, a) => s + a.fees, 0)).toBe(fees)
        for (const a of plan.allocations) {
          expect(a.net).toBe(a.charges - a.refunds - a.fees)
          for (const v of [a.charges, a.refunds, a.fees]) expect(Number.isSafeInteger(v) && v >= 0).toBe(true)
        }
        for (const f of plan.fees) expect(Number.isSafeInteger(f.amount) && f.amount > 0).toBe(true)
        expect(new Set(plan.fees.map((f) => f.reference)).size).toBe(plan.fees.length)
      }),
      { numRuns: 300 },
    )
  })

  test('a charge fee is shared by gross: Rp 10.000 over Rp 300.000 and Rp 150.000 gives 6.667 and 3.333', () => {
    const lookup: PayoutLookup = {
      charge: () => [
        { uptId: 'upt-a', key: 'ML-1-A', gross: 300_000 },
        { uptId: 'upt-b', key: 'ML-1-B', gross: 150_000 },
      ],
      refund: () => null,
    }
    const txns: PayoutTxn[] = [
      {
        id: 'txn_1',
        type: 'charge',
        amount: 45_000_000,
        fee: 1_000_000,
        currency: 'idr',
        created: 1_800_000_000,
        paymentIntentId: 'pi_1',
        refundId: null,
      },
    ]
    const plan = planPayout(
      { id: 'po_1', amount: 44_000_000, currency: 'idr', status: 'paid', arrival_date: 1 },
      txns,
      lookup,
    )
    expect(plan).toEqual({
      ok: true,
      allocations: [
        { uptId: 'upt-a', charges: 300_000, refunds: 0, fees: 6_667, net: 293_333, transactions: 1 },
        { uptId: 'upt-b', charges: 150_000, refunds: 0, fees: 3_333, net: 146_667, transactions: 1 },
      ],
      fees: [
        {
          reference: 'stripe-fee:txn_1:ML-1-A',
          uptId: 'upt-a',
          amount: 6_667,
          txnId: 'txn_1',
          at: '2027-01-15T08:00:00.000Z',
        },
        {
          reference: 'stripe-fee:txn_1:ML-1-B',
          uptId: 'upt-b',
          amount: 3_333,
          txnId: 'txn_1',
          at: '2027-01-15T08:00:00.000Z',
        },
      ],
    })
  })

  test('anything the ledger cannot explain stops the plan with every problem named', () => {
    const lookup: PayoutLookup = {
      charge: (pi) => (pi === 'pi_known' ? [{ uptId: 'upt-a', key: 'ML-1-A', gross: 100_000 }] : []),
      refund: () => null,
    }
    const t = (o: Partial<PayoutTxn>): PayoutTxn => ({
      id: 'txn',
      type: 'charge',
      amount: 10_000_000,
      fee: 0,
      currency: 'idr',
      created: 1,
      paymentIntentId: 'pi_known',
      refundId: null,
      ...o,
    })
    const plan = planPayout(
      { id: 'po_1', amount: 10_000_000, currency: 'idr', status: 'paid', arrival_date: 1 },
      [
        t({ id: 'txn_unknown', paymentIntentId: 'pi_other' }),
        t({ id: 'txn_short', amount: 9_000_000 }),
        t({ id: 'txn_refund', type: 'refund', amount: -100, refundId: 're_x' }),
        t({ id: 'txn_adj', type: 'adjustment' }),
        t({ id: 'txn_sen', amount: 10_000_050 }),
        t({ id: 'txn_usd', currency: 'usd' }),
      ],
      lookup,
    )
    expect(plan).toEqual({
      ok: false,
      problems: [
        { code: 'payout.unknownCharge', ref: 'txn_unknown' },
        { code: 'payout.amountMismatch', ref: 'txn_short' },
        { code: 'payout.unknownRefund', ref: 'txn_refund' },
        { code: 'payout.unsupportedType', ref: 'adjustment txn_adj' },
        { code: 'payout.fractional', ref: 'txn_sen' },
        { code: 'payout.notIdr', ref: 'txn_usd' },
      ],
    })
    expect(
      planPayout({ id: 'po_usd', amount: 100, currency: 'usd', status: 'paid', arrival_date: 1 }, [], lookup),
    ).toEqual({ ok: false, problems: [{ code: 'payout.notIdr', ref: 'po_usd' }] })
    // a payout that does not equal its transactions is not allocated
    expect(
      planPayout(
        { id: 'po_2', amount: 20_000_000, currency: 'idr', status: 'paid', arrival_date: 1 },
        [t({ id: 'txn_ok' })],
        lookup,
      ),
    ).toEqual({ ok: false, problems: [{ code: 'payout.sumMismatch', ref: 'po_2' }] })
  })
})
