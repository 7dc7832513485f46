import type { DB } from '#db/client.ts'
import { todayIn } from '#app/lib/time.ts'
import { parseStoredTerms } from './terms.ts'

/**
 * One offer as the public sees it: open, of a verified partner, valid today. Anything else
 * (unknown, draft, closed, fully committed, expired, not yet valid, partner not verified) is
 * undefined, so the page answers 404 without telling which. Server-only: the terms are parsed
 * with zod here, so the browser bundle of the page never carries it.
 */
export async function getPublicOffer(db: DB, offerId: string, today: string = todayIn()) {
  const o = await db
    .selectFrom('offers as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .select([
      'o.id',
      'o.kind',
      'o.title',
      'o.description',
      'o.terms',
      'o.national',
      'o.valid_from',
      'o.valid_until',
      'o.unit',
      'o.capacity_total',
      'o.capacity_remaining',
      'o.published_at',
      'p.name as partner_name',
      'p.slug as partner_slug',
    ])
    .where('o.id', '=', offerId)
    .where('o.status', '=', 'open')
    .where('p.status', '=', 'verified')
    .where('o.valid_from', '<=', today)
    .where('o.valid_until', '>=', today)
    .executeTakeFirst()
  if (!o) return undefined
  const [sectors, provinces, levels] = await Promise.all([
    db
      .selectFrom('offer_sectors as os')
      .innerJoin('sectors as s', 's.id', 'os.sector_id')
      .select(['s.id', 's.name_id', 's.name_en'])
      .where('os.offer_id', '=', o.id)
      .orderBy('s.sort')
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('offer_provinces as op')
      .innerJoin('provinces as pr', 'pr.id', 'op.province_id')
      .select(['pr.id', 'pr.name'])
      .where('op.offer_id', '=', o.id)
      .orderBy('pr.name')
      .execute(),
    db
      .selectFrom('offer_security_levels')
      .select('security_level')
      .where('offer_id', '=', o.id)
      .orderBy('security_level')
      .execute(),
  ])
  const { terms, ...rest } = o
  return {
    ...rest,
    terms: parseStoredTerms(terms),
    sectors,
    provinces,
    securityLevels: levels.map((l) => l.security_level),
  }
}

/** Ids of the offers that have a public page today, for the sitemap. */
export async function publicOfferEntries(db: DB, today: string = todayIn()) {
  return db
    .selectFrom('offers as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .select(['o.id', 'o.updated_at'])
    .where('o.status', '=', 'open')
    .where('p.status', '=', 'verified')
    .where('o.valid_from', '<=', today)
    .where('o.valid_until', '>=', today)
    .orderBy('o.updated_at', 'desc')
    .limit(5_000)
    .execute()
}
