import { beforeEach, describe, expect, test } from 'vitest'
import { enabledProviders } from '#app/domain/payments/providers.ts'
import { action as providersAction, loader as providersLoader } from '#app/routes/finance.providers.tsx'
import { action as orderAction, loader as orderLoader } from '#app/routes/orders.$number.$token.tsx'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { createUser, sessionCookieFor } from '#tests/factories.ts'
import { midtransMock } from '#tests/mocks/midtrans.ts'
import { stripeMock } from '#tests/mocks/stripe.ts'
import { twoUptOrder } from '#tests/payments-support.ts'

beforeEach(() => {
  midtransMock.reset()
  stripeMock.reset()
})

describe('national finance chooses the payment providers checkout offers', () => {
  test('both are on by default; turning one off is audited and hides it; turning both off is refused next to the field and writes nothing', async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    const national = await createUser(db, { role: 'finance', totp: true })
    const uptFinance = await createUser(db, { role: 'finance', uptId: order.a.id, totp: true })
    const cookie = await sessionCookieFor(db, national.id)
    const path = `/orders/${order.orderNumber}/${order.token}`
    const params = { number: order.orderNumber, token: order.token }

    const page = await call(orderLoader, makeRequest(path), params)
    expect(page.data.payment).toMatchObject({ cardAvailable: true, midtransAvailable: true })
    expect((await call(providersLoader, makeRequest('/finance/providers', { cookie }))).data).toEqual({
      enabled: { stripe: true, midtrans: true },
      configured: { stripe: true, midtrans: true },
    })

    // UPT finance may not choose (403, audited refusal), nothing changes
    expect(
      (
        await call(
          providersAction,
          makeRequest('/finance/providers', {
            cookie: await sessionCookieFor(db, uptFinance.id),
            form: { midtrans: 'on' },
          }),
        )
      ).status,
    ).toBe(403)
    expect(await enabledProviders(db)).toEqual({ stripe: true, midtrans: true })

    const none = await call(providersAction, makeRequest('/finance/providers', { cookie, form: {} }))
    expect(none.status).toBe(400)
    expect(none.data).toEqual({ error: 'providers.atLeastOne' })
    expect(await db.selectFrom('payment_settings').selectAll().execute()).toHaveLength(0)

    const saved = await call(providersAction, makeRequest('/finance/providers', { cookie, form: { midtrans: 'on' } }))
    expect(saved.status).toBe(302)
    expect(await enabledProviders(db)).toEqual({ stripe: false, midtrans: true })
    const audits = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'details'])
      .where('action', '=', 'payment.providers')
      .execute()
    expect(audits).toEqual([
      { action: 'payment.providers', actor_user_id: national.id, details: JSON.stringify({ stripe: 'disabled' }) },
    ])
    // saving the same again changes nothing and audits nothing
    await call(providersAction, makeRequest('/finance/providers', { cookie, form: { midtrans: 'on' } }))
    expect(
      await db.selectFrom('audit_log').select('id').where('action', '=', 'payment.providers').execute(),
    ).toHaveLength(1)

    // checkout offers only what is enabled; a card request made anyway is refused, Stripe never called
    expect((await call(orderLoader, makeRequest(path), params)).data.payment).toMatchObject({
      cardAvailable: false,
      midtransAvailable: true,
    })
    const card = await call(orderAction, makeRequest(path, { form: { intent: 'card' } }), params)
    expect(card.status).toBe(400)
    expect(card.data.error).toBe('pay.providerDisabled')
    expect(stripeMock.requests).toHaveLength(0)
    expect(await db.selectFrom('payments').selectAll().execute()).toHaveLength(0)

    // the guest pays by Midtrans: redirected to Snap
    const snap = await call(orderAction, makeRequest(path, { form: { intent: 'midtrans' } }), params)
    expect(snap.status).toBe(302)
    expect(snap.headers.get('Location')).toMatch(/\/dev\/midtrans-snap\//)
    expect(await db.selectFrom('payments').select(['provider', 'method', 'status']).execute()).toEqual([
      { provider: 'midtrans', method: 'card', status: 'pending' },
    ])
  })

  test('offtake orders are paid by transfer only: no Midtrans either', async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    await db.updateTable('orders').set({ kind: 'offtake' }).where('id', '=', order.orderId).execute()
    const path = `/orders/${order.orderNumber}/${order.token}`
    const params = { number: order.orderNumber, token: order.token }
    expect((await call(orderLoader, makeRequest(path), params)).data.payment).toMatchObject({
      cardAvailable: false,
      midtransAvailable: false,
    })
    expect((await call(orderAction, makeRequest(path, { form: { intent: 'midtrans' } }), params)).status).toBe(400)
    expect(midtransMock.requests).toHaveLength(0)
  })
})
