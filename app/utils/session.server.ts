import { redirect } from '@remix-run/node'
import { type Permission, type Scope, authorize, requiresTotp } from '#app/domain/identity/authorize.ts'
import { audit } from '#app/domain/identity/audit.ts'
import { type ActiveSession, ABSOLUTE_SESSION_MINUTES, createSession, destroySession, readSession } from '#app/domain/identity/sessions.ts'
import { readCookie, serializeCookie } from './cookies.server.ts'
import { getDb } from './db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { clientIp, userAgent } from './request.server.ts'

export function sessionCookieName(): string {
  return getEnv().mode === 'production' ? '__Host-ml_session' : 'ml_session'
}

export function getSessionToken(request: Request): string | undefined {
  return readCookie(request, sessionCookieName())
}

const cache = new WeakMap<Request, Promise<ActiveSession | null>>()

/** The signed-in session (any state), read once per request. */
export function getSession(request: Request): Promise<ActiveSession | null> {
  let found = cache.get(request)
  if (!found) {
    const token = getSessionToken(request)
    found = token ? readSession(getDb(), token) : Promise.resolve(null)
    cache.set(request, found)
  }
  return found
}

/** The fully signed-in user (second factor done), or null. */
export async function getUser(request: Request): Promise<ActiveSession | null> {
  const s = await getSession(request)
  return s && !s.mfaPending ? s : null
}

/** Starts a fresh session (new id every login) and returns its Set-Cookie header. */
export async function startSession(request: Request, userId: string, opts: { mfaPending?: boolean } = {}) {
  const db = getDb()
  const old = getSessionToken(request)
  if (old) await destroySession(db, old)
  const token = await createSession(db, userId, {
    mfaPending: opts.mfaPending,
    ip: clientIp(request),
    userAgent: userAgent(request),
  })
  return serializeCookie(sessionCookieName(), token, { maxAge: ABSOLUTE_SESSION_MINUTES * 60 })
}

export async function endSession(request: Request): Promise<string> {
  const token = getSessionToken(request)
  if (token) await destroySession(getDb(), token)
  return serializeCookie(sessionCookieName(), '', { maxAge: 0 })
}

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
  if (opts.permission && !authorize(session.principal, opts.permission, opts.scope)) {
    await denied(request, session.user.id, opts.permission, opts.scope)
  }
  return session
}

/** Records the refusal and throws a 403. */
export async function denied(request: Request, userId: string | null, permission: string, scope?: Scope): Promise<never> {
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
