import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { COMPONENTS, type Components, componentOf, refundParts } from '#app/domain/ledger/chart.ts'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import {
  postPaymentConfirmed,
  postPayout,
  postRefund,
  postTransferReceived,
  postTransferRefundPaid,
} from '#app/domain/ledger/postings.ts'
import { saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { SHARE_KEYS, baseOf, splitAmount } from '#app/domain/ledger/split.ts'
import { twoUpts } from '#tests/factories.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const SHARE_ACCOUNTS = ['pnbp_payable', 'premi_pool', 'production_capital', 'partner_payable', 'operations']

async function linesOf(db: DB, reference: string) {
  return db
    .selectFrom('ledger_lines as l')
    .innerJoin('ledger_entries as e', 'e.id', 'l.entry_id')
    .select(['l.account', 'l.debit', 'l.credit'])
    .where('e.reference', '=', reference)
    .execute()
}

describe('payments by part (goods, shipping, unique code) in the ledger', () => {
  test('refundParts takes goods first, then shipping, then the code, and never more than is left', () => {
    const paid = { goods: 128_000, shipping: 20_000, unique_code: 953 }
    expect(refundParts(paid, 50_000)).toEqual({ goods: 50_000, shipping: 0, unique_code: 0 })
    expect(refundParts(paid, 138_000)).toEqual({ goods: 128_000, shipping: 10_000, unique_code: 0 })
    expect(refundParts(paid, 148_953)).toEqual(paid)
    expect(() => refundParts(paid, 148_954)).toThrow(RangeError)
    fc.assert(
      fc.property(
        fc.record({ goods: fc.nat(1e9), shipping: fc.nat(1e7), unique_code: fc.nat(999) }),
        fc.nat(),
        fc.nat(),
        (left, a, b) => {
          const total = left.goods + left.shipping + left.unique_code
          const x = total ? a % (total + 1) : 0
          const y = total - x ? b % (total - x + 1) : 0
          // refund by refund equals refunding the sum at once
          const first = refundParts(left, x)
          const rest = {
            goods: left.goods - first.goods,
            shipping: left.shipping - first.shipping,
            unique_code: left.unique_code - first.unique_code,
          }
          const second = refundParts(rest, y)
          expect(refundParts(left, x + y)).toEqual({
            goods: first.goods + second.goods,
            shipping: first.shipping + second.shipping,
            unique_code: first.unique_code + second.unique_code,
          })
        },
      ),
    )
  })

  test('property: every entry balances, the split parts sum exactly to the goods base, refunds reverse goods first and proportionally, and clearing returns to zero', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const shares = { premi: 5000, pnbp: 1500, production: 3500, partner: 0, operations: 0 }
    await saveSplitRule(db, {
      scope: 'upt',
      uptId: a.id,
      programId: null,
      agreementId: null,
      base: 'sales',
      shares,
      effectiveFrom: '2020-01-01',
      actorUserId: null,
    })
    // Kediri with its partner: 5/10/80/5 of profit (sales less recorded cost)
    const profit = { premi: 500, pnbp: 1000, production: 0, partner: 8000, operations: 500 }
    await saveSplitRule(db, {
      scope: 'upt',
      uptId: b.id,
      programId: null,
      agreementId: null,
      base: 'profit',
      shares: profit,
      effectiveFrom: '2020-01-01',
      actorUserId: null,
    })
    const rules = { [a.id]: { base: 'sales' as const, shares }, [b.id]: { base: 'profit' as const, shares: profit } }
    const upts = [a.id, b.id]

    const pay = fc.record({
      t: fc.constant('pay' as const),
      upt: fc.nat({ max: 1 }),
      provider: fc.constantFrom('stripe' as const, 'bank_transfer' as const),
      goods: fc.nat({ max: 50_000_000 }),
      shipping: fc.constantFrom(0, 9_000, 20_000, 65_000, 180_000),
      code: fc.integer({ min: 1, max: 999 }),
      costShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
    })
    const refund = fc.record({
      t: fc.constant('refund' as const),
      pick: fc.nat(),
      frac: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(pay, pay, refund), { minLength: 1, maxLength: 10 }), async (ops) => {
        run++
        const payments: {
          ref: string
          upt: string
          provider: 'stripe' | 'bank_transfer'
          paid: Components
          refunded: number
          refunds: string[]
        }[] = []
        let n = 0
        for (const o of ops) {
          n++
          const ref = `c${run}-${n}`
          if (o.t === 'pay') {
            const paid = {
              goods: o.goods,
              shipping: o.shipping,
              unique_code: o.provider === 'bank_transfer' ? o.code : 0,
            }
            const gross = paid.goods + paid.shipping + paid.unique_code
            if (gross === 0) continue
            const uptId = upts[o.upt]!
            const cost = Math.floor(o.goods * o.costShare)
            await postPaymentConfirmed(db, {
              reference: ref,
              uptId,
              provider: o.provider,
              grossAmount: gross,
              shippingAmount: paid.shipping,
              uniqueCodeAmount: paid.unique_code,
              costAmount: cost,
              paidAt: '2026-10-05T03:00:00Z',
              sourceType: 'order',
              sourceId: ref,
            })
            if (o.provider === 'bank_transfer')
              await postTransferReceived(db, {
                paymentReference: ref,
                uptId,
                amount: gross,
                at: '2026-10-05T03:00:00Z',
              })
            const credit = Object.fromEntries((await linesOf(db, ref)).map((l) => [l.account, l.credit - l.debit]))
            const rule = rules[uptId]!
            const base = baseOf(rule, paid.goods, cost)
            const expected = splitAmount(base, rule.shares)
            // the split parts sum exactly to the goods base; shipping and the code are credited whole
            expect(SHARE_ACCOUNTS.reduce((s, acc) => s + (credit[acc] ?? 0), 0)).toBe(base)
            SHARE_KEYS.forEach((k, i) => expect(credit[SHARE_ACCOUNTS[i]!] ?? 0).toBe(expected[k]))
            expect(credit.cost_recovery ?? 0).toBe(paid.goods - base)
            expect(credit.shipping_payable ?? 0).toBe(paid.shipping)
            expect(credit.unique_codes ?? 0).toBe(paid.unique_code)
            expect(-(credit[`clearing:${o.provider}`] ?? 0)).toBe(gross)
            payments.push({ ref, upt: uptId, provider: o.provider, paid, refunded: 0, refunds: [] })
          } else if (o.t === 'refund' && payments.length) {
            const p = payments[o.pick % payments.length]!
            const total = p.paid.goods + p.paid.shipping + p.paid.unique_code
            const amount = Math.floor((total - p.refunded) * o.frac)
            if (amount <= 0) continue
            await postRefund(db, {
              reference: ref,
              uptId: p.upt,
              provider: p.provider,
              amount,
              refundedAt: '2026-10-06T03:00:00Z',
              originalReference: p.ref,
            })
            if (p.provider === 'bank_transfer')
              await postTransferRefundPaid(db, {
                refundReference: ref,
                uptId: p.upt,
                amount,
                at: '2026-10-06T03:00:00Z',
              })
            // what this refund reversed, by part, is the goods-first share of the cumulative refund
            const before = refundParts(p.paid, p.refunded)
            p.refunded += amount
            p.refunds.push(ref)
            const now = refundParts(p.paid, p.refunded)
            const reversed = { goods: 0, shipping: 0, unique_code: 0 }
            for (const l of await linesOf(db, ref))
              if (!l.account.startsWith('clearing:')) reversed[componentOf(l.account)] += l.debit - l.credit
            for (const c of COMPONENTS) expect(reversed[c]).toBe(now[c] - before[c])
          }
          expect(await ledgerProblems(db)).toEqual([])
        }
        // a payment refunded in full is reversed exactly, account by account
        for (const p of payments.filter((x) => x.refunded === x.paid.goods + x.paid.shipping + x.paid.unique_code)) {
          const net = new Map<string, number>()
          for (const r of [p.ref, ...p.refunds])
            for (const l of await linesOf(db, r)) net.set(l.account, (net.get(l.account) ?? 0) + l.debit - l.credit)
          for (const [account, v] of net) expect([account, v]).toEqual([account, 0])
        }
        // Stripe pays out whatever sits in its clearing; transfers are already in the bank
        for (const bal of await balances(db)) {
          if (bal.account === 'clearing:stripe' && bal.balance !== 0) {
            await postPayout(db, {
              reference: `po-${run}-${bal.upt_id}`,
              uptId: bal.upt_id,
              provider: 'stripe',
              amount: Math.abs(bal.balance),
              returned: bal.balance < 0,
              at: '2026-10-09T03:00:00Z',
            })
          }
        }
        for (const bal of await balances(db)) {
          if (bal.account.startsWith('clearing:')) expect([bal.account, bal.balance]).toEqual([bal.account, 0])
          // nothing is ever reversed past what was credited
          if (!bal.account.startsWith('clearing:') && bal.account !== 'bank' && bal.account !== 'provider_fees')
            expect(bal.balance).toBeLessThanOrEqual(0)
        }
      }),
      { numRuns: 25 },
    )
  })
})
