import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { likeAnyCase } from '#db/sql.ts'
import type { OfferStatus, SecurityLevel } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/identity/audit.ts'
import type { SupportKind } from '#app/domain/registry/kinds.ts'
import { newId } from '#app/utils/ids.ts'
import { nowIso, todayIn } from '#app/utils/time.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
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
    const n = await db.selectFrom('sectors').select((e) => e.fn.countAll<number>().as('n')).where('id', 'in', form.sectorIds).executeTakeFirstOrThrow()
    if (Number(n.n) !== new Set(form.sectorIds).size) throw new DomainError('field.invalid', 'sectorIds')
  }
  if (!form.national && form.provinceIds.length) {
    const n = await db.selectFrom('provinces').select((e) => e.fn.countAll<number>().as('n')).where('id', 'in', form.provinceIds).executeTakeFirstOrThrow()
    if (Number(n.n) !== new Set(form.provinceIds).size) throw new DomainError('field.invalid', 'provinceIds')
  }
}

async function writeJoins(db: DB, offerId: string, form: OfferForm) {
  await db.deleteFrom('offer_sectors').where('offer_id', '=', offerId).execute()
  await db.deleteFrom('offer_provinces').where('offer_id', '=', offerId).execute()
  await db.deleteFrom('offer_security_levels').where('offer_id', '=', offerId).execute()
  for (const s of new Set(form.sectorIds)) await db.insertInto('offer_sectors').values({ offer_id: offerId, sector_id: s }).execute()
  if (!form.national) for (const p of new Set(form.provinceIds)) await db.insertInto('offer_provinces').values({ offer_id: offerId, province_id: p }).execute()
  for (const l of new Set(form.securityLevels)) await db.insertInto('offer_security_levels').values({ offer_id: offerId, security_level: l }).execute()
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
  return db.transaction().execute(async (trx) => {
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
    await audit(trx, { actorUserId: actor.userId, action: actor.publish ? 'offer.published' : 'offer.created', targetType: 'offer', targetId: id, ip: actor.ip, details: { kind: form.kind } })
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
  await db.transaction().execute(async (trx) => {
    const offer = await trx.selectFrom('offers').selectAll().where('id', '=', offerId).where('partner_id', '=', partnerId).executeTakeFirst()
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
    await audit(trx, { actorUserId: actor.userId, action: 'offer.updated', targetType: 'offer', targetId: offerId, ip: actor.ip })
  })
}

/** draft -> open (verified partner, still valid) and open|fully_committed -> closed. */
export async function changeOfferStatus(db: DB, partnerId: string, offerId: string, to: 'open' | 'closed', actor: Actor) {
  await db.transaction().execute(async (trx) => {
    const offer = await trx.selectFrom('offers').selectAll().where('id', '=', offerId).where('partner_id', '=', partnerId).executeTakeFirst()
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
    await audit(trx, { actorUserId: actor.userId, action: to === 'open' ? 'offer.published' : 'offer.closed', targetType: 'offer', targetId: offerId, ip: actor.ip })
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

/** Status as people should see it today, even before the expiry job has run. */
export const effectiveStatusSql = (today: string) =>
  sql<OfferStatus>`case when o.status in ('open','fully_committed','draft') and o.valid_until < ${today} then 'expired' else o.status end`

export async function getOffer(db: DB, offerId: string) {
  const today = todayIn()
  const o = await db
    .selectFrom('offers as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .selectAll('o')
    .select(['p.name as partner_name', 'p.slug as partner_slug', 'p.status as partner_status', effectiveStatusSql(today).as('effective_status')])
    .where('o.id', '=', offerId)
    .executeTakeFirst()
  if (!o) return undefined
  const [sectors, provinces, levels] = await Promise.all([
    db.selectFrom('offer_sectors').select('sector_id').where('offer_id', '=', offerId).execute(),
    db.selectFrom('offer_provinces').select('province_id').where('offer_id', '=', offerId).execute(),
    db.selectFrom('offer_security_levels').select('security_level').where('offer_id', '=', offerId).execute(),
  ])
  return {
    ...o,
    termsParsed: parseStoredTerms(o.terms),
    sectorIds: sectors.map((s) => s.sector_id),
    provinceIds: provinces.map((p) => p.province_id),
    securityLevels: levels.map((l) => l.security_level),
  }
}

export interface OfferFilters {
  kind?: SupportKind
  /** Only these kinds (e.g. the kinds a UPT type may receive); an empty list matches nothing. */
  kinds?: SupportKind[]
  sectorId?: string
  provinceId?: string
  securityLevel?: SecurityLevel
  partnerId?: string
  q?: string
  sort?: 'newest' | 'ending' | 'capacity'
  page?: number
}

/** Public directory: open offers of verified partners, valid today, with filters and pages. */
export async function listOpenOffers(db: DB, f: OfferFilters = {}, today: string = todayIn()) {
  let q = db
    .selectFrom('offers as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .where('o.status', '=', 'open')
    .where('p.status', '=', 'verified')
    .where('o.valid_from', '<=', today)
    .where('o.valid_until', '>=', today)
  if (f.kind) q = q.where('o.kind', '=', f.kind)
  if (f.partnerId) q = q.where('o.partner_id', '=', f.partnerId)
  if (f.kinds) q = f.kinds.length ? q.where('o.kind', 'in', f.kinds) : q.where(sql<boolean>`1 = 0`)
  if (f.sectorId) q = q.where((eb) => eb.exists(eb.selectFrom('offer_sectors as s').select('s.offer_id').whereRef('s.offer_id', '=', 'o.id').where('s.sector_id', '=', f.sectorId!)))
  if (f.provinceId)
    q = q.where((eb) =>
      eb.or([eb('o.national', '=', 1), eb.exists(eb.selectFrom('offer_provinces as op').select('op.offer_id').whereRef('op.offer_id', '=', 'o.id').where('op.province_id', '=', f.provinceId!))]),
    )
  if (f.securityLevel)
    q = q.where((eb) => eb.exists(eb.selectFrom('offer_security_levels as l').select('l.offer_id').whereRef('l.offer_id', '=', 'o.id').where('l.security_level', '=', f.securityLevel!)))
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where((eb) => eb.or([sql<boolean>`o.title ${likeAnyCase(db)} ${like} escape '\\'`, sql<boolean>`o.description ${likeAnyCase(db)} ${like} escape '\\'`, sql<boolean>`p.name ${likeAnyCase(db)} ${like} escape '\\'`]))
  }
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const page = f.page ?? 1
  let rows = q.select(['o.id', 'o.kind', 'o.title', 'o.valid_until', 'o.capacity_total', 'o.capacity_remaining', 'o.unit', 'o.national', 'p.name as partner_name', 'p.slug as partner_slug'])
  rows =
    f.sort === 'ending'
      ? rows.orderBy('o.valid_until', 'asc')
      : f.sort === 'capacity'
        ? rows.orderBy('o.capacity_remaining', 'desc')
        : rows.orderBy('o.published_at', 'desc')
  const items = await rows.orderBy('o.id').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute()
  return { items, total }
}

/** A partner's own offers with counts per (effective) status. */
export async function listPartnerOffers(db: DB, partnerId: string, today: string = todayIn()) {
  const items = await db
    .selectFrom('offers as o')
    .select(['o.id', 'o.kind', 'o.title', 'o.valid_until', 'o.capacity_total', 'o.capacity_remaining', 'o.unit', effectiveStatusSql(today).as('status')])
    .where('o.partner_id', '=', partnerId)
    .orderBy('o.created_at', 'desc')
    .execute()
  const counts: Record<string, number> = {}
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1
  return { items, counts }
}
