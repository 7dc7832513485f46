import { describe, expect, test } from 'vitest'
import { postPaymentConfirmed, postProviderFee } from '#app/domain/ledger/postings.ts'
import { loader } from '#app/routes/finance.upt.$uptId.ledger.tsx'
import { loader as csvLoader } from '#app/routes/finance.upt.$uptId.ledger[.]csv.tsx'
import { createUser, nationalSplitRule, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

describe('UPT ledger page', () => {
  test('trial balance up to the month and the month journal with lines; CSV of the lines; other UPTs refused', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    await nationalSplitRule(db)
    await postPaymentConfirmed(db, {
      reference: 'stripe:pi_1:ML-1',
      uptId: a.id,
      provider: 'stripe',
      grossAmount: 1_000_000,
      paidAt: '2026-10-05T03:00:00Z',
      sourceType: 'sub_order',
      sourceId: 's1',
    })
    await postPaymentConfirmed(db, {
      reference: 'stripe:pi_2:ML-2',
      uptId: a.id,
      provider: 'stripe',
      grossAmount: 200_000,
      paidAt: '2026-11-05T03:00:00Z',
      sourceType: 'sub_order',
      sourceId: 's2',
    })
    await postProviderFee(db, {
      reference: 'stripe-fee:txn_2:ML-2',
      uptId: a.id,
      provider: 'stripe',
      amount: 7_800,
      at: '2026-11-06T03:00:00Z',
    })
    const cookie = await sessionCookieFor(db, (await createUser(db, { role: 'finance', uptId: a.id, totp: true })).id)
    const other = await sessionCookieFor(db, (await createUser(db, { role: 'finance', uptId: b.id, totp: true })).id)

    const oct = (
      await call(loader, makeRequest(`/finance/upt/${a.id}/ledger?month=2026-10`, { cookie }), { uptId: a.id })
    ).data
    expect(oct.total).toBe(1)
    expect(oct.balance.accounts.find((x: { account: string }) => x.account === 'clearing:stripe').balance).toBe(
      1_000_000,
    )

    const nov = (
      await call(loader, makeRequest(`/finance/upt/${a.id}/ledger?month=2026-11`, { cookie }), { uptId: a.id })
    ).data
    expect(nov.total).toBe(2)
    expect(nov.entries.map((e: { reference: string }) => e.reference)).toEqual([
      'stripe-fee:txn_2:ML-2',
      'stripe:pi_2:ML-2',
    ])
    expect(nov.entries[0].lines).toEqual([
      { account: 'provider_fees', debit: 7_800, credit: 0 },
      { account: 'clearing:stripe', debit: 0, credit: 7_800 },
    ])
    const acc = Object.fromEntries(
      nov.balance.accounts.map((x: { account: string; balance: number }) => [x.account, x.balance]),
    )
    expect(acc).toMatchObject({
      'clearing:stripe': 1_192_200,
      pnbp_payable: 180_000,
      premi_pool: 600_000,
      production_capital: 420_000,
      provider_fees: 7_800,
    })
    expect(nov.balance.totalDebit).toBe(nov.balance.totalCredit)

    const csv = await call(csvLoader, makeRequest(`/finance/upt/${a.id}/ledger.csv?month=2026-11`, { cookie }), {
      uptId: a.id,
    })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const rows = String(csv.data).trim().split(/\r?\n/)
    expect(rows[0]).toBe('day,reference,kind,provider,account,debit,credit')
    expect(rows).toContain('2026-11-06,stripe-fee:txn_2:ML-2,fee,stripe,provider_fees,7800,0')

    expect(
      (await call(loader, makeRequest(`/finance/upt/${a.id}/ledger`, { cookie: other }), { uptId: a.id })).status,
    ).toBe(403)
    expect(
      (await call(csvLoader, makeRequest(`/finance/upt/${a.id}/ledger.csv`, { cookie: other }), { uptId: a.id }))
        .status,
    ).toBe(403)
  })
})
