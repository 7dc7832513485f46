/**
 * Outcomes (counts only: never a person) recorded by UPT staff on agreements and programs.
 * Yearly targets are in targets.ts, the realisation figures the dashboards and /impact show in
 * realisation.ts, a partner's own impact in partner-impact.ts.
 */
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { SupportKindName } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import type { OutcomeForm } from './schemas.ts'

export interface Actor {
  userId: string
  ip?: string | null
}

/**
 * Records one outcome for a UPT: on an agreement (then program, partner and kind come from it)
 * or on one of the UPT's own programs. Dates in the future are refused.
 */
export async function recordOutcome(
  db: DB,
  uptId: string,
  target: { agreementId: string } | { programId: string },
  v: Omit<OutcomeForm, 'intent' | 'programId'>,
  actor: Actor,
  today: string = todayIn(),
) {
  if (v.occurredOn > today) throw new DomainError('outcome.future', 'occurredOn')
  return inTransaction(db, async (trx) => {
    let programId: string
    let agreementId: string | null = null
    let partnerId: string | null = null
    let kind: SupportKindName | null = null
    if ('agreementId' in target) {
      const a = await trx
        .selectFrom('agreements')
        .select(['id', 'program_id', 'partner_id', 'kind', 'status'])
        .where('id', '=', target.agreementId)
        .where('upt_id', '=', uptId)
        .executeTakeFirst()
      if (!a) throw new NotFoundError('agreement')
      if (a.status === 'cancelled') throw new DomainError('outcome.agreementCancelled')
      programId = a.program_id
      agreementId = a.id
      partnerId = a.partner_id
      kind = a.kind
    } else {
      const g = await trx
        .selectFrom('programs')
        .select('id')
        .where('id', '=', target.programId)
        .where('upt_id', '=', uptId)
        .executeTakeFirst()
      if (!g) throw new DomainError('field.invalid', 'programId')
      programId = g.id
    }
    const id = newId()
    await trx
      .insertInto('outcomes')
      .values({
        id,
        upt_id: uptId,
        program_id: programId,
        agreement_id: agreementId,
        partner_id: partnerId,
        kind,
        metric: v.metric,
        count: v.count,
        value_rupiah: v.metric === 'capital' ? (v.valueRupiah ?? null) : null,
        capital_form: v.metric === 'capital' ? (v.capitalForm ?? null) : null,
        certifying_body: v.metric === 'certified' ? (v.certifyingBody ?? null) : null,
        link: v.metric === 'publication' ? (v.link ?? null) : null,
        channel: v.metric === 'publication' ? (v.channel ?? null) : null,
        reach: v.metric === 'publication' ? (v.reach ?? null) : null,
        occurred_on: v.occurredOn,
        note: v.note || null,
        recorded_by: actor.userId,
        created_at: nowIso(),
      })
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'outcome.recorded',
      targetType: agreementId ? 'agreement' : 'program',
      targetId: agreementId ?? programId,
      ip: actor.ip,
      details: { metric: v.metric, count: v.count },
    })
    return { id }
  })
}

export async function listOutcomes(
  db: DB,
  f: { uptId?: string; agreementId?: string; programId?: string },
  page = 1,
  pageSize = 20,
) {
  let q = db
    .selectFrom('outcomes as oc')
    .innerJoin('programs as g', 'g.id', 'oc.program_id')
    .leftJoin('agreements as a', 'a.id', 'oc.agreement_id')
  if (f.uptId) q = q.where('oc.upt_id', '=', f.uptId)
  if (f.agreementId) q = q.where('oc.agreement_id', '=', f.agreementId)
  if (f.programId) q = q.where('oc.program_id', '=', f.programId)
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const items = await q
    .selectAll('oc')
    .select(['g.title as program_title', 'a.number as agreement_number'])
    .orderBy('oc.occurred_on', 'desc')
    .orderBy('oc.created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return { items, total }
}
