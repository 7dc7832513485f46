import { describe, expect, test } from 'vitest'
import { createSession, readSession } from '#app/domain/identity/sessions.ts'
import { RETRY_MINUTES, deliverDueEmails, deliverEmail, queueEmail, sendEmail } from '#app/integrations/email.server.ts'
import { serializeCookie } from '#app/web/cookies.server.ts'
import { resetEnvCache } from '#app/lib/env.server.ts'
import { sessionCookieName } from '#app/web/session.server.ts'
import { createUser, twoUpts } from '#tests/factories.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { startSmtpStub } from '#tests/smtp-stub.ts'

const minutes = (n: number) => n * 60_000

describe('session expiry', () => {
  test('staff sessions idle out after 30 minutes; activity keeps them alive', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const t0 = new Date('2026-11-28T01:00:00Z')
    const token = await createSession(db, staff.id, { now: t0 })
    expect(await readSession(db, token, new Date(t0.getTime() + minutes(20)))).not.toBeNull()
    // Activity at +20 min moved the idle clock: +45 min is only 25 idle minutes later.
    expect(await readSession(db, token, new Date(t0.getTime() + minutes(45)))).not.toBeNull()
    expect(await readSession(db, token, new Date(t0.getTime() + minutes(76)))).toBeNull()
    // An expired session is gone for good.
    expect(await db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(0)
  })

  test('buyer sessions survive idleness but not the 12-hour absolute limit', async () => {
    const db = testDb()
    const buyer = await createUser(db, { role: 'buyer' })
    const t0 = new Date('2026-11-28T01:00:00Z')
    const token = await createSession(db, buyer.id, { now: t0 })
    expect(await readSession(db, token, new Date(t0.getTime() + minutes(11 * 60)))).not.toBeNull()
    expect(await readSession(db, token, new Date(t0.getTime() + minutes(12 * 60 + 1)))).toBeNull()
  })

  test('a disabled user loses their session', async () => {
    const db = testDb()
    const buyer = await createUser(db, { role: 'buyer' })
    const token = await createSession(db, buyer.id)
    await db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', buyer.id).execute()
    expect(await readSession(db, token)).toBeNull()
  })
})

describe('reading a session (one query for session, user and grants)', () => {
  test('brings the user as stored and every live grant, without revoked ones', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id, name: 'Sri Wahyuni' })
    await db
      .insertInto('role_assignments')
      .values([
        {
          id: newId(),
          user_id: staff.id,
          role: 'finance',
          kanwil_id: null,
          upt_id: a.id,
          partner_id: null,
          partner_role: null,
          created_at: nowIso(),
          created_by: null,
          revoked_at: null,
        },
        {
          id: newId(),
          user_id: staff.id,
          role: 'upt_staff',
          kanwil_id: null,
          upt_id: b.id,
          partner_id: null,
          partner_role: null,
          created_at: nowIso(),
          created_by: null,
          revoked_at: nowIso(),
        },
      ])
      .execute()
    const token = await createSession(db, staff.id)
    const session = await readSession(db, token)
    const stored = await db.selectFrom('users').selectAll().where('id', '=', staff.id).executeTakeFirstOrThrow()
    expect(session?.user).toEqual(stored)
    expect(session?.mfaPending).toBe(false)
    expect(session?.principal.userId).toBe(staff.id)
    expect(session?.principal.grants).toHaveLength(2)
    expect(session?.principal.grants).toEqual(
      expect.arrayContaining([
        { role: 'upt_staff', kanwilId: null, uptId: a.id, partnerId: null, partnerRole: null },
        { role: 'finance', kanwilId: null, uptId: a.id, partnerId: null, partnerRole: null },
      ]),
    )
  })

  test('a user without any grant is signed in with none; an unknown token is nobody', async () => {
    const db = testDb()
    const user = await createUser(db)
    const session = await readSession(db, await createSession(db, user.id, { mfaPending: true }))
    expect(session?.principal.grants).toEqual([])
    expect(session?.mfaPending).toBe(true)
    expect(await readSession(db, 'no-such-token')).toBeNull()
  })
})

describe('cookies in production', () => {
  test('the session cookie takes the __Host- prefix and Secure flag', () => {
    const saved = { ...process.env }
    try {
      Object.assign(process.env, {
        MITRA_MODE: 'production',
        APP_URL: 'https://mitra.example.go.id',
        ENCRYPTION_KEY: 'b'.repeat(64),
        SMTP_URL: 'smtp://127.0.0.1:1',
        MOCKS: '',
      })
      resetEnvCache()
      expect(sessionCookieName()).toBe('__Host-ml_session')
      const c = serializeCookie(sessionCookieName(), 'x', { maxAge: 10 })
      expect(c).toMatch(/^__Host-ml_session=x; Path=\/; SameSite=Lax; HttpOnly; Max-Age=10; Secure$/)
    } finally {
      process.env = saved
      resetEnvCache()
    }
  })
})

describe('email', () => {
  test('without SMTP the message waits in the outbox', async () => {
    const db = testDb()
    const id = await sendEmail(db, { to: 'a@test.local', subject: 'Halo', text: 'Isi' })
    const row = await db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ to_address: 'a@test.local', subject: 'Halo', sent_at: null, error: null })
  })

  test('an SMTP failure is recorded on the message, never lost and never thrown at the user', async () => {
    const db = testDb()
    const saved = process.env.SMTP_URL
    process.env.SMTP_URL = 'smtp://127.0.0.1:9' // nothing listens on the discard port
    resetEnvCache()
    try {
      const id = await sendEmail(db, { to: 'b@test.local', subject: 'Uji', text: 'Isi' })
      const row = await db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.sent_at).toBeNull()
      expect(row.error).toMatch(/ECONNREFUSED|connect/i)
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL
      else process.env.SMTP_URL = saved
      resetEnvCache()
    }
  })

  test('a refused message is retried later by the job, sent once, and two deliverers never send it twice', async () => {
    const db = testDb()
    const smtp = await startSmtpStub()
    const saved = process.env.SMTP_URL
    process.env.SMTP_URL = smtp.url
    resetEnvCache()
    try {
      smtp.state.refuse = true
      const t0 = new Date()
      const id = await sendEmail(db, { to: 'c@test.local', subject: 'Pesanan', text: 'Isi' })
      let row = await db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ sent_at: null, attempts: 1, claimed_until: null })
      expect(row.error).toMatch(/451/)
      expect(Date.parse(row.next_attempt_at!) - t0.getTime()).toBeGreaterThanOrEqual(RETRY_MINUTES[0]! * 60_000 - 1000)
      smtp.state.refuse = false
      // not due yet: nothing is tried
      expect(await deliverDueEmails(db, t0)).toEqual({ sent: 0, failed: 0 })
      const later = new Date(t0.getTime() + 2 * 60_000)
      expect(await deliverDueEmails(db, later)).toEqual({ sent: 1, failed: 0 })
      row = await db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.sent_at).not.toBeNull()
      expect(row.error).toBeNull()
      expect(await deliverDueEmails(db, later)).toEqual({ sent: 0, failed: 0 })
      expect(smtp.state.messages).toHaveLength(1)
      expect(smtp.state.messages[0]).toContain('Subject: Pesanan')

      // two processes pick up the same queued message: one sends, the other finds it taken
      const queued = await queueEmail(db, { to: 'd@test.local', subject: 'Sekali', text: 'Isi' })
      const outcomes = await Promise.all([deliverEmail(db, queued), deliverEmail(db, queued)])
      expect(outcomes.sort()).toEqual(['sent', 'taken'])
      expect(smtp.state.messages.filter((m) => m.includes('Subject: Sekali'))).toHaveLength(1)
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL
      else process.env.SMTP_URL = saved
      resetEnvCache()
      await smtp.close()
    }
  })
})
