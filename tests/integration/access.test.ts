import { describe, expect, test } from 'vitest'
import { loader as uptLoader } from '#app/routes/upt.$uptId._index.tsx'
import { action as usersAction, loader as usersLoader } from '#app/routes/admin.users.tsx'
import { loader as auditLoader } from '#app/routes/admin.audit.tsx'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

describe('scoped access', () => {
  test('staff of UPT A gets 403 on UPT B pages and 404 on unknown ids; the denial is audited', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const cookie = await sessionCookieFor(db, staff.id)
    const own = await call(uptLoader, makeRequest(`/upt/${a.id}`, { cookie }), { uptId: a.id })
    expect(own.status).toBe(200)
    expect(own.data.upt.name).toBe(a.name)
    const foreign = await call(uptLoader, makeRequest(`/upt/${b.id}`, { cookie }), { uptId: b.id })
    expect(foreign.status).toBe(403)
    const unknown = await call(uptLoader, makeRequest('/upt/nope', { cookie }), { uptId: 'nope' })
    expect(unknown.status).toBe(404)
    const denial = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.denied')
      .executeTakeFirstOrThrow()
    expect(denial).toMatchObject({ actor_user_id: staff.id, target_id: `/upt/${b.id}` })
  })

  test('anonymous visitors are sent to login; buyers and staff cannot open admin pages', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    expect((await call(usersLoader, makeRequest('/admin/users'))).status).toBe(302)
    for (const role of ['buyer', 'upt_staff'] as const) {
      const u = await createUser(db, { role, uptId: role === 'upt_staff' ? a.id : null })
      const cookie = await sessionCookieFor(db, u.id)
      expect((await call(usersLoader, makeRequest('/admin/users', { cookie }))).status).toBe(403)
      expect((await call(auditLoader, makeRequest('/admin/audit', { cookie }))).status).toBe(403)
    }
  })

  test('a Kanwil admin cannot invite staff to a UPT of another Kanwil', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const admin = await createUser(db, { role: 'admin', kanwilId: a.kanwil_id, totp: true })
    const cookie = await sessionCookieFor(db, admin.id)
    const ok = await call(
      usersAction,
      makeRequest('/admin/users', {
        cookie,
        form: { intent: 'invite', email: 'petugas@test.local', role: 'upt_staff', uptId: a.id },
      }),
    )
    expect(ok.status).toBe(302)
    const refused = await call(
      usersAction,
      makeRequest('/admin/users', {
        cookie,
        form: { intent: 'invite', email: 'other@test.local', role: 'upt_staff', uptId: b.id },
      }),
    )
    expect(refused.status).toBe(403)
    const invites = await db.selectFrom('invitations').select(['email', 'upt_id']).execute()
    expect(invites).toEqual([{ email: 'petugas@test.local', upt_id: a.id }])
  })
})
