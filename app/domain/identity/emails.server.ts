import type { DB } from '#db/client.ts'
import { type Lang, parseLang, translator } from '#app/i18n/index.ts'
import { deliverEmail, queueEmail } from '#app/integrations/email.server.ts'
import { getPartnerById } from '#app/domain/partners/queries.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { Principal } from './authorize.ts'
import { checkStaffInvitation, createInvitation } from './invitations.ts'
import { requestPasswordReset } from './users.ts'

/** Who is invited where: staff or finance by an admin, or a member of a partner organisation by its owner. */
export type Invitee =
  | { role: 'upt_staff' | 'finance'; uptId?: string | null; principal: Principal; adminKanwilId: string | null }
  | { role: 'partner_member'; partnerId: string }

/**
 * Invites someone and emails them the link, in the inviter's language: staff and finance after the
 * rules of checkStaffInvitation, a member to the organisation as its registrant named it. The
 * message is queued in the invitation's transaction and delivered once it commits.
 */
export async function inviteAndEmail(
  db: DB,
  input: Invitee & { invitedBy: string; email: string; ip?: string | null; lang: Lang; appUrl: string },
): Promise<void> {
  if (input.role !== 'partner_member') await checkStaffInvitation(db, input.principal, input)
  const t = translator(input.lang)
  const emailId = await inTransaction(db, async (trx) => {
    const base = { invitedBy: input.invitedBy, email: input.email, ip: input.ip }
    if (input.role === 'partner_member') {
      const { token } = await createInvitation(trx, { ...base, role: 'partner_member', partnerId: input.partnerId })
      const partner = (await getPartnerById(trx, input.partnerId))!
      return queueEmail(trx, {
        to: input.email,
        // The name is the registrant's own words: quoted as such, never in the subject (ADR 017).
        subject: t('member.emailSubject'),
        text: t('member.emailBody', {
          partner: partner.name,
          status: t(`partner.status.${partner.status}`),
          link: `${input.appUrl}/invite/${token}`,
        }),
      })
    }
    const { token } = await createInvitation(trx, {
      ...base,
      role: input.role,
      uptId: input.uptId ?? null,
      adminKanwilId: input.adminKanwilId,
    })
    return queueEmail(trx, {
      to: input.email,
      subject: t('invite.emailSubject'),
      text: t('invite.emailBody', { role: t(`role.${input.role}`), link: `${input.appUrl}/invite/${token}` }),
    })
  })
  // Inside a caller's transaction the message waits for the jobs runner: nothing leaves before commit.
  if (!db.isTransaction) await deliverEmail(db, emailId)
}

/**
 * Emails a one-time password link when the address has an account; the caller answers the same
 * either way. The link is issued and the message queued in one transaction, delivered after it
 * commits, in the account's language.
 */
export async function emailPasswordReset(db: DB, input: { email: string; appUrl: string }): Promise<void> {
  const emailId = await inTransaction(db, async (trx) => {
    const found = await requestPasswordReset(trx, input.email)
    if (!found) return null
    const t = translator(parseLang(found.user.locale) ?? 'id')
    return queueEmail(trx, {
      to: found.user.email,
      subject: t('reset.emailSubject'),
      // No greeting by name: whoever registered the address chose it (ADR 017).
      text: t('reset.emailBody', { link: `${input.appUrl}/reset-password/${found.token}` }),
    })
  })
  if (emailId && !db.isTransaction) await deliverEmail(db, emailId)
}
