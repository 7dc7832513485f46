import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { destroyUserSessions } from '#app/domain/identity/sessions.ts'
import { nowIso } from '#app/lib/time.ts'

/**
 * An owner removes a member (or another owner, or themselves) from the organisation: the partner
 * grant is revoked and the user's sessions end, so their next request no longer acts for the
 * partner. The organisation always keeps at least one owner. The caller has checked that the
 * actor owns `partnerId`; an assignment of another organisation is "not found" here.
 */
export async function removePartnerMember(
  db: DB,
  input: { partnerId: string; assignmentId: string; actorUserId: string; ip?: string | null },
): Promise<{ userId: string }> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('role_assignments')
      .select(['id', 'user_id', 'partner_id', 'partner_role'])
      .where('id', '=', input.assignmentId)
      .where('role', '=', 'partner_member')
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (!row || row.partner_id !== input.partnerId) throw new NotFoundError('member')
    if (row.partner_role === 'owner') {
      const owners = await trx
        .selectFrom('role_assignments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('partner_id', '=', input.partnerId)
        .where('role', '=', 'partner_member')
        .where('partner_role', '=', 'owner')
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow()
      if (Number(owners.n) <= 1) throw new DomainError('member.lastOwner')
    }
    const r = await trx
      .updateTable('role_assignments')
      .set({ revoked_at: nowIso() })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError('member')
    await destroyUserSessions(trx, row.user_id)
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'partner.memberRemoved',
      targetType: 'partner',
      targetId: input.partnerId,
      ip: input.ip,
      details: {
        userId: row.user_id,
        assignmentId: row.id,
        partnerRole: row.partner_role,
        self: row.user_id === input.actorUserId,
      },
    })
    return { userId: row.user_id }
  })
}
