import { describe, expect, test } from 'vitest'
import { action as usersAction } from '#app/routes/admin.users.tsx'
import { action as acceptAction, loader as acceptLoader } from '#app/routes/invite.$token.tsx'
import { action as forgotAction } from '#app/routes/forgot-password.tsx'
import { action as resetAction, loader as resetLoader } from '#app/routes/reset-password.$token.tsx'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as accountAction, loader as accountLoader } from '#app/routes/account._index.tsx'
import { hashToken } from '#app/lib/ids.ts'
import { createUser, sessionCookieFor, TEST_PASSWORD, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

function linkIn(text: string, path: string): string {
  const m = new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(text)
  if (!m) throw new Error(`no ${path} link in: ${text}`)
  return m[1]!
}

describe('invitations', () => {
  test('a national admin invites a UPT staff user who accepts and gets the scoped role; all audited', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const admin = await createUser(db, { role: 'admin', totp: true })
    const cookie = await sessionCookieFor(db, admin.id)
    const r = await call(
      usersAction,
      makeRequest('/admin/users', {
        cookie,
        form: { intent: 'invite', email: 'Staf.Baru@Lapas.go.id', role: 'upt_staff', uptId: a.id },
      }),
    )
    expect(r.status).toBe(302)
    const email = await db.selectFrom('emails').selectAll().executeTakeFirstOrThrow()
    expect(email.to_address).toBe('Staf.Baru@Lapas.go.id')
    const token = linkIn(email.text_body, '/invite')
    const info = await call(acceptLoader, makeRequest(`/invite/${token}`), { token })
    expect(info.data).toMatchObject({
      valid: true,
      email: 'staf.baru@lapas.go.id',
      role: 'upt_staff',
      scope: a.name,
      existing: false,
    })
    const accepted = await call(
      acceptAction,
      makeRequest(`/invite/${token}`, { form: { name: 'Staf Baru', password: 'pembinaan kemandirian' } }),
      { token },
    )
    expect(accepted.status).toBe(302)
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'staf.baru@lapas.go.id')
      .executeTakeFirstOrThrow()
    const grant = await db
      .selectFrom('role_assignments')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(grant).toMatchObject({ role: 'upt_staff', upt_id: a.id, created_by: admin.id })
    // The link works once.
    const again = await call(
      acceptAction,
      makeRequest(`/invite/${token}`, { form: { name: 'Staf Baru', password: 'pembinaan kemandirian' } }),
      { token },
    )
    expect(again.status).toBe(400)
    const actions = (await db.selectFrom('audit_log').select('action').execute()).map((x) => x.action)
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'role.granted']))
  })
})

describe('password reset', () => {
  test('the emailed link sets a new password once and ends old sessions; unknown emails get the same answer', async () => {
    const db = testDb()
    const { email, id } = await createUser(db, { role: 'buyer' })
    await sessionCookieFor(db, id)
    const unknown = await call(forgotAction, makeRequest('/forgot-password', { form: { email: 'ghost@test.local' } }))
    const known = await call(forgotAction, makeRequest('/forgot-password', { form: { email } }))
    expect(unknown.status).toBe(200)
    expect(known.status).toBe(200)
    expect(unknown.data.sent).toBe(true)
    expect(known.data.sent).toBe(true)
    const mails = await db.selectFrom('emails').selectAll().execute()
    expect(mails).toHaveLength(1)
    const token = linkIn(mails[0]!.text_body, '/reset-password')
    const weak = await call(resetAction, makeRequest(`/reset-password/${token}`, { form: { password: 'short' } }), {
      token,
    })
    expect(weak.status).toBe(400)
    const done = await call(
      resetAction,
      makeRequest(`/reset-password/${token}`, { form: { password: 'a brand new passphrase' } }),
      { token },
    )
    expect(done.status).toBe(302)
    expect(await db.selectFrom('sessions').select('id_hash').where('user_id', '=', id).execute()).toHaveLength(0)
    const reuse = await call(
      resetAction,
      makeRequest(`/reset-password/${token}`, { form: { password: 'yet another passphrase' } }),
      { token },
    )
    expect(reuse.status).toBe(400)
    const oldLogin = await call(loginAction, makeRequest('/login', { form: { email, password: TEST_PASSWORD } }))
    expect(oldLogin.status).toBe(400)
    const newLogin = await call(
      loginAction,
      makeRequest('/login', { form: { email, password: 'a brand new passphrase' } }),
    )
    expect(newLogin.status).toBe(302)
  })
})

describe('password reset links supersede each other', () => {
  const ask = (email: string) => call(forgotAction, makeRequest('/forgot-password', { form: { email } }))
  async function links(email: string) {
    const mails = await testDb()
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', email)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return mails.map((m) => linkIn(m.text_body, '/reset-password'))
  }
  const reset = (token: string, password: string) =>
    call(resetAction, makeRequest(`/reset-password/${token}`, { form: { password } }), { token })

  test('an older link is dead once a newer one was used', async () => {
    const { email } = await createUser(testDb(), { role: 'buyer' })
    await ask(email)
    await ask(email)
    const [older, newer] = await links(email)
    expect((await reset(newer!, 'the newest passphrase')).status).toBe(302)
    const stale = await reset(older!, 'an attacker passphrase')
    expect(stale.status).toBe(400)
    expect((await call(resetLoader, makeRequest(`/reset-password/${older}`), { token: older! })).data).toEqual({
      valid: false,
    })
    expect(
      (await call(loginAction, makeRequest('/login', { form: { email, password: 'the newest passphrase' } }))).status,
    ).toBe(302)
  })

  test('asking for a new link retires the one sent before', async () => {
    const { email } = await createUser(testDb(), { role: 'buyer' })
    await ask(email)
    await ask(email)
    const [older, newer] = await links(email)
    expect((await call(resetLoader, makeRequest(`/reset-password/${older}`), { token: older! })).data).toEqual({
      valid: false,
    })
    expect((await call(resetLoader, makeRequest(`/reset-password/${newer}`), { token: newer! })).data).toEqual({
      valid: true,
    })
  })

  test('two links alive at once (issued before this rule): using one kills the other; the owner is told', async () => {
    const db = testDb()
    const { email, id } = await createUser(db, { role: 'buyer' })
    const now = new Date().toISOString()
    const later = new Date(Date.now() + 3_600_000).toISOString()
    await db
      .insertInto('password_resets')
      .values([
        { token_hash: hashToken('older-link-token'), user_id: id, created_at: now, expires_at: later, used_at: null },
        { token_hash: hashToken('newer-link-token'), user_id: id, created_at: now, expires_at: later, used_at: null },
      ])
      .execute()
    expect((await reset('newer-link-token', 'the newest passphrase')).status).toBe(302)
    expect((await reset('older-link-token', 'an attacker passphrase')).status).toBe(400)
    const notice = await db.selectFrom('emails').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow()
    expect(notice.subject).toBe('Kata sandi Mitra Lipas Anda diganti')
    expect(notice.text_body).toContain('/forgot-password')
  })

  test('changing the password on the account page retires reset links and ends the other sessions', async () => {
    const db = testDb()
    const { email, id } = await createUser(db, { role: 'buyer' })
    await ask(email)
    const [link] = await links(email)
    const cookie = await sessionCookieFor(db, id)
    const elsewhere = await sessionCookieFor(db, id)
    const changed = await call(
      accountAction,
      makeRequest('/account', {
        cookie,
        form: { intent: 'password', currentPassword: TEST_PASSWORD, newPassword: 'a changed passphrase' },
      }),
    )
    expect(changed.status).toBe(302)
    expect((await call(resetLoader, makeRequest(`/reset-password/${link}`), { token: link! })).data).toEqual({
      valid: false,
    })
    expect((await call(accountLoader, makeRequest('/account', { cookie }))).status).toBe(200)
    expect((await call(accountLoader, makeRequest('/account', { cookie: elsewhere }))).status).toBe(302)
    const subjects = (await db.selectFrom('emails').select('subject').where('to_address', '=', email).execute()).map(
      (m) => m.subject,
    )
    expect(subjects).toContain('Kata sandi Mitra Lipas Anda diganti')
  })
})
