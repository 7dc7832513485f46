import { describe, expect, test } from 'vitest'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as totpLoginAction } from '#app/routes/login_.totp.tsx'
import { action as factorAction, loader as factorLoader } from '#app/routes/account.totp.tsx'
import { loader as accountLoader } from '#app/routes/account._index.tsx'
import { consumeTotp } from '#app/domain/identity/second-factor.server.ts'
import { open } from '#app/domain/identity/secret-box.ts'
import { currentTotp } from '#app/domain/identity/totp.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { createUser, sessionCookieFor, TEST_PASSWORD, TEST_TOTP_SECRET } from '#tests/factories.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const NEW_SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF'

async function passwordStep(email: string) {
  const r = await call(loginAction, makeRequest('/login', { form: { email, password: TEST_PASSWORD } }))
  expect(r.headers.get('Location')).toMatch(/^\/login\/totp/)
  return cookieFrom(r.headers)!
}

const codeStep = (cookie: string, code: string) =>
  call(totpLoginAction, makeRequest('/login/totp', { form: { code }, cookie }))

async function secretOf(userId: string): Promise<string | null> {
  const u = await testDb()
    .selectFrom('users')
    .select('totp_secret_enc')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  return u.totp_secret_enc ? open(u.totp_secret_enc, getEnv().encryptionKey) : null
}

async function auditActions(userId: string) {
  const rows = await testDb().selectFrom('audit_log').select('action').where('target_id', '=', userId).execute()
  return rows.map((r) => r.action)
}

describe('a TOTP code is accepted once', () => {
  test('the same code cannot open a second login within its window', async () => {
    const { email } = await createUser(testDb(), { role: 'admin', totp: true })
    const code = currentTotp(TEST_TOTP_SECRET)
    const first = await codeStep(await passwordStep(email), code)
    expect(first.status).toBe(302)
    const replay = await codeStep(await passwordStep(email), code)
    expect(replay.status).toBe(400)
    expect(replay.data.error).toEqual({ code: ['totp.reused'] })
    expect(cookieFrom(replay.headers)).toBeUndefined()
  })

  test('a code used to log in cannot then confirm a change of factor', async () => {
    const db = testDb()
    const { id, email } = await createUser(db, { role: 'admin', totp: true })
    const code = currentTotp(TEST_TOTP_SECRET)
    const login = await codeStep(await passwordStep(email), code)
    const cookie = cookieFrom(login.headers)!
    const r = await call(
      factorAction,
      makeRequest('/account/totp', {
        cookie,
        form: {
          intent: 'replace',
          currentPassword: TEST_PASSWORD,
          currentCode: code,
          secret: NEW_SECRET,
          code: currentTotp(NEW_SECRET),
        },
      }),
    )
    expect(r.status).toBe(400)
    expect(r.data.error).toMatchObject({ currentCode: ['totp.reused'] })
    expect(await secretOf(id)).toBe(TEST_TOTP_SECRET)
  })
})

describe('the last accepted step (clock injected)', () => {
  const t0 = new Date('2026-12-06T08:00:10Z').getTime()
  const at = (seconds: number) => new Date(t0 + seconds * 1000)

  test('after a code is accepted, that step and every earlier one are refused; the next step is accepted', async () => {
    const db = testDb()
    const { id } = await createUser(db, { role: 'finance', totp: true })
    const key = getEnv().encryptionKey
    const codeAt = (seconds: number) => currentTotp(TEST_TOTP_SECRET, t0 + seconds * 1000)
    // At t0+30 s the code of t0+60 s is already valid (one step of drift) and is accepted…
    expect(await consumeTotp(db, { userId: id, code: codeAt(60), key, now: at(30) })).toMatchObject({ ok: true })
    // …so the code of t0+30 s, older but still inside the window, no longer is.
    expect(await consumeTotp(db, { userId: id, code: codeAt(30), key, now: at(30) })).toEqual({
      ok: false,
      reason: 'reused',
    })
    expect(await consumeTotp(db, { userId: id, code: codeAt(60), key, now: at(60) })).toEqual({
      ok: false,
      reason: 'reused',
    })
    expect(await consumeTotp(db, { userId: id, code: codeAt(90), key, now: at(90) })).toMatchObject({ ok: true })
    expect(await consumeTotp(db, { userId: id, code: '123456', key, now: at(120) })).toEqual({
      ok: false,
      reason: 'invalid',
    })
  })

  test('of two requests carrying one code at the same moment, exactly one gets through', async () => {
    const db = testDb()
    const { id } = await createUser(db, { role: 'admin', totp: true })
    const key = getEnv().encryptionKey
    const code = currentTotp(TEST_TOTP_SECRET, t0)
    const results = await Promise.all([1, 2, 3, 4].map(() => consumeTotp(db, { userId: id, code, key, now: at(0) })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
  })
})

describe('enrolment', () => {
  test('an admin without a factor enrols it; the enrolment code cannot then open a login', async () => {
    const db = testDb()
    const { id, email } = await createUser(db, { role: 'admin' })
    const cookie = await sessionCookieFor(db, id)
    const page = await call(factorLoader, makeRequest('/account/totp', { cookie }))
    expect(page.data).toMatchObject({ enabled: false, canRemove: false })
    const secret = page.data.secret as string
    const code = currentTotp(secret)
    const enrolled = await call(
      factorAction,
      makeRequest('/account/totp', { cookie, form: { intent: 'enable', secret, code } }),
    )
    expect(enrolled.status).toBe(302)
    expect(await secretOf(id)).toBe(secret)
    expect(await auditActions(id)).toContain('totp.enabled')
    const replay = await codeStep(await passwordStep(email), code)
    expect(replay.status).toBe(400)
    expect(replay.data.error).toEqual({ code: ['totp.reused'] })
  })
})

describe('changing or removing a second factor', () => {
  test('a signed-in admin cannot swap in a new secret with only a code from it (the old enrolment form)', async () => {
    const db = testDb()
    const { id } = await createUser(db, { role: 'admin', totp: true })
    const cookie = await sessionCookieFor(db, id)
    const forms: Record<string, string>[] = [
      { secret: NEW_SECRET, code: currentTotp(NEW_SECRET) },
      { intent: 'enable', secret: NEW_SECRET, code: currentTotp(NEW_SECRET) },
    ]
    for (const form of forms) {
      const r = await call(factorAction, makeRequest('/account/totp', { cookie, form }))
      expect(r.status).toBe(400)
    }
    expect(await secretOf(id)).toBe(TEST_TOTP_SECRET)
    expect(await auditActions(id)).not.toContain('totp.enabled')
  })

  test('replacing needs the current password and a current code; then it is audited, emailed, and other sessions end', async () => {
    const db = testDb()
    const { id, email } = await createUser(db, { role: 'admin', totp: true })
    const cookie = await sessionCookieFor(db, id)
    const elsewhere = await sessionCookieFor(db, id)
    const page = await call(factorLoader, makeRequest('/account/totp', { cookie }))
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ enabled: true })

    const replace = (form: Record<string, string>) =>
      call(
        factorAction,
        makeRequest('/account/totp', {
          cookie,
          form: { intent: 'replace', secret: NEW_SECRET, code: currentTotp(NEW_SECRET), ...form },
        }),
      )
    const wrongPassword = await replace({
      currentPassword: 'not my password at all',
      currentCode: currentTotp(TEST_TOTP_SECRET),
    })
    expect(wrongPassword.status).toBe(400)
    expect(wrongPassword.data.error).toMatchObject({ currentPassword: ['password.currentWrong'] })
    const wrongCode = await replace({ currentPassword: TEST_PASSWORD, currentCode: '000000' })
    expect(wrongCode.status).toBe(400)
    expect(wrongCode.data.error).toMatchObject({ currentCode: ['totp.invalid'] })
    const noNewCode = await replace({
      currentPassword: TEST_PASSWORD,
      currentCode: currentTotp(TEST_TOTP_SECRET),
      code: '000000',
    })
    expect(noNewCode.status).toBe(400)
    expect(noNewCode.data.error).toMatchObject({ code: ['totp.invalid'] })
    expect(await secretOf(id)).toBe(TEST_TOTP_SECRET)
    expect(await db.selectFrom('emails').select('id').execute()).toHaveLength(0)

    const done = await replace({ currentPassword: TEST_PASSWORD, currentCode: currentTotp(TEST_TOTP_SECRET) })
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/account')
    expect(await secretOf(id)).toBe(NEW_SECRET)
    expect(await auditActions(id)).toContain('totp.replaced')
    const mail = await db.selectFrom('emails').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow()
    expect(mail.subject).toMatch(/autentikator/i)
    // This session goes on; any other session of the account must log in again.
    expect((await call(accountLoader, makeRequest('/account', { cookie }))).status).toBe(200)
    expect((await call(accountLoader, makeRequest('/account', { cookie: elsewhere }))).status).toBe(302)
  })

  test('a buyer removes an optional factor with password and code; an admin may only replace', async () => {
    const db = testDb()
    const buyer = await createUser(db, { role: 'buyer', totp: true })
    const admin = await createUser(db, { role: 'admin', totp: true })
    const remove = async (userId: string, form: Record<string, string>) =>
      call(
        factorAction,
        makeRequest('/account/totp', {
          cookie: await sessionCookieFor(db, userId),
          form: { intent: 'remove', ...form },
        }),
      )

    const noPassword = await remove(buyer.id, { currentCode: currentTotp(TEST_TOTP_SECRET) })
    expect(noPassword.status).toBe(400)
    expect(await secretOf(buyer.id)).toBe(TEST_TOTP_SECRET)

    const refused = await remove(admin.id, {
      currentPassword: TEST_PASSWORD,
      currentCode: currentTotp(TEST_TOTP_SECRET),
    })
    expect(refused.status).toBe(400)
    expect(refused.data.error).toMatchObject({ '': ['totp.requiredForRole'] })
    expect(await secretOf(admin.id)).toBe(TEST_TOTP_SECRET)

    const removed = await remove(buyer.id, {
      currentPassword: TEST_PASSWORD,
      currentCode: currentTotp(TEST_TOTP_SECRET),
    })
    expect(removed.status).toBe(302)
    const row = await db
      .selectFrom('users')
      .select(['totp_secret_enc', 'totp_enabled_at'])
      .where('id', '=', buyer.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ totp_secret_enc: null, totp_enabled_at: null })
    expect(await auditActions(buyer.id)).toContain('totp.removed')
    expect(await db.selectFrom('emails').select('to_address').execute()).toEqual([{ to_address: buyer.email }])
  })
})
