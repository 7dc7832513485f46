import { describe, expect, test } from 'vitest'
import { action as decideAction, loader as reviewLoader } from '#app/routes/admin.partners.tsx'
import { signUpPartner } from '#app/domain/identity/users.ts'
import { addLegalDocumentRows, createUser, sessionCookieFor } from '#tests/factories.ts'
import { LEGAL_VERSION } from '#app/domain/content/legal.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

describe('the verification page shows a partner history before the verify button (issue 16, item 5)', () => {
  test('sign-up and decisions appear in order with who did them; nobody else’s lines', async () => {
    const db = testDb()
    const one = await signUpPartner(db, {
      name: 'Budi',
      email: 'budi@koperasi.test',
      password: 'kata-sandi-panjang-1',
      orgName: 'Koperasi Maju',
      orgType: 'cooperative',
      coverage: { national: true, provinceIds: [], sectorIds: ['furniture'] },
      termsVersion: LEGAL_VERSION,
    })
    // Ready to verify: the address confirmed, the required documents there (ADR 033).
    await db
      .updateTable('users')
      .set({ email_verified_at: new Date().toISOString() })
      .where('id', '=', one.user.id)
      .execute()
    await addLegalDocumentRows(db, one.partner.id, one.user.id)
    const other = await signUpPartner(db, {
      name: 'Sari',
      email: 'sari@yayasan.test',
      password: 'kata-sandi-panjang-2',
      orgName: 'Yayasan Lain',
      orgType: 'cooperative',
      coverage: { national: true, provinceIds: [], sectorIds: ['food'] },
      termsVersion: LEGAL_VERSION,
    })
    const admin = await createUser(db, { role: 'admin', totp: true, name: 'Admin Nasional' })
    const cookie = await sessionCookieFor(db, admin.id)
    const pending = await call(reviewLoader, makeRequest('/admin/partners', { cookie }))
    const lines = (id: string) =>
      pending.data.history
        .filter((h: { partnerId: string }) => h.partnerId === id)
        .map((h: { action: string; actorName: string | null }) => [h.action, h.actorName])
    expect(lines(one.partner.id)).toEqual([['partner.signup', 'Budi']])
    expect(lines(other.partner.id)).toEqual([['partner.signup', 'Sari']])
    expect(
      (
        await call(
          decideAction,
          makeRequest('/admin/partners', { cookie, form: { partnerId: one.partner.id, decision: 'verify' } }),
        )
      ).status,
    ).toBe(302)
    const verified = await call(reviewLoader, makeRequest('/admin/partners?status=verified', { cookie }))
    expect(verified.data.items.map((p: { id: string }) => p.id)).toEqual([one.partner.id])
    expect(
      verified.data.history.map((h: { action: string; actorName: string | null }) => [h.action, h.actorName]),
    ).toEqual([
      ['partner.signup', 'Budi'],
      ['partner.verify', 'Admin Nasional'],
    ])
  })
})
