import type { DB } from '#db/client.ts'
import { type Lang, translator } from '#app/i18n/index.ts'
import { deliverEmail, queueEmail } from '#app/integrations/email.server.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { decidePartner } from './verification.ts'

/**
 * An admin's verification decision (decidePartner) and the email telling the partner's contact
 * address, queued in the decision's transaction and delivered once it commits.
 */
export async function decideAndEmail(db: DB, input: Parameters<typeof decidePartner>[1] & { lang: Lang }) {
  const t = translator(input.lang)
  const { decided, emailId } = await inTransaction(db, async (trx) => {
    const decided = await decidePartner(trx, input)
    const emailId = await queueEmail(trx, {
      to: decided.contact_email,
      subject: t(`decision.${input.decision}.subject`, { partner: decided.name }),
      text: t(`decision.${input.decision}.body`, { partner: decided.name, reason: decided.reason ?? '-' }),
    })
    return { decided, emailId }
  })
  // Inside a caller's transaction the message waits for the jobs runner: nothing leaves before commit.
  if (!db.isTransaction) await deliverEmail(db, emailId)
  return decided
}
