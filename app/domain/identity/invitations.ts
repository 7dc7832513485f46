import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { hashToken, newId, newToken } from '#app/lib/ids.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.ts'
import { type Principal, authorize } from './authorize.ts'
import { audit } from '#app/domain/audit/log.ts'
import { hashPassword, verifyPassword } from './passwords.server.ts'
import { destroyUserSessions } from './sessions.ts'
import { normalizeEmail, grant, insertUser } from './users.ts'

export const INVITATION_DAYS = 7

export type InvitableRole = 'upt_staff' | 'finance' | 'admin' | 'partner_member'

export interface InvitationInput {
  invitedBy: string
  email: string
  role: InvitableRole
  uptId?: string | null
  kanwilId?: string | null
  /** For role partner_member: the organisation the member joins (always as 'member'). */
  partnerId?: string | null
  /**
   * For staff and finance: the Kanwil the inviting admin is limited to (null: a national admin).
   * The UPT must be one of that Kanwil's; national finance needs a national admin.
   */
  adminKanwilId?: string | null
  ip?: string | null
}

/**
 * Who may invite UPT staff or finance, checked before anything is written: staff need a UPT of
 * the registry (400 next to the field otherwise); finance without a UPT is national finance, which
 * only a national admin may invite; any other needs an admin of the UPT's Kanwil. A refusal of the
 * last two is a ForbiddenError (403, audited by the route).
 */
export async function checkStaffInvitation(
  db: DB,
  principal: Principal,
  input: { role: 'upt_staff' | 'finance'; uptId?: string | null; adminKanwilId: string | null },
) {
  let uptKanwil: string | undefined
  if (input.uptId) {
    const upt = await db.selectFrom('upts').select('kanwil_id').where('id', '=', input.uptId).executeTakeFirst()
    if (!upt) throw new DomainError('field.invalid', 'uptId')
    uptKanwil = upt.kanwil_id
  } else if (input.role === 'upt_staff') {
    throw new DomainError('invite.uptRequired', 'uptId')
  } else if (input.adminKanwilId !== null) {
    throw new ForbiddenError('admin.national')
  }
  if (!authorize(principal, 'upt.administer', { kanwilId: uptKanwil }))
    throw new ForbiddenError('upt.administer', { uptId: input.uptId ?? undefined, kanwilId: uptKanwil })
}

/** Records an invitation and returns the secret token for the emailed link. */
export async function createInvitation(db: DB, input: InvitationInput): Promise<{ token: string; id: string }> {
  if (input.role === 'upt_staff' && !input.uptId) throw new DomainError('invite.uptRequired', 'uptId')
  if (input.role === 'partner_member' && !input.partnerId) throw new DomainError('field.required', 'partnerId')
  if (input.role === 'upt_staff' || input.role === 'finance') {
    if (input.adminKanwilId === undefined)
      throw new Error(
        'createInvitation: a staff or finance invitation needs the inviting admin’s Kanwil (null for national)',
      )
    if (input.uptId) {
      const upt = await db.selectFrom('upts').select('kanwil_id').where('id', '=', input.uptId).executeTakeFirst()
      if (!upt || (input.adminKanwilId !== null && upt.kanwil_id !== input.adminKanwilId))
        throw new NotFoundError('upt', 'uptId', 'field.invalid')
    } else if (input.adminKanwilId !== null) {
      throw new NotFoundError('upt', 'uptId', 'invite.uptRequired')
    }
  }
  const token = newToken()
  const now = nowIso()
  const id = newId()
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('invitations')
      .values({
        id,
        token_hash: hashToken(token),
        email: normalizeEmail(input.email),
        role: input.role,
        upt_id: input.uptId ?? null,
        kanwil_id: input.kanwilId ?? null,
        partner_id: input.role === 'partner_member' ? (input.partnerId ?? null) : null,
        partner_role: input.role === 'partner_member' ? 'member' : null,
        invited_by: input.invitedBy,
        created_at: now,
        expires_at: addMinutes(now, INVITATION_DAYS * 24 * 60),
        accepted_at: null,
      })
      .execute()
    await audit(trx, {
      actorUserId: input.invitedBy,
      action: 'invitation.created',
      targetType: input.partnerId ? 'partner' : input.uptId ? 'upt' : 'kanwil',
      targetId: input.partnerId ?? input.uptId ?? input.kanwilId ?? null,
      ip: input.ip,
      details: { email: normalizeEmail(input.email), role: input.role },
    })
  })
  return { token, id }
}

export async function findOpenInvitation(db: DB, token: string) {
  const inv = await db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!inv || inv.accepted_at || inv.expires_at <= nowIso()) return null
  const existing = await db.selectFrom('users').select(['id', 'name']).where('email', '=', inv.email).executeTakeFirst()
  return { invitation: inv, existingUser: existing ?? null }
}

/** An open invitation as its link page shows it: to whom, which role, where; null when the link is no good. */
export async function describeInvitation(db: DB, token: string) {
  const found = await findOpenInvitation(db, token)
  if (!found) return null
  const { invitation: inv, existingUser } = found
  const scope = inv.partner_id
    ? (await db.selectFrom('partners').select('name').where('id', '=', inv.partner_id).executeTakeFirst())?.name
    : inv.upt_id
      ? (await db.selectFrom('upts').select('name').where('id', '=', inv.upt_id).executeTakeFirst())?.name
      : inv.kanwil_id
        ? (await db.selectFrom('kanwils').select('name').where('id', '=', inv.kanwil_id).executeTakeFirst())?.name
        : null
  return { email: inv.email, role: inv.role, scope: scope ?? null, existing: !!existingUser }
}

/**
 * Accepts an invitation: a newcomer sets name and password; someone who already has an account
 * proves it with their password. Either way the role is granted once.
 */
export async function acceptInvitation(
  db: DB,
  input: { token: string; name?: string; password: string; ip?: string | null },
): Promise<{ userId: string }> {
  const found = await findOpenInvitation(db, input.token)
  if (!found) throw new DomainError('invite.invalidLink')
  const { invitation: inv, existingUser } = found
  let newUserHash: string | null = null
  if (existingUser) {
    const u = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', existingUser.id)
      .executeTakeFirstOrThrow()
    if (!(await verifyPassword(u.password_hash, input.password)))
      throw new DomainError('password.currentWrong', 'password')
  } else {
    if (!input.name?.trim()) throw new DomainError('field.required', 'name')
    newUserHash = await hashPassword(input.password)
  }
  return inTransaction(db, async (trx) => {
    const claimed = await trx
      .updateTable('invitations')
      .set({ accepted_at: nowIso() })
      .where('id', '=', inv.id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) throw new DomainError('invite.invalidLink')
    const userId =
      existingUser?.id ??
      (await insertUser(trx, { email: inv.email, name: input.name!, passwordHash: newUserHash! })).id
    await grant(
      trx,
      userId,
      inv.role,
      { uptId: inv.upt_id, kanwilId: inv.kanwil_id, partnerId: inv.partner_id, partnerRole: inv.partner_role },
      inv.invited_by,
    )
    await audit(trx, {
      actorUserId: userId,
      action: 'role.granted',
      targetType: 'user',
      targetId: userId,
      ip: input.ip,
      details: {
        role: inv.role,
        uptId: inv.upt_id,
        kanwilId: inv.kanwil_id,
        partnerId: inv.partner_id,
        invitedBy: inv.invited_by,
      },
    })
    return { userId }
  })
}

/**
 * Revokes a UPT staff or finance grant; audited as a permission change. `kanwilId` is the Kanwil
 * the revoking admin is limited to (null: national): grants at UPTs of other Kanwil, national
 * finance grants (for a Kanwil admin), other roles and revoked grants are not found.
 */
export async function revokeGrant(
  db: DB,
  input: { assignmentId: string; actorUserId: string; kanwilId: string | null; ip?: string | null },
) {
  await inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('role_assignments as r')
      .leftJoin('upts as u', 'u.id', 'r.upt_id')
      .selectAll('r')
      .where('r.id', '=', input.assignmentId)
      .where('r.role', 'in', ['upt_staff', 'finance'])
      .where('r.revoked_at', 'is', null)
    if (input.kanwilId !== null) q = q.where('u.kanwil_id', '=', input.kanwilId)
    const row = await q.executeTakeFirst()
    if (!row) throw new NotFoundError('grant')
    await trx.updateTable('role_assignments').set({ revoked_at: nowIso() }).where('id', '=', row.id).execute()
    await destroyUserSessions(trx, row.user_id)
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'role.revoked',
      targetType: 'user',
      targetId: row.user_id,
      ip: input.ip,
      details: { role: row.role, uptId: row.upt_id, kanwilId: row.kanwil_id },
    })
  })
}
