import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import type { OfferForm } from './schemas.ts'
import { KIND_UNIT, OfferTermsSchema, TERM_FIELDS, capacityOf, parseStoredTerms } from './terms.ts'

export interface Actor {
  userId: string
  ip?: string | null
}

function termsFrom(form: OfferForm) {
  const raw: Record<string, unknown> = { kind: form.kind }
  for (const f of TERM_FIELDS[form.kind]) raw[f] = (form as Record<string, unknown>)[f]
  return OfferTermsSchema.parse(raw)
}

async function assertReferences(db: DB, form: OfferForm) {
  if (form.sectorIds.length) {
    const n = await db
      .selectFrom('sectors')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('id', 'in', form.sectorIds)
      .executeTakeFirstOrThrow()
    if (Number(n.n) !== new Set(form.sectorIds).size) throw new DomainError('field.invalid', 'sectorIds')
  }
  if (!form.national && form.provinceIds.length) {
    const n = await db
      .selectFrom('provinces')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('id', 'in', form.provinceIds)
      .executeTakeFirstOrThrow()
    if (Number(n.n) !== new Set(form.provinceIds).size) throw new DomainError('field.invalid', 'provinceIds')
  }
}

async function writeJoins(db: DB, offerId: string, form: OfferForm) {
  await db.deleteFrom('offer_sectors').where('offer_id', '=', offerId).execute()
  await db.deleteFrom('offer_provinces').where('offer_id', '=', offerId).execute()
  await db.deleteFrom('offer_security_levels').where('offer_id', '=', offerId).execute()
  for (const s of new Set(form.sectorIds))
    await db.insertInto('offer_sectors').values({ offer_id: offerId, sector_id: s }).execute()
  if (!form.national)
    for (const p of new Set(form.provinceIds))
      await db.insertInto('offer_provinces').values({ offer_id: offerId, province_id: p }).execute()
  for (const l of new Set(form.securityLevels))
    await db.insertInto('offer_security_levels').values({ offer_id: offerId, security_level: l }).execute()
}

async function assertCanPublish(db: DB, partnerId: string) {
  const p = await db.selectFrom('partners').select('status').where('id', '=', partnerId).executeTakeFirst()
  if (!p) throw new NotFoundError('partner')
  if (p.status !== 'verified') throw new DomainError('offer.partnerNotVerified')
}

/** Creates an offer as a draft, or opens it at once when `publish` is set (verified partners only). */
export async function createOffer(db: DB, partnerId: string, form: OfferForm, actor: Actor & { publish?: boolean }) {
  const terms = termsFrom(form)
  await assertReferences(db, form)
  return inTransaction(db, async (trx) => {
    if (actor.publish) await assertCanPublish(trx, partnerId)
    const now = nowIso()
    const id = newId()
    const capacity = capacityOf(terms)
    await trx
      .insertInto('offers')
      .values({
        id,
        partner_id: partnerId,
        kind: form.kind,
        title: form.title,
        description: form.description || null,
        terms: JSON.stringify(terms),
        status: actor.publish ? 'open' : 'draft',
        national: form.national ? 1 : 0,
        valid_from: form.validFrom,
        valid_until: form.validUntil,
        unit: KIND_UNIT[form.kind],
        capacity_total: capacity,
        capacity_remaining: capacity,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        published_at: actor.publish ? now : null,
      })
      .execute()
    await writeJoins(trx, id, form)
    await audit(trx, {
      actorUserId: actor.userId,
      action: actor.publish ? 'offer.published' : 'offer.created',
      targetType: 'offer',
      targetId: id,
      ip: actor.ip,
      details: { kind: form.kind },
    })
    return { id }
  })
}

/**
 * Edits an offer of `partnerId`. The kind stays; capacity follows the new terms but never below
 * what is already committed (capacity_total - capacity_remaining).
 */
export async function updateOffer(db: DB, partnerId: string, offerId: string, form: OfferForm, actor: Actor) {
  const terms = termsFrom(form)
  await assertReferences(db, form)
  await inTransaction(db, async (trx) => {
    const offer = await trx
      .selectFrom('offers')
      .selectAll()
      .where('id', '=', offerId)
      .where('partner_id', '=', partnerId)
      .executeTakeFirst()
    if (!offer) throw new NotFoundError('offer')
    if (offer.kind !== form.kind) throw new DomainError('offer.kindFixed', 'kind')
    if (offer.status === 'closed' || offer.status === 'expired') throw new DomainError('offer.notEditable')
    const committed = offer.capacity_total - offer.capacity_remaining
    const capacity = capacityOf(terms)
    if (capacity < committed) throw new DomainError('offer.belowCommitted', TERM_FIELDS[form.kind][0])
    const remaining = capacity - committed
    await trx
      .updateTable('offers')
      .set({
        title: form.title,
        description: form.description || null,
        terms: JSON.stringify(terms),
        national: form.national ? 1 : 0,
        valid_from: form.validFrom,
        valid_until: form.validUntil,
        capacity_total: capacity,
        capacity_remaining: remaining,
        status: offer.status === 'draft' ? 'draft' : remaining === 0 ? 'fully_committed' : 'open',
        updated_at: nowIso(),
      })
      .where('id', '=', offerId)
      .execute()
    await writeJoins(trx, offerId, form)
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'offer.updated',
      targetType: 'offer',
      targetId: offerId,
      ip: actor.ip,
    })
  })
}

/** draft -> open (verified partner, still valid) and open|fully_committed -> closed. */
export async function changeOfferStatus(
  db: DB,
  partnerId: string,
  offerId: string,
  to: 'open' | 'closed',
  actor: Actor,
) {
  await inTransaction(db, async (trx) => {
    const offer = await trx
      .selectFrom('offers')
      .selectAll()
      .where('id', '=', offerId)
      .where('partner_id', '=', partnerId)
      .executeTakeFirst()
    if (!offer) throw new NotFoundError('offer')
    if (to === 'open') {
      if (offer.status !== 'draft') throw new DomainError('offer.badTransition')
      await assertCanPublish(trx, partnerId)
      if (offer.valid_until < todayIn()) throw new DomainError('offer.alreadyExpired')
      parseStoredTerms(offer.terms)
    } else if (offer.status !== 'open' && offer.status !== 'fully_committed' && offer.status !== 'draft') {
      throw new DomainError('offer.badTransition')
    }
    const now = nowIso()
    await trx
      .updateTable('offers')
      .set({ status: to, updated_at: now, ...(to === 'open' ? { published_at: now } : {}) })
      .where('id', '=', offerId)
      .where('status', '=', offer.status)
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: to === 'open' ? 'offer.published' : 'offer.closed',
      targetType: 'offer',
      targetId: offerId,
      ip: actor.ip,
    })
  })
}

/** Expiry by date: open or fully committed offers whose validity ended become expired. */
export async function expireOffers(db: DB, today: string = todayIn()): Promise<number> {
  const r = await db
    .updateTable('offers')
    .set({ status: 'expired', updated_at: nowIso() })
    .where('status', 'in', ['open', 'fully_committed', 'draft'])
    .where('valid_until', '<', today)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}
