import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { resetPassword, verifyLogin } from '#app/domain/identity/users.ts'
import { hashToken } from '#app/lib/ids.ts'
import { ROOT, TEST_ENGINE, TMP } from '#tests/setup/paths.ts'
import { startSmtpStub } from '#tests/smtp-stub.ts'

/**
 * `npm run admin:create -- --email …` run as an operator would: a separate process against a
 * fresh production database, with an SMTP server listening.
 */

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

// Asynchronous: the SMTP stub lives in this process and must answer while the command runs.
function adminCreate(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin:create', '--', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } as unknown as NodeJS.ProcessEnv,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
  })
}

// The script opens whatever DATABASE_URL names through the same createDb: checked once, on SQLite.
describe.runIf(TEST_ENGINE === 'sqlite')('npm run admin:create', () => {
  test('creates the first national admin with a one-time link (printed and emailed), audited; refuses a second', async () => {
    const file = path.join(TMP, `first-admin-${process.pid}.db`)
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
    const smtp = await startSmtpStub()
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: file,
      APP_URL: 'https://mitra.example.go.id',
      ENCRYPTION_KEY: 'b'.repeat(64),
      SMTP_URL: smtp.url,
    }
    try {
      const first = await adminCreate(
        ['--email', 'Direktur.Bimker@Kemenkumham.go.id', '--name', 'Direktur Bimker'],
        env,
      )
      expect(first.stderr).toBe('')
      expect(first.status).toBe(0)
      const link = /https:\/\/mitra\.example\.go\.id\/reset-password\/([A-Za-z0-9_-]+)/.exec(first.stdout)
      expect(link, first.stdout).not.toBeNull()
      const token = link![1]!
      expect(smtp.state.messages).toHaveLength(1)
      // (quoted-printable: soft line breaks are "=" at a line's end)
      const mail = smtp.state.messages[0]!.replace(/=\n/g, '')
      expect(mail).toContain(`https://mitra.example.go.id/reset-password/${token}`)
      expect(mail).toMatch(/^To: direktur\.bimker@kemenkumham\.go\.id$/im)

      const { db } = createDb(file)
      try {
        const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
        expect(user).toMatchObject({
          email: 'direktur.bimker@kemenkumham.go.id',
          name: 'Direktur Bimker',
          totp_enabled_at: null,
          disabled_at: null,
        })
        const grants = await db
          .selectFrom('role_assignments')
          .select(['role', 'kanwil_id', 'upt_id', 'partner_id', 'revoked_at'])
          .where('user_id', '=', user.id)
          .execute()
        expect(grants).toEqual([{ role: 'admin', kanwil_id: null, upt_id: null, partner_id: null, revoked_at: null }])
        const audited = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'admin.bootstrapped')
          .execute()
        expect(audited).toHaveLength(1)
        expect(audited[0]).toMatchObject({ actor_user_id: null, target_type: 'user', target_id: user.id })
        expect(JSON.parse(audited[0]!.details!)).toMatchObject({
          email: 'direktur.bimker@kemenkumham.go.id',
          via: 'cli',
        })
        const reset = await db
          .selectFrom('password_resets')
          .selectAll()
          .where('user_id', '=', user.id)
          .executeTakeFirstOrThrow()
        expect(reset.token_hash).toBe(hashToken(token))
        // No password works until the link is used…
        for (const guess of ['', 'Direktur Bimker', token])
          expect((await verifyLogin(db, { email: user.email, password: guess })).ok).toBe(false)
        // …which sets it once; the first login then has to enrol TOTP before anything else.
        await resetPassword(db, { token, password: 'pemasyarakatan mandiri 2027' })
        const login = await verifyLogin(db, { email: user.email, password: 'pemasyarakatan mandiri 2027' })
        expect(login).toMatchObject({ ok: true, needsTotp: false, mustEnrolTotp: true })
        await expect(resetPassword(db, { token, password: 'another passphrase here' })).rejects.toThrow()

        const second = await adminCreate(['--email', 'someone.else@kemenkumham.go.id'], env)
        expect(second.status).not.toBe(0)
        expect(second.stdout).toBe('')
        expect(second.stderr.trim().split('\n')).toEqual([
          'admin:create refused: an admin already exists (direktur.bimker@kemenkumham.go.id); further admins are invited from /admin/users',
        ])
        expect(await db.selectFrom('users').select('email').execute()).toEqual([
          { email: 'direktur.bimker@kemenkumham.go.id' },
        ])
        expect(smtp.state.messages).toHaveLength(1)
      } finally {
        await db.destroy()
      }
    } finally {
      await smtp.close()
    }
  })

  test('without --email, or with a bad one, it explains its usage and changes nothing', async () => {
    const file = path.join(TMP, `first-admin-usage-${process.pid}.db`)
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
    const env = { DATABASE_URL: file }
    for (const args of [[], ['--email', 'not-an-email'], ['--emial', 'a@b.go.id']]) {
      const r = await adminCreate(args, env)
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^Usage: npm run admin:create -- --email <address> \[--name "<full name>"\]/m)
    }
    expect(fs.existsSync(file)).toBe(false)
  })
})
