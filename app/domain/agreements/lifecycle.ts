/**
 * Proposals and agreements (kerja sama). Either side proposes a quantity; the other accepts,
 * declines or lets it expire. Accepting reserves offer capacity and need quantity with
 * conditional UPDATEs inside one IMMEDIATE transaction, so two acceptances racing for the last
 * unit can never both succeed. Cancelling an active agreement gives the quantity back.
 */
import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { AgreementStatus, ProposalStatus } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { hardRuleFailures } from '#app/domain/matching/engine.ts'
import { loadNeeds, loadOffers, matchContext } from '#app/domain/matching/candidates.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import type { AcceptForm } from './schemas.ts'

export type Side = 'partner' | 'upt'
export interface Actor {
  userId: string
  ip?: string | null
}

/** Days a proposal waits for an answer before it lapses. */
export const PROPOSAL_TTL_DAYS = 14

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function formatAgreementNumber(year: number, seq: number): string {
  return `KS-${year}-${String(seq).padStart(6, '0')}`
}

/** Status as people should see it today, before the expiry job has run. */
export const proposalStatusSql = (today: string) =>
  sql<ProposalStatus>`case when pr.status = 'proposed' and pr.expires_on < ${today} then 'expired' else pr.status end`

/**
 * One side proposes an offer for a need. `actingFor` is the party the proposer acts for: the
 * partner's id (its own offers only) or the UPT's id (its own needs only); the other record may
 * be any party's, within the matching rules. A record outside that scope is not found.
 */
export async function propose(
  db: DB,
  input: {
    offerId: string
    needId: string
    quantity: number
    message?: string | null
    side: Side
    actingFor: string
    ttlDays?: number
  },
  actor: Actor,
  today: string = todayIn(),
) {
  return inTransaction(db, async (trx) => {
    const [offer] = await loadOffers(trx, { offerIds: [input.offerId] }, today)
    const [need] = await loadNeeds(trx, { needIds: [input.needId] }, today)
    if (!offer || (input.side === 'partner' && offer.partnerId !== input.actingFor))
      throw new NotFoundError('offer', 'offerId')
    if (!need || (input.side === 'upt' && need.uptId !== input.actingFor)) throw new NotFoundError('need', 'needId')
    const ctx = await matchContext(trx, [offer.partnerId], today)
    const failures = hardRuleFailures(offer, need, ctx)
    if (failures.length > 0) throw new DomainError(`match.rule.${failures[0]}`)
    const max = Math.min(offer.capacityRemaining, need.quantity - need.quantityCovered)
    if (input.quantity > max) throw new DomainError('proposal.tooMuch', 'quantity', { max })
    const open = await trx
      .selectFrom('proposals')
      .select('id')
      .where('offer_id', '=', offer.id)
      .where('need_id', '=', need.id)
      .where('status', '=', 'proposed')
      .where('expires_on', '>=', today)
      .executeTakeFirst()
    if (open) throw new DomainError('proposal.alreadyOpen')
    const id = newId()
    await trx
      .insertInto('proposals')
      .values({
        id,
        offer_id: offer.id,
        need_id: need.id,
        partner_id: offer.partnerId,
        upt_id: need.uptId,
        quantity: input.quantity,
        message: input.message || null,
        proposed_by_side: input.side,
        proposed_by: actor.userId,
        status: 'proposed',
        expires_on: addDays(today, input.ttlDays ?? PROPOSAL_TTL_DAYS),
        decline_reason: null,
        decided_by: null,
        decided_at: null,
        agreement_id: null,
        created_at: nowIso(),
      })
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'proposal.created',
      targetType: 'proposal',
      targetId: id,
      ip: actor.ip,
      details: { side: input.side, quantity: input.quantity, offerId: offer.id, needId: need.id },
    })
    return { id, partnerId: offer.partnerId, uptId: need.uptId }
  })
}

async function openProposal(trx: DB, proposalId: string, side: Side, today: string) {
  const p = await trx.selectFrom('proposals').selectAll().where('id', '=', proposalId).executeTakeFirst()
  if (!p) throw new NotFoundError('proposal')
  if (p.status !== 'proposed') throw new DomainError('proposal.notOpen')
  if (p.expires_on < today) throw new DomainError('proposal.expired')
  if (p.proposed_by_side === side) throw new DomainError('proposal.ownSide')
  return p
}

/**
 * The other side accepts: one IMMEDIATE transaction moves the proposal forward, takes the
 * quantity from the offer and adds it to the need with conditional UPDATEs (0 rows = someone
 * else got there first: the whole transaction rolls back), and creates the agreement.
 */
export async function acceptProposal(
  db: DB,
  proposalId: string,
  side: Side,
  form: Omit<AcceptForm, 'intent'>,
  actor: Actor,
  today: string = todayIn(),
) {
  return inTransaction(db, async (trx) => {
    const p = await openProposal(trx, proposalId, side, today)
    const now = nowIso()
    const moved = await trx
      .updateTable('proposals')
      .set({ status: 'accepted', decided_by: actor.userId, decided_at: now })
      .where('id', '=', p.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) throw new DomainError('proposal.notOpen')

    // The rules may have changed since the proposal (settings, security level, offer edits,
    // partner suspended): check them again. Capacity and unmet quantity are settled below by
    // the conditional updates themselves.
    const [offerIn] = await loadOffers(trx, { offerIds: [p.offer_id] }, today)
    const [needIn] = await loadNeeds(trx, { needIds: [p.need_id] }, today)
    if (!offerIn || !needIn) throw new NotFoundError('proposal')
    const failures = hardRuleFailures(offerIn, needIn, await matchContext(trx, [p.partner_id], today)).filter(
      (f) => f !== 'capacity' && f !== 'unmetNeed' && f !== 'offerOpen',
    )
    if (failures.length > 0) throw new DomainError(`match.rule.${failures[0]}`)
    const offerTaken = await trx
      .updateTable('offers')
      .set({
        capacity_remaining: sql`capacity_remaining - ${p.quantity}`,
        status: sql`case when capacity_remaining - ${p.quantity} = 0 then 'fully_committed' else status end`,
        updated_at: now,
      })
      .where('id', '=', p.offer_id)
      .where('status', '=', 'open')
      .where('valid_until', '>=', today)
      .where('capacity_remaining', '>=', p.quantity)
      .executeTakeFirst()
    if (Number(offerTaken.numUpdatedRows) !== 1) throw new DomainError('agreement.capacityGone')
    const needTaken = await trx
      .updateTable('program_needs')
      .set({ quantity_covered: sql`quantity_covered + ${p.quantity}` })
      .where('id', '=', p.need_id)
      .where(sql<boolean>`quantity - quantity_covered >= ${p.quantity}`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('programs')
            .select('programs.id')
            .whereRef('programs.id', '=', 'program_needs.program_id')
            .where('programs.status', '=', 'active'),
        ),
      )
      .executeTakeFirst()
    if (Number(needTaken.numUpdatedRows) !== 1) throw new DomainError('agreement.needCovered')

    const offer = await trx
      .selectFrom('offers')
      .select(['kind', 'unit', 'terms'])
      .where('id', '=', p.offer_id)
      .executeTakeFirstOrThrow()
    const need = await trx
      .selectFrom('program_needs')
      .select(['program_id'])
      .where('id', '=', p.need_id)
      .executeTakeFirstOrThrow()
    const year = Number(today.slice(0, 4))
    const last = await trx
      .selectFrom('agreements')
      .select((e) => e.fn.max('number').as('n'))
      .where('number', 'like', `KS-${year}-%`)
      .executeTakeFirst()
    const seq = last?.n ? Number(String(last.n).slice(-6)) + 1 : 1
    const id = newId()
    const number = formatAgreementNumber(year, seq)
    await trx
      .insertInto('agreements')
      .values({
        id,
        number,
        proposal_id: p.id,
        offer_id: p.offer_id,
        need_id: p.need_id,
        program_id: need.program_id,
        partner_id: p.partner_id,
        upt_id: p.upt_id,
        kind: offer.kind,
        quantity: p.quantity,
        unit: offer.unit,
        terms: form.terms,
        start_date: form.startDate,
        end_date: form.endDate,
        pks_number: form.pksNumber || null,
        pks_document_url: form.pksDocumentUrl || null,
        status: 'active',
        cancel_reason: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        closed_at: null,
        // What was agreed stays with the agreement, whatever the offer says later (ADR 012).
        agreed_terms: offer.terms,
      })
      .execute()
    await trx
      .insertInto('agreement_sectors')
      .columns(['agreement_id', 'sector_id'])
      .expression(
        trx
          .selectFrom('offer_sectors')
          .select([sql<string>`${id}`.as('agreement_id'), 'sector_id'])
          .where('offer_id', '=', p.offer_id),
      )
      .execute()
    await trx.updateTable('proposals').set({ agreement_id: id }).where('id', '=', p.id).execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'proposal.accepted',
      targetType: 'proposal',
      targetId: p.id,
      ip: actor.ip,
      details: { agreementId: id, number },
    })
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'agreement.created',
      targetType: 'agreement',
      targetId: id,
      ip: actor.ip,
      details: { number, quantity: p.quantity },
    })
    return { id, number, partnerId: p.partner_id, uptId: p.upt_id }
  })
}

export async function declineProposal(
  db: DB,
  proposalId: string,
  side: Side,
  reason: string,
  actor: Actor,
  today: string = todayIn(),
) {
  return inTransaction(db, async (trx) => {
    const p = await openProposal(trx, proposalId, side, today)
    await trx
      .updateTable('proposals')
      .set({ status: 'declined', decline_reason: reason, decided_by: actor.userId, decided_at: nowIso() })
      .where('id', '=', p.id)
      .where('status', '=', 'proposed')
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'proposal.declined',
      targetType: 'proposal',
      targetId: p.id,
      ip: actor.ip,
      details: { reason },
    })
    return { partnerId: p.partner_id, uptId: p.upt_id }
  })
}

/** The proposing side takes its proposal back before it is answered. */
export async function withdrawProposal(db: DB, proposalId: string, side: Side, actor: Actor) {
  await inTransaction(db, async (trx) => {
    const p = await trx.selectFrom('proposals').selectAll().where('id', '=', proposalId).executeTakeFirst()
    if (!p) throw new NotFoundError('proposal')
    if (p.proposed_by_side !== side) throw new DomainError('proposal.notYours')
    const r = await trx
      .updateTable('proposals')
      .set({ status: 'withdrawn', decided_by: actor.userId, decided_at: nowIso() })
      .where('id', '=', p.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new DomainError('proposal.notOpen')
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'proposal.withdrawn',
      targetType: 'proposal',
      targetId: p.id,
      ip: actor.ip,
    })
  })
}

/** Lapses unanswered proposals (run by the scheduler; reads also show them as expired). */
export async function expireProposals(db: DB, today: string = todayIn()): Promise<number> {
  return inTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom('proposals')
      .select('id')
      .where('status', '=', 'proposed')
      .where('expires_on', '<', today)
      .execute()
    if (due.length === 0) return 0
    await trx
      .updateTable('proposals')
      .set({ status: 'expired', decided_at: nowIso() })
      .where('status', '=', 'proposed')
      .where('expires_on', '<', today)
      .execute()
    for (const d of due)
      await audit(trx, { actorUserId: null, action: 'proposal.expired', targetType: 'proposal', targetId: d.id })
    return due.length
  })
}

async function closeAgreement(
  db: DB,
  agreementId: string,
  to: Exclude<AgreementStatus, 'active'>,
  reason: string | null,
  actor: Actor,
  today: string,
) {
  return inTransaction(db, async (trx) => {
    const a = await trx.selectFrom('agreements').selectAll().where('id', '=', agreementId).executeTakeFirst()
    if (!a) throw new NotFoundError('agreement')
    const now = nowIso()
    const r = await trx
      .updateTable('agreements')
      .set({ status: to, cancel_reason: reason, updated_at: now, closed_at: now })
      .where('id', '=', a.id)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new DomainError('agreement.notActive')
    if (to === 'cancelled') {
      // Capacity returns: the offer reopens if it was full and is still valid.
      await trx
        .updateTable('offers')
        .set({
          capacity_remaining: sql`capacity_remaining + ${a.quantity}`,
          status: sql`case when status = 'fully_committed' and valid_until >= ${today} then 'open' else status end`,
          updated_at: now,
        })
        .where('id', '=', a.offer_id)
        .execute()
      await trx
        .updateTable('program_needs')
        .set({ quantity_covered: sql`quantity_covered - ${a.quantity}` })
        .where('id', '=', a.need_id)
        .execute()
    }
    await audit(trx, {
      actorUserId: actor.userId,
      action: `agreement.${to}`,
      targetType: 'agreement',
      targetId: a.id,
      ip: actor.ip,
      details: reason ? { reason } : null,
    })
    return { partnerId: a.partner_id, uptId: a.upt_id, number: a.number }
  })
}

export const completeAgreement = (db: DB, id: string, actor: Actor, today: string = todayIn()) =>
  closeAgreement(db, id, 'completed', null, actor, today)
export const cancelAgreement = (db: DB, id: string, reason: string, actor: Actor, today: string = todayIn()) =>
  closeAgreement(db, id, 'cancelled', reason, actor, today)
