import type { DB } from '#db/client.ts'
import type { User } from '#db/schema.ts'
import { hashToken, newToken } from '#app/lib/ids.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { type Grant, type Principal, isStaff } from './authorize.ts'

export const ABSOLUTE_SESSION_MINUTES = 12 * 60
export const STAFF_IDLE_MINUTES = 30
/** A password-verified session waiting for its TOTP code lives only briefly. */
export const MFA_PENDING_MINUTES = 10

export interface SessionContext {
  ip?: string | null
  userAgent?: string | null
}

export async function loadGrants(db: DB, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select(['role', 'kanwil_id', 'upt_id', 'partner_id', 'partner_role'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute()
  return rows.map((r) => ({
    role: r.role,
    kanwilId: r.kanwil_id,
    uptId: r.upt_id,
    partnerId: r.partner_id,
    partnerRole: r.partner_role,
  }))
}

/** Creates a session and returns its secret id (only its hash is stored). */
export async function createSession(
  db: DB,
  userId: string,
  opts: SessionContext & { mfaPending?: boolean; now?: Date } = {},
): Promise<string> {
  const token = newToken()
  const now = nowIso(opts.now)
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: addMinutes(now, opts.mfaPending ? MFA_PENDING_MINUTES : ABSOLUTE_SESSION_MINUTES),
      mfa_pending: opts.mfaPending ? 1 : 0,
      ip: opts.ip ?? null,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return token
}

export interface ActiveSession {
  user: User
  principal: Principal
  mfaPending: boolean
}

/**
 * Looks a session up, enforcing absolute and idle expiry; expired sessions are deleted.
 * One query for the session, its user and the user's live grants (read on every signed-in
 * request); `sessions.user_id` references `users`, so a session always has its user.
 */
export async function readSession(db: DB, token: string, now = new Date()): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null
  const idHash = hashToken(token)
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('role_assignments as r', (join) => join.onRef('r.user_id', '=', 'u.id').on('r.revoked_at', 'is', null))
    .selectAll('u')
    .select([
      's.last_seen_at as session_last_seen_at',
      's.expires_at as session_expires_at',
      's.mfa_pending as session_mfa_pending',
      'r.id as grant_id',
      'r.role as grant_role',
      'r.kanwil_id as grant_kanwil_id',
      'r.upt_id as grant_upt_id',
      'r.partner_id as grant_partner_id',
      'r.partner_role as grant_partner_role',
    ])
    .where('s.id_hash', '=', idHash)
    .execute()
  const first = rows[0]
  if (!first) return null
  const {
    session_last_seen_at: lastSeenAt,
    session_expires_at: expiresAt,
    session_mfa_pending: mfaPending,
    grant_id: _grantId,
    grant_role: _role,
    grant_kanwil_id: _kanwilId,
    grant_upt_id: _uptId,
    grant_partner_id: _partnerId,
    grant_partner_role: _partnerRole,
    ...user
  } = first
  const grants: Grant[] = rows.flatMap((r) =>
    r.grant_id === null || r.grant_role === null
      ? []
      : [
          {
            role: r.grant_role,
            kanwilId: r.grant_kanwil_id,
            uptId: r.grant_upt_id,
            partnerId: r.grant_partner_id,
            partnerRole: r.grant_partner_role,
          },
        ],
  )
  const nowStr = nowIso(now)
  const principal: Principal = { userId: user.id, grants }
  const idleExpired = isStaff(principal) && addMinutes(lastSeenAt, STAFF_IDLE_MINUTES) <= nowStr
  if (user.disabled_at || expiresAt <= nowStr || idleExpired) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
    return null
  }
  // Touch at most once a minute: idle expiry needs no finer grain, and reads stay reads.
  if (addMinutes(lastSeenAt, 1) <= nowStr) {
    await db.updateTable('sessions').set({ last_seen_at: nowStr }).where('id_hash', '=', idHash).execute()
  }
  return { user, principal, mfaPending: mfaPending === 1 }
}

export async function destroySession(db: DB, token: string): Promise<void> {
  if (!token) return
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute()
}

export async function destroyUserSessions(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** Ends every session of the user but the one making the change (after a password or factor change). */
export async function destroyOtherSessions(db: DB, userId: string, keepToken: string | undefined): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (keepToken) q = q.where('id_hash', '!=', hashToken(keepToken))
  await q.execute()
}
