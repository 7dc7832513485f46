import { describe, expect, test } from 'vitest'
import { LEGAL_VERSION } from '#app/domain/content/legal.ts'
import { needsConsent } from '#app/domain/identity/consent.ts'
import { EMAIL_LINK_HOURS, linkState, RESEND_PER_DAY, resendWait } from '#app/domain/identity/email-rules.ts'
import { missingDocuments, requiredDocuments } from '#app/domain/partners/legal-rules.ts'

const now = new Date('2026-12-07T10:00:00.000Z')
const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()
const link = (o: Partial<{ email: string; expires_at: string; used_at: string | null }> = {}) => ({
  email: 'a@mitra.test',
  expires_at: new Date(now.getTime() + 3600_000).toISOString(),
  used_at: null,
  ...o,
})

describe('the e-mail confirmation link (ADR 033)', () => {
  test('valid once, for the address it was sent to, until it expires', () => {
    expect(linkState(link(), 'a@mitra.test', now)).toBe('valid')
    expect(linkState(link({ used_at: iso(1000) }), 'a@mitra.test', now)).toBe('used')
    expect(linkState(link({ expires_at: now.toISOString() }), 'a@mitra.test', now)).toBe('expired')
    expect(linkState(link(), 'b@mitra.test', now)).toBe('unknown')
    expect(linkState(undefined, 'a@mitra.test', now)).toBe('unknown')
    // Spent beats expired: the person is told the link was used, not that it is old.
    expect(linkState(link({ used_at: iso(1), expires_at: iso(0) }), 'a@mitra.test', now)).toBe('used')
    expect(EMAIL_LINK_HOURS).toBe(48)
  })

  test('a new link once a minute, at most five a day', () => {
    expect(resendWait([], now)).toBeNull()
    expect(resendWait([iso(30_000)], now)).toBe(30)
    expect(resendWait([iso(60_000)], now)).toBeNull()
    const five = Array.from({ length: RESEND_PER_DAY }, (_, i) => iso((i + 1) * 3600_000))
    // The oldest of the five was 5 h ago: the next one may go 19 h from now.
    expect(resendWait(five, now)).toBe(19 * 3600)
    expect(resendWait(five.slice(1), now)).toBeNull()
    expect(resendWait([iso(25 * 3600_000), ...five.slice(1)], now)).toBeNull()
  })
})

describe('consent to the terms and privacy policy (ADR 033)', () => {
  const grants = (role: string) => [
    { role, kanwilId: null, uptId: null, partnerId: role === 'partner_member' ? 'p' : null, partnerRole: null },
  ]
  const session = (role: string, version: string | null) =>
    ({ user: { terms_version: version }, principal: { grants: grants(role) } }) as Parameters<typeof needsConsent>[0]

  test('partners and buyers accept again when the version is bumped; staff are never asked', () => {
    expect(needsConsent(session('partner_member', LEGAL_VERSION))).toBe(false)
    expect(needsConsent(session('partner_member', LEGAL_VERSION), '2099-01-01')).toBe(true)
    expect(needsConsent(session('buyer', LEGAL_VERSION), '2099-01-01')).toBe(true)
    expect(needsConsent(session('buyer', null))).toBe(true)
    expect(needsConsent(session('upt_staff', null), '2099-01-01')).toBe(false)
    expect(needsConsent(session('admin', '2020-01-01'))).toBe(false)
  })
})

describe('legal documents required before verification (ADR 033)', () => {
  test('NPWP for everyone, the deed for organisations, NIB for business actors', () => {
    expect(requiredDocuments('individual')).toEqual(['npwp'])
    expect(requiredDocuments('ngo')).toEqual(['akta', 'npwp'])
    expect(requiredDocuments('university')).toEqual(['akta', 'npwp'])
    expect(requiredDocuments('company')).toEqual(['akta', 'nib', 'npwp'])
    expect(requiredDocuments('cooperative')).toEqual(['akta', 'nib', 'npwp'])
    expect(missingDocuments('company', ['npwp', 'other'])).toEqual(['akta', 'nib'])
    expect(missingDocuments('individual', ['npwp'])).toEqual([])
  })
})
