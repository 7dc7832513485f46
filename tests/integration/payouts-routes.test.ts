import { beforeEach, describe, expect, test } from 'vitest'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { action, loader } from '#app/routes/finance.payouts.tsx'
import { createUser, nationalSplitRule, sessionCookieFor } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { mockCardFee, stripeMock } from '#tests/mocks/stripe.ts'
import { deliver, mockProvider, sessionObject, stripeEvent, twoUptOrder } from '#tests/payments-support.ts'
import { testDb } from '#tests/setup/setup-each.ts'

beforeEach(() => stripeMock.reset())

describe('/finance/payouts', () => {
  test('national finance fetches payouts from (mocked) Stripe; each UPT finance sees only its own share; others are refused', async () => {
    const db = testDb()
    await nationalSplitRule(db)
    const order = await twoUptOrder(db)
    // pay on the (mocked) hosted page, then Stripe's webhook arrives
    await startCardPayment(db, mockProvider(), { orderId: order.orderId, orderUrl: 'http://localhost:3000/x' })
    const payment = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow()
    await fetch(`https://api.stripe.com/v1/test_helpers/mock/checkout/sessions/${payment.provider_session_id}/pay`, {
      method: 'POST',
    })
    const pi = String(stripeMock.sessions.get(payment.provider_session_id!)!.session.payment_intent)
    expect(
      (
        await deliver(
          stripeEvent(
            'checkout.session.completed',
            sessionObject({
              sessionId: payment.provider_session_id!,
              orderNumber: order.orderNumber,
              amount: order.total,
              paymentIntent: pi,
            }),
          ),
        )
      ).data.outcome,
    ).toBe('paid')

    const national = await sessionCookieFor(db, (await createUser(db, { role: 'finance', totp: true })).id)
    const financeA = await sessionCookieFor(
      db,
      (await createUser(db, { role: 'finance', uptId: order.a.id, totp: true })).id,
    )
    const staffA = await sessionCookieFor(db, (await createUser(db, { role: 'upt_staff', uptId: order.a.id })).id)

    expect((await call(loader, makeRequest('/finance/payouts', { cookie: national }))).data.payouts).toEqual([])
    // UPT finance and staff cannot pull payouts; nothing is asked of Stripe
    expect(
      (await call(action, makeRequest('/finance/payouts', { cookie: financeA, form: { intent: 'sync' } }))).status,
    ).toBe(403)
    expect((await call(loader, makeRequest('/finance/payouts', { cookie: staffA }))).status).toBe(403)
    expect((await call(loader, makeRequest('/finance/payouts'))).status).toBe(302)
    expect(stripeMock.requests.filter((r) => r.path === '/v1/payouts')).toEqual([])
    expect(
      (await call(action, makeRequest('/finance/payouts', { cookie: national, form: { intent: 'delete' } }))).status,
    ).toBe(400)

    const synced = await call(action, makeRequest('/finance/payouts', { cookie: national, form: { intent: 'sync' } }))
    expect(synced.status).toBe(302)
    expect(decodeURIComponent(synced.headers.get('set-cookie') ?? '')).toContain('"allocated":1')
    const fee = mockCardFee(order.total * 100) / 100
    const all = (await call(loader, makeRequest('/finance/payouts', { cookie: national }))).data
    expect(all.payouts).toHaveLength(1)
    expect(all.payouts[0]).toMatchObject({ state: 'allocated', amount: order.total - fee })
    expect(all.payouts[0].allocations.map((a: { upt_id: string }) => a.upt_id).sort()).toEqual(
      [order.a.id, order.b.id].sort(),
    )

    const own = (await call(loader, makeRequest('/finance/payouts', { cookie: financeA }))).data
    expect(own.payouts).toHaveLength(1)
    expect(own.payouts[0].allocations).toHaveLength(1)
    expect(own.payouts[0].allocations[0]).toMatchObject({ upt_id: order.a.id })
    for (const upt of [order.a.id, order.b.id]) {
      const b = Object.fromEntries((await balances(db, upt)).map((x) => [x.account, x.balance]))
      expect(b['clearing:stripe']).toBe(0)
    }
    expect(await ledgerProblems(db)).toEqual([])
    // a second fetch finds nothing new and changes nothing
    await call(action, makeRequest('/finance/payouts', { cookie: national, form: { intent: 'sync' } }))
    expect(await db.selectFrom('stripe_payouts').select('id').execute()).toHaveLength(1)
    const audited = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'payments.payout.%')
      .orderBy('at')
      .execute()
    expect(audited.map((a) => a.action)).toEqual([
      'payments.payout.allocated',
      'payments.payout.sync',
      'payments.payout.sync',
    ])
  })
})
