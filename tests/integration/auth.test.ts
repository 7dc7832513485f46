import { sql } from 'kysely'
import { describe, expect, onTestFinished, test, vi } from 'vitest'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as totpAction } from '#app/routes/login_.totp.tsx'
import { action as logoutAction } from '#app/routes/logout.tsx'
import { loader as accountLoader } from '#app/routes/account._index.tsx'
import { action as signupAction } from '#app/routes/signup.tsx'
import { currentTotp } from '#app/domain/identity/totp.ts'
import { hashToken } from '#app/lib/ids.ts'
import { createUser, TEST_PASSWORD, TEST_TOTP_SECRET } from '#tests/factories.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const login = (form: Record<string, string>, o: { ip?: string; cookie?: string } = {}) =>
  call(loginAction, makeRequest('/login', { form, ...o }))

describe('login', () => {
  test('wrong password and unknown user get the same message', async () => {
    const db = testDb()
    const { email } = await createUser(db, { role: 'buyer' })
    const wrong = await login({ email, password: 'not the password at all' })
    const unknown = await login({ email: 'nobody-here@test.local', password: 'not the password at all' })
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    expect(wrong.data.error).toEqual({ '': ['login.failed'] })
    expect(unknown.data.error).toEqual(wrong.data.error)
    // Neither answer starts a session.
    expect(cookieFrom(wrong.headers)).toBeUndefined()
    expect(cookieFrom(unknown.headers)).toBeUndefined()
  })

  test('the 11th login attempt in a minute from one IP gets 429; another IP is unaffected', async () => {
    const db = testDb()
    // The limit counts per clock minute: pin the clock inside one, however slow the machine is.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-06T03:00:05Z'))
    onTestFinished(() => {
      vi.useRealTimers()
    })
    const { email } = await createUser(db, { role: 'buyer' })
    for (let i = 0; i < 10; i++) {
      const r = await login({ email, password: 'wrong password ' + i }, { ip: '198.51.100.1' })
      expect(r.status).toBe(400)
    }
    const eleventh = await login({ email, password: TEST_PASSWORD }, { ip: '198.51.100.1' })
    expect(eleventh.status).toBe(429)
    const seconds = eleventh.headers.get('Retry-After')
    expect(seconds).toMatch(/^\d+$/)
    // The answer is the form's own: the message above it, the email kept, the password not, no session.
    expect(eleventh.data.error).toEqual({ '': [`error.tooMany?seconds=${seconds}`] })
    expect(eleventh.data.initialValue).toMatchObject({ email })
    expect(eleventh.data.initialValue).not.toHaveProperty('password')
    expect(cookieFrom(eleventh.headers)).toBeUndefined()
    const other = await login({ email, password: TEST_PASSWORD }, { ip: '198.51.100.2' })
    expect(other.status).toBe(302)
  })

  test('a new session id is issued at login and the old one is dead; logout kills the session', async () => {
    const db = testDb()
    const { email, id } = await createUser(db, { role: 'buyer' })
    const first = await login({ email, password: TEST_PASSWORD })
    expect(first.status).toBe(302)
    const cookie1 = cookieFrom(first.headers)!
    expect(cookie1).toBeDefined()
    expect(first.headers.getSetCookie()[0]).toMatch(/HttpOnly/)
    expect(first.headers.getSetCookie()[0]).toMatch(/SameSite=Lax/)

    // Logging in again while holding cookie1 replaces it.
    const second = await login({ email, password: TEST_PASSWORD }, { cookie: cookie1 })
    const cookie2 = cookieFrom(second.headers)!
    expect(cookie2).not.toEqual(cookie1)
    const token1 = cookie1.split('=')[1]!
    expect(
      await db.selectFrom('sessions').select('id_hash').where('id_hash', '=', hashToken(token1)).executeTakeFirst(),
    ).toBeUndefined()
    expect((await call(accountLoader, makeRequest('/account', { cookie: cookie1 }))).status).toBe(302)
    expect((await call(accountLoader, makeRequest('/account', { cookie: cookie2 }))).status).toBe(200)

    const out = await call(logoutAction, makeRequest('/logout', { method: 'POST', cookie: cookie2 }))
    expect(out.status).toBe(302)
    expect(out.headers.get('Set-Cookie')).toMatch(/Max-Age=0/)
    expect((await call(accountLoader, makeRequest('/account', { cookie: cookie2 }))).status).toBe(302)
    const left = await db.selectFrom('sessions').select('id_hash').where('user_id', '=', id).execute()
    expect(left).toHaveLength(0)
  })

  test('session ids are stored hashed, never as issued', async () => {
    const db = testDb()
    const { email } = await createUser(db, { role: 'buyer' })
    const r = await login({ email, password: TEST_PASSWORD })
    const token = cookieFrom(r.headers)!.split('=')[1]!
    expect(token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url
    const rows = await db.selectFrom('sessions').select('id_hash').execute()
    expect(rows.map((x) => x.id_hash)).toContain(hashToken(token))
    expect(rows.map((x) => x.id_hash)).not.toContain(token)
  })

  test('an admin with TOTP must pass the second step before the session counts', async () => {
    const db = testDb()
    const { email } = await createUser(db, { role: 'admin', totp: true })
    const r = await login({ email, password: TEST_PASSWORD })
    expect(r.status).toBe(302)
    expect(r.headers.get('Location')).toMatch(/^\/login\/totp/)
    const pending = cookieFrom(r.headers)!
    // Password alone does not open protected pages.
    expect((await call(accountLoader, makeRequest('/account', { cookie: pending }))).status).toBe(302)
    const bad = await call(totpAction, makeRequest('/login/totp', { form: { code: '000000' }, cookie: pending }))
    expect(bad.status).toBe(400)
    const good = await call(
      totpAction,
      makeRequest('/login/totp', { form: { code: currentTotp(TEST_TOTP_SECRET) }, cookie: pending }),
    )
    expect(good.status).toBe(302)
    const full = cookieFrom(good.headers)!
    expect(full).not.toEqual(pending)
    expect((await call(accountLoader, makeRequest('/account', { cookie: full }))).status).toBe(200)
    const actions = await db.selectFrom('audit_log').select('action').execute()
    expect(actions.map((a) => a.action)).toContain('login.success')
  })

  test('an admin without TOTP is sent to set it up before anything else', async () => {
    const db = testDb()
    const { email } = await createUser(db, { role: 'admin' })
    const r = await login({ email, password: TEST_PASSWORD })
    expect(r.headers.get('Location')).toBe('/account/totp')
    const cookie = cookieFrom(r.headers)!
    const page = await call(accountLoader, makeRequest('/account', { cookie }))
    expect(page.status).toBe(302)
    expect(page.headers.get('Location')).toBe('/account/totp')
  })
})

describe('signup', () => {
  test('a partner signs up: pending organisation, owner grant, signed in', async () => {
    const db = testDb()
    const r = await call(
      signupAction,
      makeRequest('/signup', {
        form: {
          kind: 'partner',
          acceptTerms: 'on',
          name: 'Rina Kusuma',
          email: 'Rina@Example.org',
          password: 'tenun ikat dari kediri',
          orgName: 'Koperasi Tenun Maju',
          orgType: 'cooperative',
          phone: '0812-3456-7890',
        },
      }),
    )
    expect(r.status).toBe(302)
    expect(cookieFrom(r.headers)).toBeDefined()
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'rina@example.org')
      .executeTakeFirstOrThrow()
    const grant = await db
      .selectFrom('role_assignments')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    const partner = await db
      .selectFrom('partners')
      .selectAll()
      .where('id', '=', grant.partner_id!)
      .executeTakeFirstOrThrow()
    expect(grant).toMatchObject({ role: 'partner_member', partner_role: 'owner' })
    expect(partner).toMatchObject({
      status: 'pending',
      name: 'Koperasi Tenun Maju',
      org_type: 'cooperative',
      contact_phone: '081234567890',
    })
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  test('a partner may tick sectors and provinces at sign-up: stored as the profile stores them', async () => {
    const db = testDb()
    const form = {
      kind: 'partner',
      acceptTerms: 'on',
      name: 'Rina Kusuma',
      email: 'rina@example.org',
      password: 'tenun ikat dari kediri',
      orgName: 'Koperasi Tenun Maju',
      orgType: 'cooperative',
    }
    const r = await call(
      signupAction,
      makeRequest('/signup', { form: { ...form, sectorIds: ['tenun', 'printing'], provinceIds: ['35', '33', '35'] } }),
    )
    expect(r.status).toBe(302)
    const partner = await db
      .selectFrom('partners')
      .selectAll()
      .where('contact_email', '=', 'rina@example.org')
      .executeTakeFirstOrThrow()
    expect(partner.national).toBe(0)
    const provinces = await db
      .selectFrom('partner_provinces')
      .select('province_id')
      .where('partner_id', '=', partner.id)
      .orderBy('province_id')
      .execute()
    const sectors = await db
      .selectFrom('partner_sectors')
      .select('sector_id')
      .where('partner_id', '=', partner.id)
      .orderBy('sector_id')
      .execute()
    expect(provinces.map((p) => p.province_id)).toEqual(['33', '35'])
    expect(sectors.map((s) => s.sector_id)).toEqual(['printing', 'tenun'])

    // One ticked box (a single value) and "national": provinces are not listed for a national partner.
    const n = await call(
      signupAction,
      makeRequest('/signup', {
        form: {
          ...form,
          email: 'nasional@example.org',
          orgName: 'Yayasan Nasional',
          national: 'on',
          provinceIds: '35',
          sectorIds: 'food',
        },
        ip: '198.51.100.7',
      }),
    )
    expect(n.status).toBe(302)
    const national = await db
      .selectFrom('partners')
      .selectAll()
      .where('contact_email', '=', 'nasional@example.org')
      .executeTakeFirstOrThrow()
    expect(national.national).toBe(1)
    expect(
      await db.selectFrom('partner_provinces').select('province_id').where('partner_id', '=', national.id).execute(),
    ).toEqual([])
    expect(
      await db.selectFrom('partner_sectors').select('sector_id').where('partner_id', '=', national.id).execute(),
    ).toEqual([{ sector_id: 'food' }])
  })

  test('a sign-up with an unknown province or sector is refused next to the field and writes nothing', async () => {
    const db = testDb()
    const count = async () => {
      const [u, p] = await Promise.all([
        db
          .selectFrom('users')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('partners')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow(),
      ])
      return [u.n, p.n]
    }
    const before = await count()
    const form = {
      kind: 'partner',
      acceptTerms: 'on',
      name: 'Rina Kusuma',
      email: 'rina@example.org',
      password: 'tenun ikat dari kediri',
      orgName: 'Koperasi Tenun Maju',
      orgType: 'cooperative',
    }
    const badProvince = await call(
      signupAction,
      makeRequest('/signup', { form: { ...form, provinceIds: ['35', '99'], sectorIds: ['tenun'] } }),
    )
    expect(badProvince.status).toBe(400)
    expect(badProvince.data.error.provinceIds).toEqual(['field.invalid'])
    expect(JSON.stringify(badProvince.data)).not.toContain('tenun ikat dari kediri')
    const badSector = await call(
      signupAction,
      makeRequest('/signup', { form: { ...form, provinceIds: ['35'], sectorIds: ['tenun', 'spaceships'] } }),
    )
    expect(badSector.status).toBe(400)
    expect(badSector.data.error.sectorIds).toEqual(['field.invalid'])
    expect(await count()).toEqual(before)
    expect(
      await db.selectFrom('users').select('id').where('email', '=', 'rina@example.org').executeTakeFirst(),
    ).toBeUndefined()
  })

  test('bad input gets field messages and writes nothing', async () => {
    const db = testDb()
    const before = await db
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    const r = await call(
      signupAction,
      makeRequest('/signup', {
        form: {
          kind: 'partner',
          acceptTerms: 'on',
          name: 'R',
          email: 'not-an-email',
          password: 'password',
          orgName: '',
          orgType: 'spaceship',
        },
      }),
    )
    expect(r.status).toBe(400)
    expect(r.data.error.email).toEqual(['field.email'])
    expect(r.data.error.password).toEqual(['password.common'])
    expect(r.data.error.orgType).toBeDefined()
    const after = await db
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  test('a taken email is refused next to the field', async () => {
    const db = testDb()
    const { email } = await createUser(db, { role: 'buyer' })
    const r = await call(
      signupAction,
      makeRequest('/signup', {
        form: {
          kind: 'buyer',
          acceptTerms: 'on',
          name: 'Someone Else',
          email: email.toUpperCase(),
          password: 'another long phrase',
        },
      }),
    )
    expect(r.status).toBe(400)
    expect(r.data.error.email).toEqual(['signup.emailTaken'])
  })

  test('a filled honeypot is refused and nothing is written', async () => {
    const db = testDb()
    const r = await call(
      signupAction,
      makeRequest('/signup', {
        form: {
          kind: 'buyer',
          acceptTerms: 'on',
          name: 'Bot Bot',
          email: 'bot@spam.test',
          password: 'long enough phrase',
          website: 'http://spam',
        },
      }),
    )
    expect(r.status).toBe(400)
    expect(
      await db.selectFrom('users').select('id').where('email', '=', 'bot@spam.test').executeTakeFirst(),
    ).toBeUndefined()
  })
})
