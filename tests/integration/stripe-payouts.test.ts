import fs from 'node:fs'
import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { postPaymentConfirmed, postProviderFee } from '#app/domain/ledger/postings.ts'
import { saveSplitRule } from '#app/domain/pnbp/rules.ts'
import { syncStripePayouts } from '#app/integrations/stripe-payouts.server.ts'
import { twoUpts } from '#tests/factories.ts'
import { server } from '#tests/mocks/server.ts'
import { testDb } from '#tests/setup/setup-each.ts'

// A real Stripe payout object (from the shared Stripe fixtures), adjusted to IDR below.
const fixture = JSON.parse(fs.readFileSync(new URL('../fixtures/stripe-payout.json', import.meta.url), 'utf8'))

describe('Stripe payouts from the API', () => {
  test('paid IDR payouts post once to the ledger and clear Stripe clearing; others are skipped', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    await saveSplitRule(db, { scope: 'national', uptId: null, programId: null, agreementId: null, base: 'sales', shares: { premi: 5000, pnbp: 1500, production: 3500, partner: 0, operations: 0 }, effectiveFrom: '2000-01-01', actorUserId: null })
    await postPaymentConfirmed(db, { reference: 'stripe:cs_1', uptId: a.id, provider: 'stripe', grossAmount: 1_000_000, paidAt: '2026-11-01T03:00:00Z', sourceType: 'order', sourceId: 'o1' })
    await postProviderFee(db, { reference: 'stripe:txn_1', uptId: a.id, provider: 'stripe', amount: 31_000, at: '2026-11-01T03:00:00Z' })
    const seen: string[] = []
    server.use(
      http.get('https://api.stripe.com/v1/payouts', ({ request }) => {
        seen.push(new URL(request.url).search)
        const base = { ...fixture, currency: 'idr', status: 'paid', arrival_date: 1_795_000_000 }
        return HttpResponse.json({
          object: 'list',
          url: '/v1/payouts',
          has_more: false,
          data: [
            { ...base, id: 'po_paid', amount: 969_000 * 100 },
            { ...base, id: 'po_transit', amount: 5_000 * 100, status: 'in_transit' },
            { ...base, id: 'po_usd', amount: 1100, currency: 'usd' },
            { ...base, id: 'po_cents', amount: 12_345 },
          ],
        })
      }),
    )
    expect(await syncStripePayouts(db, a.id, 'sk_test_123', 1_794_000_000)).toEqual({ posted: 1, skipped: 3 })
    expect(seen[0]).toContain('status=paid')
    expect(await syncStripePayouts(db, a.id, 'sk_test_123', 1_794_000_000)).toEqual({ posted: 0, skipped: 4 })
    const b = Object.fromEntries((await balances(db, a.id)).map((x) => [x.account, x.balance]))
    expect(b['clearing:stripe']).toBe(0)
    expect(b['bank']).toBe(969_000)
    expect(await ledgerProblems(db)).toEqual([])
  })
})
