import fc from 'fast-check'
import { sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { postPaymentConfirmed, postPayout, postProviderFee, postRefund } from '#app/domain/ledger/postings.ts'
import { createBilling, payBilling } from '#app/domain/pnbp/billings.ts'
import { monthlyReport } from '#app/domain/pnbp/report.ts'
import { resolveSplitRule, saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { outstandingText } from '#app/components/finance/report-table.tsx'
import { translator } from '#app/i18n/index.ts'
import { nationalSplitRule, twoUpts } from '#tests/factories.ts'
import { createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const NO_SHARES = { partner: 0, operations: 0 }

// Invariants checked after every test in this file.
afterEach(async () => {
  const db = testDb()
  expect(await ledgerProblems(db)).toEqual([])
  const fromLines = await db.selectFrom('ledger_lines').select(['upt_id', 'account', 'debit', 'credit']).execute()
  for (const b of await balances(db)) {
    const sum = fromLines
      .filter((l) => l.upt_id === b.upt_id && l.account === b.account)
      .reduce((s, l) => s + l.debit - l.credit, 0)
    expect(b.balance).toBe(sum)
  }
})

describe('ledger postings', () => {
  test("Bangli's sales-based 50/35/15 rule on Rp 38.300.000 of 2022 sales: PNBP 19.150.000, premi 13.405.000", async () => {
    const db = testDb()
    const { b: bangli } = await twoUpts(db)
    await nationalSplitRule(db)
    await saveSplitRule(db, {
      scope: 'upt',
      uptId: bangli.id,
      programId: null,
      agreementId: null,
      base: 'sales',
      shares: { pnbp: 5000, premi: 3500, production: 1500, ...NO_SHARES },
      effectiveFrom: '2022-01-01',
      actorUserId: null,
    })
    // 2022 sales in several payments across months, 38.3 jt in total
    const sales = [12_000_000, 9_150_000, 7_777_777, 9_372_223]
    let i = 0
    for (const gross of sales) {
      i++
      await postPaymentConfirmed(db, {
        reference: `t:bangli-${i}`,
        uptId: bangli.id,
        provider: 'bank_transfer',
        grossAmount: gross,
        paidAt: `2022-0${i * 2}-15T03:00:00Z`,
        sourceType: 'order',
        sourceId: `o${i}`,
      })
    }
    const b = Object.fromEntries((await balances(db, bangli.id)).map((r) => [r.account, r.balance]))
    expect(b['clearing:bank_transfer']).toBe(38_300_000)
    expect(-b['pnbp_payable']!).toBe(19_150_000)
    expect(-b['premi_pool']!).toBe(13_405_000)
    expect(-b['production_capital']!).toBe(5_745_000)
  })

  test('the most specific rule in force on the payment date (UPT zone) wins; a new version never rewrites history', async () => {
    const db = testDb()
    const { b: bangli } = await twoUpts(db)
    await nationalSplitRule(db)
    const { programId } = await createProgramWithNeed(db, bangli.id)
    const v1 = await saveSplitRule(db, {
      scope: 'upt',
      uptId: bangli.id,
      programId: null,
      agreementId: null,
      base: 'sales',
      shares: { pnbp: 5000, premi: 3500, production: 1500, ...NO_SHARES },
      effectiveFrom: '2026-01-01',
      actorUserId: null,
    })
    await saveSplitRule(db, {
      scope: 'program',
      uptId: bangli.id,
      programId,
      agreementId: null,
      base: 'profit',
      shares: { pnbp: 2500, premi: 1500, production: 6000, ...NO_SHARES },
      effectiveFrom: '2026-01-01',
      actorUserId: null,
    })
    // Bali is WITA (UTC+8): 2025-12-31T17:00Z is already 1 January 2026 in Bangli.
    expect(
      (await resolveSplitRule(db, { uptId: bangli.id, programId: null, agreementId: null, date: '2025-12-31' }))!.scope,
    ).toBe('national')
    const p1 = await postPaymentConfirmed(db, {
      reference: 't:zone',
      uptId: bangli.id,
      provider: 'stripe',
      grossAmount: 1000,
      paidAt: '2025-12-31T17:00:00Z',
      sourceType: 'order',
      sourceId: 'x',
    })
    expect(p1.entry.split_rule_id).toBe(v1.id)
    expect(p1.entry.month).toBe('2026-01')
    const p2 = await postPaymentConfirmed(db, {
      reference: 't:prog',
      uptId: bangli.id,
      provider: 'stripe',
      grossAmount: 1000,
      costAmount: 400,
      paidAt: '2026-03-01T03:00:00Z',
      programId,
      sourceType: 'order',
      sourceId: 'y',
    })
    const lines = await db
      .selectFrom('ledger_lines')
      .select(['account', 'credit'])
      .where('entry_id', '=', p2.entry.id)
      .where('credit', '>', 0)
      .execute()
    expect(Object.fromEntries(lines.map((l) => [l.account, l.credit]))).toEqual({
      pnbp_payable: 150,
      premi_pool: 90,
      production_capital: 360,
      cost_recovery: 400,
    })
    const v2 = await saveSplitRule(db, {
      ruleKey: v1.rule_key,
      scope: 'upt',
      uptId: bangli.id,
      programId: null,
      agreementId: null,
      base: 'sales',
      shares: { pnbp: 4000, premi: 4000, production: 2000, ...NO_SHARES },
      effectiveFrom: '2026-01-01',
      actorUserId: null,
    })
    expect(v2.version).toBe(2)
    expect(
      (await resolveSplitRule(db, { uptId: bangli.id, programId: null, agreementId: null, date: '2026-02-01' }))!.id,
    ).toBe(v2.id)
    const old = await db.selectFrom('split_rules').select('pnbp_bp').where('id', '=', v1.id).executeTakeFirstOrThrow()
    expect(old.pnbp_bp).toBe(5000)
    await expect(
      saveSplitRule(db, {
        scope: 'national',
        uptId: null,
        programId: null,
        agreementId: null,
        base: 'sales',
        shares: { pnbp: 5000, premi: 5000, production: 1, ...NO_SHARES },
        effectiveFrom: '2026-01-01',
        actorUserId: null,
      }),
    ).rejects.toMatchObject({ code: 'pnbp.sharesNot100' })
  })

  test('one posting per external reference: a repeat returns the existing entry', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    await nationalSplitRule(db)
    const input = {
      reference: 'stripe:cs_1',
      uptId: a.id,
      provider: 'stripe' as const,
      grossAmount: 150_000,
      paidAt: '2026-11-01T03:00:00Z',
      sourceType: 'order',
      sourceId: 'o1',
    }
    const first = await postPaymentConfirmed(db, input)
    const again = await postPaymentConfirmed(db, { ...input, grossAmount: 999 })
    expect(first.created).toBe(true)
    expect(again).toEqual({ entry: first.entry, created: false })
    expect(await db.selectFrom('ledger_entries').select('id').execute()).toHaveLength(1)
  })

  test('refunds reverse the split proportionally and cannot exceed what is left', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    await nationalSplitRule(db)
    await postPaymentConfirmed(db, {
      reference: 'p',
      uptId: a.id,
      provider: 'stripe',
      grossAmount: 101,
      paidAt: '2026-11-01T03:00:00Z',
      sourceType: 'order',
      sourceId: 'o',
    })
    await postRefund(db, {
      reference: 'r1',
      uptId: a.id,
      provider: 'stripe',
      amount: 33,
      refundedAt: '2026-11-02T03:00:00Z',
      originalReference: 'p',
    })
    await expect(
      postRefund(db, {
        reference: 'r2',
        uptId: a.id,
        provider: 'stripe',
        amount: 69,
        refundedAt: '2026-11-02T03:00:00Z',
        originalReference: 'p',
      }),
    ).rejects.toMatchObject({ code: 'ledger.refundTooLarge' })
    await postRefund(db, {
      reference: 'r3',
      uptId: a.id,
      provider: 'stripe',
      amount: 68,
      refundedAt: '2026-11-03T03:00:00Z',
      originalReference: 'p',
    })
    for (const b of await balances(db, a.id)) expect(b.balance).toBe(0)
    await expect(
      postRefund(db, {
        reference: 'r4',
        uptId: a.id,
        provider: 'stripe',
        amount: 1,
        refundedAt: '2026-11-03T03:00:00Z',
        originalReference: 'nope',
      }),
    ).rejects.toMatchObject({ code: 'ledger.originalNotFound' })
  })

  test('a refund after its PNBP was deposited leaves the PNBP deposited in excess (lebih setor), named so in the report', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    await nationalSplitRule(db)
    const paid = { uptId: a.id, provider: 'bank_transfer' as const, sourceType: 'order' }
    await postPaymentConfirmed(db, {
      ...paid,
      reference: 'p',
      grossAmount: 1_000_000,
      paidAt: '2026-10-05T03:00:00Z',
      sourceId: 'o',
    })
    await db.transaction().execute(async (trx) => {
      const billing = await createBilling(trx, {
        uptId: a.id,
        kodeBilling: '820261000000001',
        billingDate: '2026-10-06',
        amount: 150_000,
        period: '2026-10',
        actorUserId: null,
      })
      await payBilling(trx, {
        billingId: billing.id,
        uptId: a.id,
        ntpn: 'NTPN0000000000A1',
        ntb: 'NTB1',
        paidDate: '2026-10-06',
        channel: 'Bank',
        actorUserId: null,
      })
    })
    await postRefund(db, {
      reference: 'r',
      uptId: a.id,
      provider: 'bank_transfer',
      amount: 400_000,
      refundedAt: '2026-10-08T03:00:00Z',
      originalReference: 'p',
    })
    // 15% of the 600,000 kept is owed; 150,000 went to the state: 60,000 deposited in excess.
    const payable = (await balances(db, a.id)).find((b) => b.account === 'pnbp_payable')!
    expect(payable.balance).toBe(60_000)
    const [row] = await monthlyReport(db, { month: '2026-10', uptId: a.id, today: '2026-10-10' })
    expect(row).toMatchObject({ pnbpDue: 90_000, deposited: 150_000, outstanding: -60_000, lateAmount: 0 })
    // The finance pages name it, never a minus under "Belum disetor".
    expect(outstandingText(translator('id'), row!.outstanding)).toBe('Rp\u00a060.000 lebih setor')
    expect(outstandingText(translator('en'), row!.outstanding)).toBe('Rp\u00a060.000 deposited in excess')
    expect(outstandingText(translator('id'), 90_000)).toBe('Rp 90.000')
  })

  test('ledger tables are append-only: UPDATE and DELETE are refused by triggers', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    await nationalSplitRule(db)
    await postPaymentConfirmed(db, {
      reference: 'p',
      uptId: a.id,
      provider: 'stripe',
      grossAmount: 100,
      paidAt: '2026-11-01T03:00:00Z',
      sourceType: 'order',
      sourceId: 'o',
    })
    for (const table of ['ledger_entries', 'ledger_lines', 'split_rules']) {
      await expect(sql.raw(`UPDATE ${table} SET id = id`).execute(db)).rejects.toThrow(/append-only/)
      await expect(sql.raw(`DELETE FROM ${table}`).execute(db)).rejects.toThrow(/append-only/)
    }
    await db.transaction().execute(async (trx) => {
      const billing = await createBilling(trx, {
        uptId: a.id,
        kodeBilling: '820261100000001',
        billingDate: '2026-11-02',
        amount: 15,
        period: '2026-11',
        actorUserId: null,
      })
      await payBilling(trx, {
        billingId: billing.id,
        uptId: a.id,
        ntpn: 'ABCDEF0123456789',
        ntb: '1',
        paidDate: '2026-11-02',
        channel: 'Teller',
        actorUserId: null,
      })
    })
    for (const table of ['pnbp_billings', 'pnbp_deposits']) {
      await expect(sql.raw(`UPDATE ${table} SET amount = 1`).execute(db)).rejects.toThrow(/append-only/)
      await expect(sql.raw(`DELETE FROM ${table}`).execute(db)).rejects.toThrow(/append-only/)
    }
  })

  test('property: for any sequence of payments, refunds, fees, payouts and deposits the invariants hold and clearing returns to zero', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    await nationalSplitRule(db)
    const upts = [a.id, b.id]
    const op = fc.oneof(
      fc.record({
        t: fc.constant('pay' as const),
        upt: fc.nat({ max: 1 }),
        provider: fc.constantFrom('stripe' as const, 'bank_transfer' as const),
        gross: fc.integer({ min: 1, max: 50_000_000 }),
        cost: fc.nat({ max: 10_000_000 }),
      }),
      fc.record({
        t: fc.constant('refund' as const),
        pick: fc.nat(),
        frac: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.record({
        t: fc.constant('fee' as const),
        upt: fc.nat({ max: 1 }),
        provider: fc.constantFrom('stripe' as const, 'bank_transfer' as const),
        amount: fc.integer({ min: 1, max: 100_000 }),
      }),
      fc.record({
        t: fc.constant('deposit' as const),
        upt: fc.nat({ max: 1 }),
        frac: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    )
    const SHARE_ACCOUNTS = ['pnbp_payable', 'premi_pool', 'production_capital', 'cost_recovery']
    const deposited = new Map<string, number>()
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        run++
        const payments: { ref: string; upt: string; provider: 'stripe' | 'bank_transfer'; left: number }[] = []
        let n = 0
        for (const o of ops) {
          n++
          const ref = `r${run}-${n}`
          if (o.t === 'pay') {
            await postPaymentConfirmed(db, {
              reference: ref,
              uptId: upts[o.upt]!,
              provider: o.provider,
              grossAmount: o.gross,
              costAmount: o.cost,
              paidAt: '2026-10-05T03:00:00Z',
              sourceType: 'order',
              sourceId: ref,
            })
            payments.push({ ref, upt: upts[o.upt]!, provider: o.provider, left: o.gross })
          } else if (o.t === 'refund' && payments.length) {
            const p = payments[o.pick % payments.length]!
            const amount = Math.floor(p.left * o.frac)
            if (amount > 0) {
              await postRefund(db, {
                reference: ref,
                uptId: p.upt,
                provider: p.provider,
                amount,
                refundedAt: '2026-10-06T03:00:00Z',
                originalReference: p.ref,
              })
              p.left -= amount
            }
          } else if (o.t === 'fee') {
            await postProviderFee(db, {
              reference: ref,
              uptId: upts[o.upt]!,
              provider: o.provider,
              amount: o.amount,
              at: '2026-10-06T03:00:00Z',
            })
          } else if (o.t === 'deposit') {
            const owed = -((await balances(db, upts[o.upt]!)).find((x) => x.account === 'pnbp_payable')?.balance ?? 0)
            const amount = Math.floor(owed * o.frac)
            if (amount > 0) {
              await db.transaction().execute(async (trx) => {
                const billing = await createBilling(trx, {
                  uptId: upts[o.upt]!,
                  kodeBilling: String(100_000_000_000_000 + run * 100 + n),
                  billingDate: '2026-10-07',
                  amount,
                  period: '2026-10',
                  actorUserId: null,
                })
                await payBilling(trx, {
                  billingId: billing.id,
                  uptId: upts[o.upt]!,
                  ntpn: `NTPN${String(run).padStart(6, '0')}${String(n).padStart(6, '0')}`,
                  ntb: 'NTB1',
                  paidDate: '2026-10-08',
                  channel: 'Bank',
                  actorUserId: null,
                })
              })
              deposited.set(upts[o.upt]!, (deposited.get(upts[o.upt]!) ?? 0) + amount)
            }
          }
          expect(await ledgerProblems(db)).toEqual([])
        }
        // Payouts of whatever sits in clearing bring every clearing account back to zero; where
        // fees and refunds took more than the sales left, the UPT's share goes back (returned).
        for (const bal of await balances(db)) {
          if (bal.account.startsWith('clearing:') && bal.balance !== 0) {
            await postPayout(db, {
              reference: `po-${run}-${bal.upt_id}-${bal.account}`,
              uptId: bal.upt_id,
              provider: bal.account.slice(9) as 'stripe',
              amount: Math.abs(bal.balance),
              returned: bal.balance < 0,
              at: '2026-10-09T03:00:00Z',
            })
          }
        }
        expect(await ledgerProblems(db)).toEqual([])
        // A refund never takes back more of a share than its payment put in.
        const perPayment = await db
          .selectFrom('ledger_lines as l')
          .innerJoin('ledger_entries as e', 'e.id', 'l.entry_id')
          .select(['l.account', sql<number>`sum(l.credit) - sum(l.debit)`.as('left')])
          .where('e.kind', 'in', ['payment', 'refund'])
          .where('l.account', 'in', SHARE_ACCOUNTS)
          .groupBy([sql`coalesce(e.original_entry_id, e.id)`, 'l.account'])
          .execute()
        expect(perPayment.filter((r) => Number(r.left) < 0)).toEqual([])
        for (const bal of await balances(db)) {
          if (bal.account.startsWith('clearing:')) expect(bal.balance).toBe(0)
          // Only deposits debit the PNBP payable besides refunds: PNBP deposited before a refund of
          // its sales stays deposited (a debit balance, lebih setor), never beyond what was deposited.
          if (bal.account === 'pnbp_payable') expect(bal.balance).toBeLessThanOrEqual(deposited.get(bal.upt_id) ?? 0)
          else if (SHARE_ACCOUNTS.includes(bal.account)) expect(bal.balance).toBeLessThanOrEqual(0)
        }
        const all = await balances(db)
        expect(all.reduce((s, x) => s + x.balance, 0)).toBe(0)
      }),
      { numRuns: 25 },
    )
    const report = await monthlyReport(db, { month: '2026-10', today: '2026-10-10' })
    for (const r of report) {
      expect(r.base).toBe(r.pnbpDue + r.premi + r.production + r.partner + r.operations)
      expect(r.outstanding).toBe(r.pnbpDue - r.deposited)
    }
  })
})
