import { LEGAL_VERSION } from '#app/domain/content/legal.ts'
import type { Principal } from './authorize.ts'

/**
 * Must this signed-in user accept the current terms and privacy policy before going on (ADR 033)?
 * Partners and buyers, who accept them at sign-up (or never did, when their account is older than
 * the consent record), are asked whenever the version they accepted is not the current one. Staff,
 * finance and admins work for the ministry under its own rules and are never asked.
 */
export function needsConsent(
  session: { user: { terms_version: string | null }; principal: Pick<Principal, 'grants'> },
  current: string = LEGAL_VERSION,
): boolean {
  if (session.user.terms_version === current) return false
  return session.principal.grants.some((g) => g.role === 'partner_member' || g.role === 'buyer')
}
