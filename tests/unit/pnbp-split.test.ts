import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { depositDeadline, lateDeposits, nextWorkingDay } from '#app/domain/pnbp/late.ts'
import { SHARE_KEYS, type Shares, apportion, baseOf, percentToBp, splitAmount } from '#app/domain/ledger/split.ts'

const sharesArb = fc.array(fc.nat({ max: 10_000 }), { minLength: 4, maxLength: 4 }).map((cuts) => {
  const points = [0, ...cuts.sort((a, b) => a - b), 10_000]
  const parts = SHARE_KEYS.map((_, i) => points[i + 1]! - points[i]!)
  return Object.fromEntries(SHARE_KEYS.map((k, i) => [k, parts[i]!])) as Shares
})

describe('split rounding', () => {
  test('for any price list, quantities and rule the parts are whole, non-negative and sum to the base', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 13_000_000 }), qty: fc.integer({ min: 1, max: 500 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        sharesArb,
        fc.constantFrom<'sales' | 'profit'>('sales', 'profit'),
        fc.nat({ max: 50_000_000 }),
        (lines, shares, base, cost) => {
          const gross = lines.reduce((s, l) => s + l.price * l.qty, 0)
          const b = baseOf({ base }, gross, cost)
          const parts = splitAmount(b, shares)
          const sum = SHARE_KEYS.reduce((s, k) => s + parts[k], 0)
          expect(sum).toBe(b)
          for (const k of SHARE_KEYS) {
            expect(Number.isInteger(parts[k])).toBe(true)
            expect(parts[k]).toBeGreaterThanOrEqual(0)
            // never more than one rupiah from the exact share
            expect(Math.abs(parts[k] - (b * shares[k]) / 10_000)).toBeLessThan(1)
          }
        },
      ),
    )
  })

  test("Bangli's sales-based 50/35/15 on Rp 38.300.000 gives PNBP 19.150.000 and premi 13.405.000", () => {
    const parts = splitAmount(38_300_000, { pnbp: 5000, premi: 3500, production: 1500, partner: 0, operations: 0 })
    expect(parts).toEqual({ pnbp: 19_150_000, premi: 13_405_000, production: 5_745_000, partner: 0, operations: 0 })
  })

  test('leftover rupiah go to the largest remainders', () => {
    expect(apportion(100, { a: 1, b: 1, c: 1 }, ['a', 'b', 'c'])).toEqual({ a: 34, b: 33, c: 33 })
    expect(apportion(10, { a: 3333, b: 3333, c: 3334 }, ['a', 'b', 'c'])).toEqual({ a: 3, b: 3, c: 4 })
    expect(() => apportion(1.5, { a: 1 }, ['a'])).toThrow()
  })

  test('profit base subtracts recorded cost and never goes below zero', () => {
    expect(baseOf({ base: 'profit' }, 1000, 300)).toBe(700)
    expect(baseOf({ base: 'profit' }, 1000, 3000)).toBe(0)
    expect(baseOf({ base: 'sales' }, 1000, 300)).toBe(1000)
  })

  test('percent text to basis points', () => {
    expect(percentToBp('12,5')).toBe(1250)
    expect(percentToBp('50')).toBe(5000)
    expect(percentToBp('101')).toBeNull()
    expect(percentToBp('abc')).toBeNull()
  })
})

describe('late deposits', () => {
  const holidays = ['2026-12-25']
  test('next working day skips weekends and holidays', () => {
    expect(nextWorkingDay('2026-11-27', holidays)).toBe('2026-11-30') // Fri -> Mon
    expect(nextWorkingDay('2026-12-24', holidays)).toBe('2026-12-28') // Thu -> (Fri holiday) Mon
    expect(depositDeadline('2026-02-14', { kind: 'monthly_deadline', day: 31 })).toBe('2026-03-31')
    expect(depositDeadline('2026-01-14', { kind: 'monthly_deadline', day: 31 })).toBe('2026-02-28')
  })

  const ON_TIME = { lateAmount: 0, late: false, daysLate: 0, lateSince: null }

  test('late is PNBP still not deposited after its deadline, with the days since the oldest missed deadline', () => {
    const rule = { kind: 'next_working_day' as const, holidays }
    const receipts = [
      { day: '2026-11-02', amount: 100 },
      { day: '2026-11-05', amount: 50 },
    ]
    expect(
      lateDeposits(
        receipts,
        [
          { paidDate: '2026-11-03', amount: 100 },
          { paidDate: '2026-11-06', amount: 50 },
        ],
        rule,
        '2026-12-01',
      ),
    ).toEqual(ON_TIME)
    expect(lateDeposits(receipts, [{ paidDate: '2026-11-03', amount: 100 }], rule, '2026-11-06')).toEqual(ON_TIME)
    // the 5 November receipt was due on Friday 6 November: one day late on the 7th
    expect(lateDeposits(receipts, [{ paidDate: '2026-11-03', amount: 100 }], rule, '2026-11-07')).toEqual({
      lateAmount: 50,
      late: true,
      daysLate: 1,
      lateSince: '2026-11-06',
    })
    // nothing deposited: both receipts late, counted from the oldest deadline (3 November)
    expect(lateDeposits(receipts, [], rule, '2026-11-13')).toEqual({
      lateAmount: 150,
      late: true,
      daysLate: 10,
      lateSince: '2026-11-03',
    })
    const monthly = { kind: 'monthly_deadline' as const, day: 10 }
    expect(lateDeposits(receipts, [{ paidDate: '2026-12-10', amount: 100 }], monthly, '2026-12-10')).toEqual(ON_TIME)
    expect(lateDeposits(receipts, [{ paidDate: '2026-12-10', amount: 100 }], monthly, '2026-12-20')).toEqual({
      lateAmount: 50,
      late: true,
      daysLate: 10,
      lateSince: '2026-12-10',
    })
  })

  test('a fully deposited month is never late, however late the deposit was or whatever refunds did', () => {
    const rule = { kind: 'next_working_day' as const, holidays }
    const receipts = [
      { day: '2026-10-05', amount: 150_000 },
      { day: '2026-10-20', amount: 300_000 },
      // a refund on another day: the month's PNBP is 375.000
      { day: '2026-10-25', amount: -75_000 },
    ]
    expect(lateDeposits(receipts, [{ paidDate: '2026-11-20', amount: 375_000 }], rule, '2026-12-06')).toEqual(ON_TIME)
    expect(
      lateDeposits(
        receipts,
        [
          { paidDate: '2026-10-06', amount: 200_000 },
          { paidDate: '2026-12-01', amount: 175_000 },
        ],
        rule,
        '2026-12-06',
      ),
    ).toEqual(ON_TIME)
    // one rupiah short: that rupiah is late (the newest receipt's, due 21 October)
    expect(lateDeposits(receipts, [{ paidDate: '2026-11-20', amount: 374_999 }], rule, '2026-12-06')).toEqual({
      lateAmount: 1,
      late: true,
      daysLate: 46,
      lateSince: '2026-10-21',
    })
  })

  test('property: late never exceeds what is still not deposited, and is zero when nothing is', () => {
    const rule = { kind: 'next_working_day' as const, holidays }
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`)
    fc.assert(
      fc.property(
        fc.array(fc.record({ day, amount: fc.integer({ min: -50_000, max: 500_000 }) }), { maxLength: 12 }),
        fc.array(fc.record({ paidDate: day, amount: fc.integer({ min: 1, max: 500_000 }) }), { maxLength: 4 }),
        day,
        (receipts, deposits, today) => {
          const r = lateDeposits(receipts, deposits, rule, today)
          const outstanding = receipts.reduce((s, x) => s + x.amount, 0) - deposits.reduce((s, x) => s + x.amount, 0)
          expect(r.lateAmount).toBeGreaterThanOrEqual(0)
          expect(r.lateAmount).toBeLessThanOrEqual(Math.max(0, outstanding))
          if (outstanding <= 0) expect(r).toEqual(ON_TIME)
          expect(r.late).toBe(r.lateAmount > 0)
          expect(r.daysLate > 0).toBe(r.late)
        },
      ),
    )
  })
})
