import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { passwordSchema } from '#app/domain/identity/password-policy.ts'
import { hashPassword, needsRehash, verifyPassword } from '#app/domain/identity/passwords.server.ts'
import { open, seal } from '#app/domain/identity/secret-box.ts'
import { currentTotp, newTotpSecret, verifyTotp } from '#app/domain/identity/totp.ts'
import { MESSAGES } from '#app/i18n/index.ts'
import { safeRedirect } from '#app/web/request.server.ts'
import { MAX_BODY_BYTES, bodyRefusal, isCrossSiteRequest } from '../../server/security.ts'
import { ROOT } from '#tests/setup/paths.ts'

describe('password policy', () => {
  test('length 8..128, common passwords refused, no composition rules', () => {
    expect(passwordSchema.safeParse('short').success).toBe(false)
    expect(passwordSchema.safeParse('password').success).toBe(false)
    expect(passwordSchema.safeParse('Indonesia123').success).toBe(false)
    expect(passwordSchema.safeParse('kopi tubruk pagi hari').success).toBe(true)
    expect(passwordSchema.safeParse('a'.repeat(64)).success).toBe(true)
    expect(passwordSchema.safeParse('a'.repeat(129)).success).toBe(false)
  })
  test('argon2id with the agreed parameters; old parameters need a rehash', async () => {
    const h = await hashPassword('kopi tubruk pagi hari')
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(h, 'kopi tubruk pagi hari')).toBe(true)
    expect(await verifyPassword(h, 'kopi tubruk sore hari')).toBe(false)
    expect(await verifyPassword('garbage', 'x')).toBe(false)
    expect(needsRehash(h)).toBe(false)
    expect(needsRehash(h.replace('m=19456', 'm=4096'))).toBe(true)
  })
})

describe('TOTP and secrets at rest', () => {
  test('codes verify within one step of drift and not beyond', () => {
    const secret = newTotpSecret()
    const now = Date.UTC(2026, 10, 28, 2, 0, 0)
    expect(verifyTotp(secret, currentTotp(secret, now), now)).toBe(true)
    expect(verifyTotp(secret, currentTotp(secret, now - 30_000), now)).toBe(true)
    expect(verifyTotp(secret, currentTotp(secret, now - 120_000), now)).toBe(false)
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false)
  })
  test('sealed secrets open only with the right key and are not stored in clear', () => {
    const key = Buffer.alloc(32, 1)
    const sealed = seal('JBSWY3DPEHPK3PXP', key)
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP')
    expect(open(sealed, key)).toBe('JBSWY3DPEHPK3PXP')
    expect(() => open(sealed, Buffer.alloc(32, 2))).toThrow()
  })
})

describe('request guards', () => {
  test('cross-site state changes are refused; same-site and webhooks pass', () => {
    const req = (method: string, headers: Record<string, string>, p = '/login') => ({
      method,
      path: p,
      headers: { host: 'localhost:3000', ...headers },
    })
    expect(isCrossSiteRequest(req('POST', { 'sec-fetch-site': 'cross-site' }))).toBe(true)
    expect(isCrossSiteRequest(req('POST', { 'sec-fetch-site': 'same-origin' }))).toBe(false)
    expect(isCrossSiteRequest(req('GET', { 'sec-fetch-site': 'cross-site' }))).toBe(false)
    expect(isCrossSiteRequest(req('POST', { origin: 'https://evil.example' }))).toBe(true)
    expect(isCrossSiteRequest(req('POST', { origin: 'http://localhost:3000' }))).toBe(false)
    expect(isCrossSiteRequest(req('POST', { 'sec-fetch-site': 'cross-site' }, '/webhooks/stripe'))).toBe(false)
  })
  test('request bodies are bounded: too large by Content-Length 413, streamed without a length 411', () => {
    const req = (method: string, headers: Record<string, string>) => ({ method, headers })
    expect(bodyRefusal(req('POST', { 'content-length': String(MAX_BODY_BYTES) }))).toBeNull()
    expect(bodyRefusal(req('POST', { 'content-length': String(MAX_BODY_BYTES + 1) }))?.status).toBe(413)
    expect(bodyRefusal(req('POST', { 'transfer-encoding': 'chunked' }))?.status).toBe(411)
    expect(bodyRefusal(req('POST', { 'content-length': 'lots' }))?.status).toBe(411)
    expect(bodyRefusal(req('POST', {}))).toBeNull()
    expect(bodyRefusal(req('GET', { 'transfer-encoding': 'chunked' }))).toBeNull()
  })
  test('redirects stay on this site', () => {
    expect(safeRedirect('/account')).toBe('/account')
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect(null, '/x')).toBe('/x')
  })
})

describe('i18n', () => {
  test('English has exactly the Indonesian keys', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.id).sort())
  })
  test('every literal key the app translates exists', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (/\.(ts|tsx)$/.test(e.name)) files.push(p)
      }
    }
    walk(path.join(ROOT, 'app'))
    const missing = new Set<string>()
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g))
        if (!(m[1]! in MESSAGES.id)) missing.add(`${m[1]} (${path.relative(ROOT, f)})`)
      for (const m of text.matchAll(/(?:error: |flashCookie\(|DomainError\(|: \[)'([a-z]+\.[a-zA-Z0-9_.]+)'/g))
        if (!(m[1]! in MESSAGES.id)) missing.add(`${m[1]} (${path.relative(ROOT, f)})`)
      // Keys chosen by a ternary inside a flash message: flashCookie(x ? 'a.b' : 'c.d')
      for (const line of text.split('\n').filter((l) => l.includes('flashCookie('))) {
        for (const m of line.matchAll(/(?:\? | : )'([a-z]+\.[a-zA-Z0-9_.]+)'/g))
          if (!(m[1]! in MESSAGES.id)) missing.add(`${m[1]} (${path.relative(ROOT, f)})`)
      }
    }
    expect([...missing]).toEqual([])
  })
})
