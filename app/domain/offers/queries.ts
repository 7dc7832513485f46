import { likeAnyCase } from '#db/sql.ts'
import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { OfferStatus, SecurityLevel } from '#db/schema.ts'
import type { SupportKind } from '#app/domain/registry/kinds.ts'
import { todayIn } from '#app/lib/time.ts'
import { PAGE_SIZE } from '#app/lib/pagination.ts'
import { parseStoredTerms } from './terms.ts'

/** Status as people should see it today, even before the expiry job has run. */
export const effectiveStatusSql = (today: string) =>
  sql<OfferStatus>`case when o.status in ('open','fully_committed','draft') and o.valid_until < ${today} then 'expired' else o.status end`

/** Whose an offer is, and its title. */
export async function getOfferOwner(db: DB, offerId: string) {
  return db.selectFrom('offers').select(['id', 'title', 'partner_id']).where('id', '=', offerId).executeTakeFirst()
}

export async function getOffer(db: DB, offerId: string) {
  const today = todayIn()
  const o = await db
    .selectFrom('offers as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .selectAll('o')
    .select([
      'p.name as partner_name',
      'p.slug as partner_slug',
      'p.status as partner_status',
      effectiveStatusSql(today).as('effective_status'),
    ])
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
  /** rows from here instead of `page` (the open-data API's cursor), at most `limit` of them */
  offset?: number
  limit?: number
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
  if (f.sectorId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('offer_sectors as s')
          .select('s.offer_id')
          .whereRef('s.offer_id', '=', 'o.id')
          .where('s.sector_id', '=', f.sectorId!),
      ),
    )
  if (f.provinceId)
    q = q.where((eb) =>
      eb.or([
        eb('o.national', '=', 1),
        eb.exists(
          eb
            .selectFrom('offer_provinces as op')
            .select('op.offer_id')
            .whereRef('op.offer_id', '=', 'o.id')
            .where('op.province_id', '=', f.provinceId!),
        ),
      ]),
    )
  if (f.securityLevel)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('offer_security_levels as l')
          .select('l.offer_id')
          .whereRef('l.offer_id', '=', 'o.id')
          .where('l.security_level', '=', f.securityLevel!),
      ),
    )
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`o.title ${likeAnyCase(db)} ${like} escape '\\'`,
        sql<boolean>`o.description ${likeAnyCase(db)} ${like} escape '\\'`,
        sql<boolean>`p.name ${likeAnyCase(db)} ${like} escape '\\'`,
      ]),
    )
  }
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const page = f.page ?? 1
  let rows = q.select([
    'o.id',
    'o.kind',
    'o.title',
    'o.valid_until',
    'o.capacity_total',
    'o.capacity_remaining',
    'o.unit',
    'o.national',
    'p.name as partner_name',
    'p.slug as partner_slug',
  ])
  rows =
    f.sort === 'ending'
      ? rows.orderBy('o.valid_until', 'asc')
      : f.sort === 'capacity'
        ? rows.orderBy('o.capacity_remaining', 'desc')
        : rows.orderBy('o.published_at', 'desc')
  const items = await rows
    .orderBy('o.id')
    .limit(f.limit ?? PAGE_SIZE)
    .offset(f.offset ?? (page - 1) * PAGE_SIZE)
    .execute()
  return { items, total }
}

/** A partner's own offers with counts per (effective) status. */
export async function listPartnerOffers(db: DB, partnerId: string, today: string = todayIn()) {
  const items = await db
    .selectFrom('offers as o')
    .select([
      'o.id',
      'o.kind',
      'o.title',
      'o.valid_until',
      'o.capacity_total',
      'o.capacity_remaining',
      'o.unit',
      effectiveStatusSql(today).as('status'),
    ])
    .where('o.partner_id', '=', partnerId)
    .orderBy('o.created_at', 'desc')
    .execute()
  const counts: Record<string, number> = {}
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1
  return { items, counts }
}
