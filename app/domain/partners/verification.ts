import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { PartnerStatus } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { nowIso } from '#app/lib/time.ts'
import { verificationGaps } from './queries.ts'

export type Decision = 'verify' | 'reject' | 'suspend' | 'reinstate'
const TRANSITIONS: Record<Decision, { from: PartnerStatus[]; to: PartnerStatus }> = {
  verify: { from: ['pending'], to: 'verified' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['verified'], to: 'suspended' },
  reinstate: { from: ['suspended', 'rejected'], to: 'verified' },
}

/**
 * An admin's verification decision. Reject and suspend need a reason. Suspending closes nothing
 * but hides the partner's offers (listings require a verified partner). `kanwilId` is the Kanwil
 * the admin is limited to (null: national): a partner serving none of its provinces is not found.
 */
export async function decidePartner(
  db: DB,
  input: {
    partnerId: string
    decision: Decision
    reason?: string | null
    actorUserId: string
    kanwilId: string | null
    ip?: string | null
  },
) {
  const rule = TRANSITIONS[input.decision]
  const reason = input.reason?.trim() || null
  if ((input.decision === 'reject' || input.decision === 'suspend') && !reason)
    throw new DomainError('partner.reasonRequired', 'reason')
  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('partners as p')
      .select(['p.id', 'p.status', 'p.name', 'p.contact_email'])
      .where('p.id', '=', input.partnerId)
    if (input.kanwilId !== null) {
      const kanwilId = input.kanwilId
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('partner_provinces as pp')
            .innerJoin('provinces as pr', 'pr.id', 'pp.province_id')
            .select('pp.partner_id')
            .whereRef('pp.partner_id', '=', 'p.id')
            .where('pr.kanwil_id', '=', kanwilId),
        ),
      )
    }
    const p = await q.executeTakeFirst()
    if (!p) throw new NotFoundError('partner')
    if (!rule.from.includes(p.status)) throw new DomainError('partner.badTransition')
    if (rule.to === 'verified') {
      // An admin verifies a partner whose owner confirmed the address and who uploaded the
      // required documents, checked again here whatever the page showed (ADR 033).
      const [gaps] = await verificationGaps(trx, [p.id])
      if (gaps?.emailUnconfirmed) throw new DomainError('partner.verifyEmailUnconfirmed')
      if (gaps?.missing.length)
        throw new DomainError('partner.verifyDocumentsMissing', undefined, { n: gaps.missing.length })
    }
    const now = nowIso()
    await trx
      .updateTable('partners')
      .set({
        status: rule.to,
        status_reason: reason,
        updated_at: now,
        ...(rule.to === 'verified' ? { verified_at: now } : {}),
      })
      .where('id', '=', p.id)
      .where('status', '=', p.status)
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: `partner.${input.decision}`,
      targetType: 'partner',
      targetId: p.id,
      ip: input.ip,
      details: { from: p.status, to: rule.to, reason },
    })
    return { ...p, status: rule.to, reason }
  })
}
