import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { action as membersAction, loader as membersLoader } from '#app/routes/partner.members.tsx'
import { loader as dashboardLoader } from '#app/routes/partner._index.tsx'
import { createPartner, createUser, sessionCookieFor } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

async function assignmentOf(db: DB, userId: string) {
  return db
    .selectFrom('role_assignments')
    .select(['id', 'revoked_at'])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
}

const remove = (cookie: string, assignmentId: string, confirm = true) =>
  call(
    membersAction,
    makeRequest('/partner/members', {
      cookie,
      form: { intent: 'remove', assignmentId, ...(confirm ? { confirm: 'on' } : {}) },
    }),
  )

async function setup(db: DB) {
  const partner = await createPartner(db)
  const owner = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'owner' })
  const member = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'member' })
  return { partner, owner, member, ownerCookie: await sessionCookieFor(db, owner.id) }
}

describe('removing partner members', () => {
  test('the confirmation is asked first, then the owner removes a member: grant revoked, sessions ended, audited', async () => {
    const db = testDb()
    const { partner, owner, member, ownerCookie } = await setup(db)
    const memberCookie = await sessionCookieFor(db, member.id)
    expect((await call(dashboardLoader, makeRequest('/partner', { cookie: memberCookie }))).status).toBe(200)
    const a = await assignmentOf(db, member.id)
    // The page asks before removing anything (a GET changes nothing).
    const confirmPage = await call(
      membersLoader,
      makeRequest(`/partner/members?remove=${a.id}`, { cookie: ownerCookie }),
    )
    expect(confirmPage.status).toBe(200)
    expect(confirmPage.data.removing).toMatchObject({ id: a.id, user_id: member.id })
    expect((await assignmentOf(db, member.id)).revoked_at).toBeNull()
    // Without the ticked "Saya yakin" box nothing happens.
    const unconfirmed = await remove(ownerCookie, a.id, false)
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.data.error.confirm).toEqual(['member.confirmRequired'])
    expect((await assignmentOf(db, member.id)).revoked_at).toBeNull()
    const ok = await remove(ownerCookie, a.id)
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/partner/members')
    expect((await assignmentOf(db, member.id)).revoked_at).not.toBeNull()
    expect(await db.selectFrom('sessions').select('id_hash').where('user_id', '=', member.id).execute()).toEqual([])
    // The member's next request no longer acts for the partner.
    const after = await call(dashboardLoader, makeRequest('/partner', { cookie: memberCookie }))
    expect(after.status).toBe(302)
    expect(after.headers.get('Location')).toMatch(/^\/login/)
    // Even with a fresh session they are refused.
    expect(
      (await call(dashboardLoader, makeRequest('/partner', { cookie: await sessionCookieFor(db, member.id) }))).status,
    ).toBe(403)
    const log = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'target_id', 'details'])
      .where('action', '=', 'partner.memberRemoved')
      .execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ actor_user_id: owner.id, target_id: partner.id })
    expect(JSON.parse(log[0]!.details!)).toMatchObject({ userId: member.id, assignmentId: a.id })
    // The list no longer shows them; removing twice is "not found".
    const list = await call(membersLoader, makeRequest('/partner/members', { cookie: ownerCookie }))
    expect(list.data.members.map((m: { user_id: string }) => m.user_id)).toEqual([owner.id])
    expect((await remove(ownerCookie, a.id)).status).toBe(404)
  })

  test('the last owner cannot remove themselves; with a second owner they can, and their session ends', async () => {
    const db = testDb()
    const { partner, owner, ownerCookie } = await setup(db)
    const own = await assignmentOf(db, owner.id)
    const refused = await remove(ownerCookie, own.id)
    expect(refused.status).toBe(400)
    expect(refused.data.error['']).toEqual(['member.lastOwner'])
    expect((await assignmentOf(db, owner.id)).revoked_at).toBeNull()
    expect(
      await db.selectFrom('audit_log').select('id').where('action', '=', 'partner.memberRemoved').execute(),
    ).toEqual([])
    const second = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'owner' })
    const left = await remove(ownerCookie, own.id)
    expect(left.status).toBe(302)
    expect(left.headers.get('Location')).toBe('/')
    expect((await assignmentOf(db, owner.id)).revoked_at).not.toBeNull()
    expect((await call(dashboardLoader, makeRequest('/partner', { cookie: ownerCookie }))).status).toBe(302)
    // Now the second owner is the last one and cannot leave.
    const secondCookie = await sessionCookieFor(db, second.id)
    expect((await remove(secondCookie, (await assignmentOf(db, second.id)).id)).status).toBe(400)
  })

  test('a plain member cannot remove anyone (403, audited)', async () => {
    const db = testDb()
    const { owner, member } = await setup(db)
    const memberCookie = await sessionCookieFor(db, member.id)
    const target = await assignmentOf(db, owner.id)
    const r = await remove(memberCookie, target.id)
    expect(r.status).toBe(403)
    expect((await assignmentOf(db, owner.id)).revoked_at).toBeNull()
    expect((await call(membersLoader, makeRequest('/partner/members', { cookie: memberCookie }))).status).toBe(403)
    const denials = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'access.denied')
      .execute()
    expect(
      denials.some((d) => d.actor_user_id === member.id && JSON.parse(d.details!).permission === 'partner.own'),
    ).toBe(true)
  })

  test("another organisation's member cannot be touched: 403, audited, nothing revoked; unknown ids are 404", async () => {
    const db = testDb()
    const { owner, ownerCookie } = await setup(db)
    const other = await createPartner(db)
    const foreign = await createUser(db, { role: 'partner_member', partnerId: other.id, partnerRole: 'member' })
    const foreignSession = await sessionCookieFor(db, foreign.id)
    const a = await assignmentOf(db, foreign.id)
    const r = await remove(ownerCookie, a.id)
    expect(r.status).toBe(403)
    expect((await assignmentOf(db, foreign.id)).revoked_at).toBeNull()
    expect(await db.selectFrom('sessions').select('id_hash').where('user_id', '=', foreign.id).execute()).toHaveLength(
      1,
    )
    expect((await call(dashboardLoader, makeRequest('/partner', { cookie: foreignSession }))).status).toBe(200)
    const denial = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'access.denied')
      .executeTakeFirstOrThrow()
    expect(denial.actor_user_id).toBe(owner.id)
    expect(JSON.parse(denial.details!)).toMatchObject({ permission: 'partner.own', scope: { partnerId: other.id } })
    // The confirmation page ignores a foreign id rather than showing the person.
    expect(
      (await call(membersLoader, makeRequest(`/partner/members?remove=${a.id}`, { cookie: ownerCookie }))).data
        .removing,
    ).toBeNull()
    expect((await remove(ownerCookie, 'no-such-assignment')).status).toBe(404)
    // A non-partner grant (e.g. UPT staff) is not a member either.
    const staff = await createUser(db, {
      role: 'upt_staff',
      uptId: (await db.selectFrom('upts').select('id').executeTakeFirstOrThrow()).id,
    })
    expect((await remove(ownerCookie, (await assignmentOf(db, staff.id)).id)).status).toBe(404)
  })
})

describe('emails never read a stranger’s words as the portal’s own', () => {
  test('an invitation quotes the organisation name as its registrant typed it, never in the subject; a reset email greets no name', async () => {
    const db = testDb()
    const phishing = 'Akun Anda diblokir, verifikasi di evil.example'
    const partner = await createPartner(db, { name: phishing })
    const owner = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'owner' })
    await db.updateTable('users').set({ name: phishing }).where('id', '=', owner.id).execute()
    const cookie = await sessionCookieFor(db, owner.id)
    const r = await call(
      membersAction,
      makeRequest('/partner/members', { cookie, form: { intent: 'invite', email: 'korban@contoh.id' } }),
    )
    expect(r.status).toBe(302)
    const invite = await db
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', 'korban@contoh.id')
      .executeTakeFirstOrThrow()
    expect(invite.subject).not.toContain(phishing)
    expect(invite.text_body).toContain(`sebagaimana diisi oleh pendaftarnya sendiri: "${phishing}"`)
    expect(invite.text_body.indexOf(phishing)).toBeGreaterThan(invite.text_body.indexOf('Anda diundang'))

    const { action: forgotAction } = await import('#app/routes/forgot-password.tsx')
    expect((await call(forgotAction, makeRequest('/forgot-password', { form: { email: owner.email } }))).status).toBe(
      200,
    )
    const reset = await db
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', owner.email)
      .executeTakeFirstOrThrow()
    expect(reset.text_body).not.toContain(phishing)
    expect(reset.text_body).toMatch(/^Halo,\n/)
  })
})
