import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '#db/seed/demo.ts'
import { currentTotp } from '#app/domain/identity/totp.ts'
import { unusedTotpCode } from '#tests/support/totp.ts'
import { baseURL, changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

/**
 * Authentication over real HTTP: where the browser is sent after login and after switching
 * language (the Location header on the wire), and what a rate-limited client is told.
 */

const origin = () => new URL(baseURL()).origin

/** What a browser does with a Location header: resolve it (tabs and newlines dropped, `\` as `/`). */
function resolvedOrigin(location: string | null): string {
  expect(location).not.toBeNull()
  return new URL(location!, baseURL()).origin
}

// Every test here logs in from one address, so each starts with the rate limits cleared and
// leaves none behind for the next file.
const clearRateLimits = () => serverDb().deleteFrom('rate_limits').execute()
beforeEach(clearRateLimits)
afterAll(clearRateLimits)

const HOSTILE_TARGETS = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '//evil.example',
  '/.//evil.example',
  '/a/..//evil.example',
  'https://evil.example/',
  '/%09/evil.example',
  '/x\r\nSet-Cookie: pwned=1',
]

describe('redirect targets taken from the request stay on this origin', () => {
  test('login: /login?redirectTo=%2F%09%2Fevil.example and friends land on a local path', async () => {
    for (const target of HOSTILE_TARGETS) {
      await clearRateLimits()
      const r = await send(`/login?redirectTo=${encodeURIComponent(target)}`, {
        form: { email: 'pembeli@mitralipas.demo', password: DEMO_PASSWORD, redirectTo: target },
      })
      expect(r.status, JSON.stringify(target)).toBe(302)
      const location = r.headers.get('Location')
      expect(resolvedOrigin(location), JSON.stringify(target)).toBe(origin())
      expect(location, JSON.stringify(target)).toMatch(/^\/(?![/\\])/)
      expect(r.headers.getSetCookie().join('\n')).not.toContain('pwned')
    }
  })

  test('login: a local target is kept, query and all', async () => {
    const r = await send('/login', {
      form: { email: 'pembeli@mitralipas.demo', password: DEMO_PASSWORD, redirectTo: '/products?q=batik#hasil' },
    })
    expect(r.status).toBe(302)
    expect(r.headers.get('Location')).toBe('/products?q=batik#hasil')
  })

  test('login with TOTP: the hostile target survives neither the password step nor the code step', async () => {
    const target = '/\t/evil.example'
    const first = await send('/login', {
      form: { email: 'admin@mitralipas.demo', password: DEMO_PASSWORD, redirectTo: target },
    })
    expect(first.status).toBe(302)
    const pending = first.headers.getSetCookie()[0]!.split(';')[0]!
    const totpPage = first.headers.get('Location')!
    expect(totpPage).toMatch(/^\/login\/totp\?redirectTo=/)
    const passedOn = new URL(totpPage, baseURL()).searchParams.get('redirectTo')!
    expect(resolvedOrigin(passedOn)).toBe(origin())
    // A client may post anything as the code step's redirectTo, whatever the first step said.
    const code = await unusedTotpCode(serverDb(), 'admin@mitralipas.demo', DEMO_TOTP_SECRET)
    const second = await send(totpPage, { cookie: pending, form: { code, redirectTo: target } })
    expect(second.status).toBe(302)
    const location = second.headers.get('Location')
    expect(resolvedOrigin(location)).toBe(origin())
    expect(location).toMatch(/^\/(?![/\\])/)
  })

  test('set-language: hostile targets go to a local path; CR/LF never answers 500', async () => {
    for (const target of HOSTILE_TARGETS) {
      const r = await send('/set-language', { form: { lang: 'en', redirectTo: target } })
      expect(r.status, JSON.stringify(target)).toBe(302)
      const location = r.headers.get('Location')
      expect(resolvedOrigin(location), JSON.stringify(target)).toBe(origin())
      expect(location, JSON.stringify(target)).toMatch(/^\/(?![/\\])/)
    }
    const local = await send('/set-language', { form: { lang: 'en', redirectTo: '/products?q=tenun' } })
    expect(local.headers.get('Location')).toBe('/products?q=tenun')
  })
})

describe('the second factor of a signed-in admin', () => {
  // Kanwil admin of the demo; the "new" secret is the demo secret again, so other tests can
  // still log this account in.
  const email = 'kanwil.jateng@mitralipas.demo'

  test('without JavaScript: a code of a new secret alone changes nothing; password and current code replace it', async () => {
    const cookie = await sessionFor(email)
    const page = await send('/account/totp', { cookie })
    expect(page.status).toBe(200)
    expect(page.text).toContain('Ganti aplikasi autentikator')
    expect(page.text).not.toContain('Matikan verifikasi dua langkah')

    const before = await fingerprint()
    const attacker = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF'
    const swap = await send('/account/totp', { cookie, form: { secret: attacker, code: currentTotp(attacker) } })
    expect(swap.status).toBe(400)
    const enable = await send('/account/totp', {
      cookie,
      form: { intent: 'enable', secret: attacker, code: currentTotp(attacker) },
    })
    expect(enable.status).toBe(400)
    expect(changedTables(before, await fingerprint())).toEqual([])

    const code = await unusedTotpCode(serverDb(), email, DEMO_TOTP_SECRET)
    const replaced = await send('/account/totp', {
      cookie,
      form: {
        intent: 'replace',
        currentPassword: DEMO_PASSWORD,
        currentCode: code,
        secret: DEMO_TOTP_SECRET,
        code: currentTotp(DEMO_TOTP_SECRET),
      },
    })
    expect(replaced.status).toBe(302)
    expect(replaced.headers.get('Location')).toBe('/account')
    const audited = await serverDb()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'totp.replaced')
      .execute()
    expect(audited).toHaveLength(1)
  })
})

describe('rate limits', () => {
  // Every form that enforces a per-IP limit (10 a minute), posted as a document (no JavaScript)
  // and as single fetch's `.data` request (with JavaScript). The body need not be valid: the
  // limit is counted before anything else.
  const LIMITED = [
    '/login',
    '/login/totp',
    '/signup',
    '/forgot-password',
    '/reset-password/no-such-token',
    '/invite/no-such-token',
  ]
  const CASES = LIMITED.flatMap((path) => [path, `${path}.data`])

  /** The second step's guesses come from someone whose password was right (a pending sign-in). */
  async function pendingSignIn(path: string) {
    if (!path.startsWith('/login/totp')) return undefined
    const r = await send('/login', { form: { email: 'admin@mitralipas.demo', password: DEMO_PASSWORD } })
    expect(r.headers.get('Location')).toMatch(/^\/login\/totp/)
    return r.headers.getSetCookie()[0]!.split(';')[0]!
  }

  test.each(CASES)('the 11th POST to %s in a minute answers 429 with Retry-After in seconds', async (path) => {
    const cookie = await pendingSignIn(path)
    for (let i = 0; i < 10; i++) {
      const r = await send(path, { cookie, form: { email: 'x' } })
      expect(r.status).not.toBe(429)
    }
    const limited = await send(path, { cookie, form: { email: 'x' } })
    expect(limited.status).toBe(429)
    const retryAfter = limited.headers.get('Retry-After')
    expect(retryAfter).toMatch(/^\d+$/)
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
  })

  // A person told to wait keeps the form, what they typed and the message above it.
  test.each(['/login', '/signup', '/forgot-password'])(
    'the 11th POST to %s without JavaScript answers the form itself with the message',
    async (path) => {
      for (let i = 0; i < 10; i++) await send(path, { form: { email: 'wait@example.test' } })
      const limited = await send(path, { form: { email: 'wait@example.test' } })
      expect(limited.status).toBe(429)
      const html = limited.text
      expect(html).toMatch(/Terlalu banyak percobaan\. Coba lagi dalam \d+ detik\./)
      expect(html).toMatch(/<form method="post"/)
      expect(html).toContain('value="wait@example.test"')
    },
  )
})
