import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { newToken } from '#app/lib/ids.ts'
import { DomainError } from '../errors.ts'
import { grant, insertUser, issueResetToken, normalizeEmail } from './users.ts'
import { audit } from '#app/domain/audit/log.ts'
import { hashPassword } from './passwords.server.ts'

/** The first admin sets a password through a one-time link valid this long (ADR 015). */
export const FIRST_ADMIN_LINK_HOURS = 24

export interface FirstAdminInput {
  email: string
  name: string
  /** Who ran the command, for the audit log (operating-system user and host). */
  operator?: { user: string; host: string }
}

/**
 * Creates the first national admin of an install (ADR 015): a user with no usable password and
 * the admin role with no Kanwil (national), plus a one-time link to set the password. TOTP
 * enrolment is then forced at first login, as for every admin. Refused when any active admin
 * exists ('admin.exists', params.email: one of them) or the address already has an account
 * ('signup.emailTaken'). One IMMEDIATE transaction, so two runs at once create one admin.
 */
export async function createFirstAdmin(
  db: DB,
  input: FirstAdminInput,
): Promise<{ userId: string; email: string; token: string }> {
  const email = normalizeEmail(input.email)
  // Nobody knows this password: the account opens only through the link.
  const unusable = await hashPassword(newToken())
  return inTransaction(db, async (trx) => {
    const admin = await trx
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.email')
      .where('r.role', '=', 'admin')
      .where('r.revoked_at', 'is', null)
      .where('u.disabled_at', 'is', null)
      .orderBy('r.created_at')
      .executeTakeFirst()
    if (admin) throw new DomainError('admin.exists', undefined, { email: admin.email })
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (taken) throw new DomainError('signup.emailTaken', 'email')
    const { id: userId } = await insertUser(trx, { email, name: input.name, passwordHash: unusable })
    // National: the admin role with no Kanwil.
    await grant(trx, userId, 'admin', {}, null)
    const token = await issueResetToken(trx, userId, FIRST_ADMIN_LINK_HOURS * 60)
    await audit(trx, {
      actorUserId: null,
      action: 'admin.bootstrapped',
      targetType: 'user',
      targetId: userId,
      details: { email, role: 'admin', scope: 'national', via: 'cli', operator: input.operator ?? null },
    })
    return { userId, email, token }
  })
}
