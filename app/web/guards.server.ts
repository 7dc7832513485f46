import { redirect } from '@remix-run/node'
import { getAgreement } from '#app/domain/agreements/queries.ts'
import { type Side } from '#app/domain/agreements/lifecycle.ts'
import { type Permission, type Scope, authorize, requiresTotp } from '#app/domain/identity/authorize.ts'
import { audit } from '#app/domain/audit/log.ts'
import type { ActiveSession } from '#app/domain/identity/sessions.ts'
import { getPartnerById } from '#app/domain/partners/queries.ts'
import { needsConsent } from '#app/domain/identity/consent.ts'
import { getUpt } from '#app/domain/registry/upts.ts'
import { getDb } from './db.server.ts'
import { clientIp } from './request.server.ts'
import { getUser } from './session.server.ts'

/**
 * Every access guard of the portal: each protected loader and action starts with one of these.
 * They redirect anonymous users to /login, answer 403 (audited) to the signed-in user without the
 * permission and 404 to an unknown id. The rules themselves live in app/domain/identity/authorize.ts.
 */

function loginRedirect(request: Request) {
  const url = new URL(request.url)
  const to = `${url.pathname}${url.search}`
  return redirect(`/login?redirectTo=${encodeURIComponent(to)}`)
}

export interface RequireOptions {
  permission?: Permission
  scope?: Scope
}

/**
 * The guard every protected loader and action starts with. Not signed in: redirect to login.
 * Signed in without the permission for this scope: 403, and the denial is audited.
 * Admin and finance accounts without TOTP are sent to set it up first.
 */
export async function requireUser(request: Request, opts: RequireOptions = {}): Promise<ActiveSession> {
  const session = await getUser(request)
  if (!session) throw loginRedirect(request)
  const url = new URL(request.url)
  if (
    requiresTotp(session.principal) &&
    !session.user.totp_enabled_at &&
    !url.pathname.startsWith('/account/totp') &&
    url.pathname !== '/logout'
  ) {
    throw redirect('/account/totp')
  }
  // Terms or privacy policy changed since this partner or buyer accepted them: ask first (ADR 033).
  if (needsConsent(session) && url.pathname !== '/account/consent' && url.pathname !== '/logout') {
    const to = `${url.pathname}${url.search}`
    throw redirect(`/account/consent?redirectTo=${encodeURIComponent(to)}`)
  }
  if (opts.permission && !authorize(session.principal, opts.permission, opts.scope)) {
    await denied(request, session.user.id, opts.permission, opts.scope)
  }
  return session
}

/** Records the refusal and throws a 403. */
export async function denied(
  request: Request,
  userId: string | null,
  permission: string,
  scope?: Scope,
): Promise<never> {
  await audit(getDb(), {
    actorUserId: userId,
    action: 'access.denied',
    targetType: 'route',
    targetId: new URL(request.url).pathname,
    ip: clientIp(request),
    details: { permission, scope: scope ?? {} },
  })
  throw Response.json({ message: 'error.forbidden' }, { status: 403 })
}

// Refusals are thrown as Response objects, not `data()`: a page shows them in its ErrorBoundary
// either way, but a resource route (CSV, PDF, proof) would answer a thrown `data()` with
// "Unexpected Server Error" and log it as a server error (docs/decisions/011-http-contract.md).
export function notFound(): never {
  throw Response.json({ message: 'error.notFound' }, { status: 404 })
}

/** Any admin; returns the Kanwil they are limited to, or null for a national admin. */
export async function requireAdmin(request: Request): Promise<{ session: ActiveSession; kanwilId: string | null }> {
  const session = await requireUser(request, { permission: 'admin.access' })
  const admins = session.principal.grants.filter((g) => g.role === 'admin')
  const national = admins.some((g) => g.kanwilId === null)
  return { session, kanwilId: national ? null : (admins[0]?.kanwilId ?? null) }
}

/** Any finance user: the UPT they are limited to, or null for national finance. */
export async function requireFinance(request: Request): Promise<{ session: ActiveSession; uptId: string | null }> {
  const session = await requireUser(request)
  const grants = session.principal.grants.filter((g) => g.role === 'finance')
  if (!grants.length) await denied(request, session.user.id, 'upt.finance')
  const national = grants.some((g) => g.uptId === null)
  return { session, uptId: national ? null : grants[0]!.uptId }
}

/** Finance of this UPT or national finance; unknown ids 404, other UPTs 403 (audited). */
export async function requireUptFinance(request: Request, uptId: string | undefined) {
  const upt = await getUpt(getDb(), uptId ?? '')
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  const session = await requireUser(request, { permission: 'upt.finance', scope: { uptId: upt.id } })
  return { session, upt, national: authorize(session.principal, 'finance.national') }
}

/** Staff of this UPT (or an admin of its Kanwil / national): unknown id 404, other UPT 403 (audited). */
export async function requireUptManager(request: Request, uptId: string | undefined) {
  const upt = await getUpt(getDb(), uptId ?? '')
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  const session = await requireUser(request, {
    permission: 'upt.manage',
    scope: { uptId: upt.id, kanwilId: upt.kanwil_id },
  })
  return { session, upt }
}

/** The same guard under the name the marketplace pages use. */
export const requireUptStaff = requireUptManager

/**
 * The signed-in partner member and their organisation. Someone without a partner grant gets 403;
 * `permission` ('partner.manage' by default, 'partner.own' for owner-only pages) is checked
 * against that organisation.
 */
export async function requirePartner(request: Request, permission: Permission = 'partner.manage') {
  const session = await requireUser(request)
  const grant = session.principal.grants.find((g) => g.role === 'partner_member' && g.partnerId)
  await requireUser(request, { permission, scope: { partnerId: grant?.partnerId ?? '__none__' } })
  const partner = await getPartnerById(getDb(), grant!.partnerId!)
  if (!partner) notFound()
  return { session, partner, isOwner: grant!.partnerRole === 'owner' }
}

/** The partner organisation a signed-in member works for (first grant), if any. */
export function partnerIdOf(session: ActiveSession): string | null {
  return session.principal.grants.find((g) => g.role === 'partner_member')?.partnerId ?? null
}

export function uptIdOf(session: ActiveSession): string | null {
  return session.principal.grants.find((g) => g.role === 'upt_staff')?.uptId ?? null
}

/** Which side of a proposal or agreement this user acts for (partner first), or null. */
export function sideOf(
  session: ActiveSession,
  party: { partner_id: string; upt_id: string; kanwil_id: string },
): Side | null {
  if (authorize(session.principal, 'partner.manage', { partnerId: party.partner_id })) return 'partner'
  if (authorize(session.principal, 'upt.manage', { uptId: party.upt_id, kanwilId: party.kanwil_id })) return 'upt'
  return null
}

/**
 * The agreement named in the URL, for either party or an admin of its Kanwil: 404 when there is
 * no such agreement, 403 (audited) for anyone else. Also says which side the user acts for.
 */
export async function requireAgreement(request: Request, id: string | undefined) {
  const session = await requireUser(request)
  const a = await getAgreement(getDb(), id ?? '')
  if (!a) notFound()
  await requireUser(request, {
    permission: 'agreement.view',
    scope: { partnerId: a.partner_id, uptId: a.upt_id, kanwilId: a.kanwil_id },
  })
  return { session, a, side: sideOf(session, a) }
}
