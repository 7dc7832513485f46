import {
  type ActiveSession,
  ABSOLUTE_SESSION_MINUTES,
  createSession,
  destroySession,
  readSession,
} from '#app/domain/identity/sessions.ts'
import { readCookie, serializeCookie } from './cookies.server.ts'
import { getDb } from './db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { noteUser } from '#app/lib/log.server.ts'
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
    found = token ? readSession(getDb(), token).then(noteSignedIn) : Promise.resolve(null)
    cache.set(request, found)
  }
  return found
}

/** The request's log lines name the user from here on (the session is read once per request anyway). */
function noteSignedIn(session: ActiveSession | null) {
  if (session) noteUser(session.user.id)
  return session
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
  noteUser(userId)
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
