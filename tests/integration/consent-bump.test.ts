import { describe, expect, test, vi } from 'vitest'
import { loader as partnerHome } from '#app/routes/partner._index.tsx'
import { action as consentAction, loader as consentLoader } from '#app/routes/account.consent.tsx'
import { loader as uptHome } from '#app/routes/upt.$uptId._index.tsx'
import { createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

// The terms changed: the version in the one constant is bumped (ADR 033).
vi.mock('#app/domain/content/legal.ts', async (original) => ({
  ...(await original<typeof import('#app/domain/content/legal.ts')>()),
  LEGAL_VERSION: '2099-01-01',
}))

describe('a bumped terms version asks signed-in partners and buyers to accept again (issue 16, item 5)', () => {
  test('the partner meets the interstitial, is refused without the box, then goes on where it was going', async () => {
    const db = testDb()
    const partner = await createPartner(db)
    const member = await createUser(db, { role: 'partner_member', partnerId: partner.id })
    await db.updateTable('users').set({ terms_version: '2026-12-07' }).where('id', '=', member.id).execute()
    const cookie = await sessionCookieFor(db, member.id)
    const stopped = await call(partnerHome, makeRequest('/partner?tab=1', { cookie }))
    expect(stopped.status).toBe(302)
    expect(stopped.headers.get('Location')).toBe('/account/consent?redirectTo=%2Fpartner%3Ftab%3D1')
    expect((await call(consentLoader, makeRequest('/account/consent', { cookie }))).data).toEqual({
      accepted: false,
      previous: '2026-12-07',
    })
    const refused = await call(
      consentAction,
      makeRequest('/account/consent', { cookie, form: { redirectTo: '/partner?tab=1' } }),
    )
    expect(refused.status).toBe(400)
    expect(refused.data.error.acceptTerms).toEqual(['consent.required'])
    const ok = await call(
      consentAction,
      makeRequest('/account/consent', { cookie, form: { redirectTo: '/partner?tab=1', acceptTerms: 'on' } }),
    )
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/partner?tab=1')
    const user = await db
      .selectFrom('users')
      .select(['terms_version', 'terms_accepted_at'])
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow()
    expect(user.terms_version).toBe('2099-01-01')
    expect(user.terms_accepted_at).not.toBeNull()
    expect((await call(partnerHome, makeRequest('/partner', { cookie }))).status).toBe(200)
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', member.id)
      .execute()
    expect(audit.map((a) => a.action)).toContain('terms.accepted')
    // A redirect elsewhere is refused: the partner lands on its account.
    const outside = await call(
      consentAction,
      makeRequest('/account/consent', { cookie, form: { redirectTo: 'https://evil.example/', acceptTerms: 'on' } }),
    )
    expect(outside.headers.get('Location')).toBe('/account')
  })

  test('UPT staff are not asked', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    await db.updateTable('users').set({ terms_version: null }).where('id', '=', staff.id).execute()
    const cookie = await sessionCookieFor(db, staff.id)
    expect((await call(uptHome, makeRequest(`/upt/${a.id}`, { cookie }), { uptId: a.id })).status).toBe(200)
  })
})
