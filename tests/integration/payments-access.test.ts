import { describe, expect, test } from 'vitest'
import { loader as financeLoader, action as financeAction } from '#app/routes/finance.upt.$uptId.payments._index.tsx'
import { loader as proofLoader } from '#app/routes/finance.upt.$uptId.payments.proof.$paymentId.ts'
import {
  loader as refundLoader,
  action as refundAction,
} from '#app/routes/finance.upt.$uptId.payments.refund.$subOrderId.tsx'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { getPaymentSettings } from '#app/domain/payments/settings.ts'

describe('payments pages are finance-only and scoped to the UPT', () => {
  test('every route x role: anonymous to login, others 403 (audited), unknown UPT 404', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const routes = [
      {
        name: 'finance',
        run: (cookie?: string, upt = a.id) =>
          call(financeLoader, makeRequest(`/finance/upt/${upt}/payments`, { cookie }), { uptId: upt }),
      },
      {
        name: 'proof',
        run: (cookie?: string, upt = a.id) =>
          call(proofLoader, makeRequest(`/finance/upt/${upt}/payments/proof/x`, { cookie }), {
            uptId: upt,
            paymentId: 'x',
          }),
      },
      {
        name: 'refund',
        run: (cookie?: string, upt = a.id) =>
          call(refundLoader, makeRequest(`/finance/upt/${upt}/payments/refund/x`, { cookie }), {
            uptId: upt,
            subOrderId: 'x',
          }),
      },
      {
        name: 'refund action',
        run: (cookie?: string, upt = a.id) =>
          call(
            refundAction,
            makeRequest(`/finance/upt/${upt}/payments/refund/x`, {
              cookie,
              form: { amount: '1000', reason: 'uji coba', confirm: 'on' },
            }),
            { uptId: upt, subOrderId: 'x' },
          ),
      },
      {
        name: 'confirm',
        run: (cookie?: string, upt = a.id) =>
          call(
            financeAction,
            makeRequest(`/finance/upt/${upt}/payments`, { cookie, form: { intent: 'confirm', paymentId: 'x' } }),
            { uptId: upt },
          ),
      },
    ]
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const buyer = await createUser(db, { role: 'buyer' })
    const otherFinance = await createUser(db, { role: 'finance', uptId: b.id, totp: true })
    const kanwilAdmin = await createUser(db, { role: 'admin', kanwilId: a.kanwil_id, totp: true })
    const ownFinance = await createUser(db, { role: 'finance', uptId: a.id, totp: true })
    for (const r of routes) {
      expect((await r.run()).status, r.name).toBe(302)
      for (const u of [staff, buyer, otherFinance, kanwilAdmin])
        expect((await r.run(await sessionCookieFor(db, u.id))).status, `${r.name} ${u.email}`).toBe(403)
      const own = await sessionCookieFor(db, ownFinance.id)
      expect((await r.run(own, 'no-such-upt')).status, r.name).toBe(404)
    }
    const denials = await db.selectFrom('audit_log').select('target_id').where('action', '=', 'access.denied').execute()
    expect(denials.length).toBe(routes.length * 4)
    // own finance: the page opens; unknown sub-order / proof ids are 404
    const own = await sessionCookieFor(db, ownFinance.id)
    expect((await routes[0]!.run(own)).status).toBe(200)
    expect((await routes[1]!.run(own)).status).toBe(404)
    expect((await routes[2]!.run(own)).status).toBe(404)
  })

  test('only national finance changes the payment settings', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const local = await createUser(db, { role: 'finance', uptId: a.id, totp: true })
    const national = await createUser(db, { role: 'finance', totp: true })
    const form = { intent: 'settings', fourEyesThreshold: '2000000', transferDeadlineHours: '12' }
    const refused = await call(
      financeAction,
      makeRequest(`/finance/upt/${a.id}/payments`, { cookie: await sessionCookieFor(db, local.id), form }),
      { uptId: a.id },
    )
    expect(refused.status).toBe(403)
    expect((await getPaymentSettings(db)).fourEyesThreshold).toBe(5_000_000)
    const ok = await call(
      financeAction,
      makeRequest(`/finance/upt/${a.id}/payments`, { cookie: await sessionCookieFor(db, national.id), form }),
      { uptId: a.id },
    )
    expect(ok.status).toBe(302)
    expect(await getPaymentSettings(db)).toEqual({ fourEyesThreshold: 2_000_000, transferDeadlineHours: 12 })
    const bad = await call(
      financeAction,
      makeRequest(`/finance/upt/${a.id}/payments`, {
        cookie: await sessionCookieFor(db, national.id),
        form: { ...form, transferDeadlineHours: '0' },
      }),
      { uptId: a.id },
    )
    expect(bad.status).toBe(400)
    expect((await getPaymentSettings(db)).transferDeadlineHours).toBe(12)
  })
})
