/**
 * The database side of matching: loads OfferInput / NeedInput rows for the pure engine with
 * indexed queries (kind + sector + province), never every offer x need pair, and hands them to
 * the engine, which re-checks every hard rule before scoring.
 */
import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { SecurityLevel, UptType } from '#db/schema.ts'
import { loadAllowedKinds } from '#app/domain/registry/settings.ts'
import { SUPPORT_KINDS, type SupportKind } from '#app/domain/registry/kinds.ts'
import { todayIn } from '#app/lib/time.ts'
import {
  type MatchContext,
  type MatchSettings,
  NeedIndex,
  type NeedInput,
  type OfferInput,
  type Suggestion,
  type TrackRecord,
  recomputeAll,
  suggestNeedsForOffer,
  suggestOffersForNeed,
} from './engine.ts'

const LEVELS: SecurityLevel[] = ['super_maximum', 'maximum', 'medium', 'minimum']
const TYPES: UptType[] = ['lapas', 'rutan', 'lpka', 'bapas']

/** The admin-editable support_kind_settings as the engine's settings. */
export async function loadMatchSettings(db: DB): Promise<MatchSettings> {
  const allowed = await loadAllowedKinds(db)
  const pick = (m: Record<string, SupportKind[]>, k: string) =>
    SUPPORT_KINDS.filter((kind) => (m[k] ?? []).includes(kind))
  return {
    kindsBySecurity: Object.fromEntries(
      LEVELS.map((l) => [l, pick(allowed.security_level, l)]),
    ) as MatchSettings['kindsBySecurity'],
    kindsByUptType: Object.fromEntries(
      TYPES.map((t) => [t, pick(allowed.upt_type, t)]),
    ) as MatchSettings['kindsByUptType'],
  }
}

/** Completed vs cancelled agreements per partner (the track-record part of the score). */
export async function loadTrackRecords(db: DB, partnerIds?: string[]): Promise<Map<string, TrackRecord>> {
  if (partnerIds && partnerIds.length === 0) return new Map()
  let q = db
    .selectFrom('agreements')
    .select([
      'partner_id',
      sql<number>`sum(case when status = 'completed' then 1 else 0 end)`.as('completed'),
      sql<number>`sum(case when status = 'cancelled' then 1 else 0 end)`.as('cancelled'),
    ])
    .where('status', 'in', ['completed', 'cancelled'])
    .groupBy('partner_id')
  if (partnerIds) q = q.where('partner_id', 'in', partnerIds)
  const rows = await q.execute()
  return new Map(rows.map((r) => [r.partner_id, { completed: Number(r.completed), cancelled: Number(r.cancelled) }]))
}

export async function loadProvinceGroups(db: DB): Promise<Map<string, string>> {
  const rows = await db.selectFrom('provinces').select(['id', 'island_group']).execute()
  return new Map(rows.map((r) => [r.id, r.island_group]))
}

export async function matchContext(db: DB, partnerIds?: string[], today: string = todayIn()): Promise<MatchContext> {
  const [settings, trackRecords] = await Promise.all([loadMatchSettings(db), loadTrackRecords(db, partnerIds)])
  return { today, settings, trackRecords }
}

/** The UPT's security level on `date`: the latest status-history row in effect (same rule as uptStatusOn). */
const levelOn = (date: string) =>
  sql<SecurityLevel | null>`(select h.security_level from upt_status_history h where h.upt_id = u.id and h.effective_from <= ${date} order by h.effective_from desc, h.created_at desc limit 1)`

interface NeedFilter {
  needIds?: string[]
  kind?: SupportKind
  sectorIds?: string[]
  /** null = any province (national offer) */
  provinceIds?: string[] | null
  uptId?: string
  openOnly?: boolean
}

/** Needs of active programs, joined with their UPT's place, type and security level today. */
export async function loadNeeds(db: DB, f: NeedFilter, today: string = todayIn()): Promise<NeedInput[]> {
  let q = db
    .selectFrom('program_needs as n')
    .innerJoin('programs as g', 'g.id', 'n.program_id')
    .innerJoin('upts as u', 'u.id', 'g.upt_id')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .select([
      'n.id',
      'n.program_id',
      'g.upt_id',
      'n.kind',
      'g.sector_id',
      'u.province_id',
      'p.island_group',
      'u.type as upt_type',
      levelOn(today).as('security_level'),
      'n.quantity',
      'n.quantity_covered',
      'n.needed_by',
      'g.status as program_status',
    ])
  if (f.needIds) q = q.where('n.id', 'in', f.needIds.length ? f.needIds : [''])
  if (f.kind) q = q.where('n.kind', '=', f.kind)
  if (f.sectorIds) q = q.where('g.sector_id', 'in', f.sectorIds.length ? f.sectorIds : [''])
  if (f.provinceIds) q = q.where('u.province_id', 'in', f.provinceIds.length ? f.provinceIds : [''])
  if (f.uptId) q = q.where('g.upt_id', '=', f.uptId)
  if (f.openOnly) q = q.where('g.status', '=', 'active').whereRef('n.quantity_covered', '<', 'n.quantity')
  const rows = await q.execute()
  return rows.map((r) => ({
    id: r.id,
    programId: r.program_id,
    uptId: r.upt_id,
    kind: r.kind,
    sectorId: r.sector_id,
    provinceId: r.province_id,
    islandGroup: r.island_group,
    uptType: r.upt_type,
    securityLevel: r.security_level,
    quantity: r.quantity,
    quantityCovered: r.quantity_covered,
    neededBy: r.needed_by,
    programActive: r.program_status === 'active',
  }))
}

interface OfferFilter {
  offerIds?: string[]
  partnerId?: string
  kind?: SupportKind
  sectorId?: string
  provinceId?: string
  /** only open offers of verified partners, valid today, with capacity left */
  openOnly?: boolean
}

/** Offers with their sectors, provinces and security levels (three batched lookups). */
export async function loadOffers(db: DB, f: OfferFilter, today: string = todayIn()): Promise<OfferInput[]> {
  let q = db
    .selectFrom('offers as o')
    .innerJoin('partners as pa', 'pa.id', 'o.partner_id')
    .select([
      'o.id',
      'o.kind',
      'o.partner_id',
      'pa.status as partner_status',
      'o.status',
      'o.valid_from',
      'o.valid_until',
      'o.national',
      'o.capacity_remaining',
    ])
  if (f.offerIds) q = q.where('o.id', 'in', f.offerIds.length ? f.offerIds : [''])
  if (f.partnerId) q = q.where('o.partner_id', '=', f.partnerId)
  if (f.kind) q = q.where('o.kind', '=', f.kind)
  if (f.openOnly) {
    q = q
      .where('o.status', '=', 'open')
      .where('o.valid_until', '>=', today)
      .where('o.valid_from', '<=', today)
      .where('o.capacity_remaining', '>', 0)
      .where('pa.status', '=', 'verified')
  }
  if (f.sectorId) {
    const sectorId = f.sectorId
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('offer_sectors as os')
          .select('os.offer_id')
          .whereRef('os.offer_id', '=', 'o.id')
          .where('os.sector_id', '=', sectorId),
      ),
    )
  }
  if (f.provinceId) {
    const provinceId = f.provinceId
    q = q.where((eb) =>
      eb.or([
        eb('o.national', '=', 1),
        eb.exists(
          eb
            .selectFrom('offer_provinces as op')
            .select('op.offer_id')
            .whereRef('op.offer_id', '=', 'o.id')
            .where('op.province_id', '=', provinceId),
        ),
      ]),
    )
  }
  const rows = await q.execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const sectors = new Map<string, string[]>()
  const provinces = new Map<string, string[]>()
  const levels = new Map<string, SecurityLevel[]>()
  // Batches keep each IN list well under SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const [s, p, l] = await Promise.all([
      db.selectFrom('offer_sectors').select(['offer_id', 'sector_id']).where('offer_id', 'in', chunk).execute(),
      db.selectFrom('offer_provinces').select(['offer_id', 'province_id']).where('offer_id', 'in', chunk).execute(),
      db
        .selectFrom('offer_security_levels')
        .select(['offer_id', 'security_level'])
        .where('offer_id', 'in', chunk)
        .execute(),
    ])
    for (const r of s) (sectors.get(r.offer_id) ?? sectors.set(r.offer_id, []).get(r.offer_id)!).push(r.sector_id)
    for (const r of p) (provinces.get(r.offer_id) ?? provinces.set(r.offer_id, []).get(r.offer_id)!).push(r.province_id)
    for (const r of l) (levels.get(r.offer_id) ?? levels.set(r.offer_id, []).get(r.offer_id)!).push(r.security_level)
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    partnerId: r.partner_id,
    partnerVerified: r.partner_status === 'verified',
    status: r.status,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    sectors: (sectors.get(r.id) ?? []).sort(),
    national: r.national === 1,
    provinces: (provinces.get(r.id) ?? []).sort(),
    securityLevels: (levels.get(r.id) ?? []).sort(),
    uptTypes: [],
    capacityRemaining: r.capacity_remaining,
  }))
}

/** Candidate needs for one offer: same kind, one of its sectors, a province it serves (or any). */
export async function candidateNeedsFor(db: DB, offer: OfferInput, today: string = todayIn()): Promise<NeedInput[]> {
  return loadNeeds(
    db,
    {
      kind: offer.kind,
      sectorIds: offer.sectors,
      provinceIds: offer.national ? null : offer.provinces,
      openOnly: true,
    },
    today,
  )
}

/** Best needs for one offer, scored with reasons. */
export async function needsForOffer(
  db: DB,
  offerId: string,
  limit = 10,
  today: string = todayIn(),
): Promise<Suggestion[]> {
  const [offer] = await loadOffers(db, { offerIds: [offerId] }, today)
  if (!offer) return []
  const needs = await candidateNeedsFor(db, offer, today)
  const [ctx, groups] = await Promise.all([matchContext(db, [offer.partnerId], today), loadProvinceGroups(db)])
  return suggestNeedsForOffer(offer, new NeedIndex(needs), ctx, groups, limit)
}

/** Best offers for one need. */
export async function offersForNeed(
  db: DB,
  needId: string,
  limit = 10,
  today: string = todayIn(),
): Promise<Suggestion[]> {
  const [need] = await loadNeeds(db, { needIds: [needId] }, today)
  if (!need) return []
  const offers = await loadOffers(
    db,
    { kind: need.kind, sectorId: need.sectorId, provinceId: need.provinceId, openOnly: true },
    today,
  )
  const [ctx, groups] = await Promise.all([
    matchContext(db, [...new Set(offers.map((o) => o.partnerId))], today),
    loadProvinceGroups(db),
  ])
  return suggestOffersForNeed(need, offers, ctx, groups, limit)
}

/** Full recompute from the database: every open offer and need, loaded once. */
export async function recomputeFromDb(db: DB, today: string = todayIn()) {
  const [offers, needs, ctx, groups] = await Promise.all([
    loadOffers(db, { openOnly: true }, today),
    loadNeeds(db, { openOnly: true }, today),
    matchContext(db, undefined, today),
    loadProvinceGroups(db),
  ])
  return { ...recomputeAll(offers, needs, ctx, groups), offers, needs }
}

/**
 * Open needs with no candidate offer at all, counted by province and kind, so a Kanwil knows
 * which partners to recruit. `kanwilId` limits it to one Kanwil's UPTs.
 */
export async function needsWithoutCandidates(db: DB, kanwilId: string | null, today: string = todayIn()) {
  const { needsWithoutCandidate } = await recomputeFromDb(db, today)
  if (needsWithoutCandidate.length === 0) return { groups: [], needs: [] }
  const rows: {
    id: string
    kind: SupportKind
    quantity: number
    quantity_covered: number
    needed_by: string | null
    program_id: string
    program_title: string
    upt_id: string
    upt_name: string
    province_id: string
    province_name: string
    kanwil_id: string
    sector_name_id: string
    sector_name_en: string
  }[] = []
  for (let i = 0; i < needsWithoutCandidate.length; i += 500) {
    let q = db
      .selectFrom('program_needs as n')
      .innerJoin('programs as g', 'g.id', 'n.program_id')
      .innerJoin('upts as u', 'u.id', 'g.upt_id')
      .innerJoin('provinces as p', 'p.id', 'u.province_id')
      .innerJoin('sectors as s', 's.id', 'g.sector_id')
      .select([
        'n.id',
        'n.kind',
        'n.quantity',
        'n.quantity_covered',
        'n.needed_by',
        'g.id as program_id',
        'g.title as program_title',
        'u.id as upt_id',
        'u.name as upt_name',
        'p.id as province_id',
        'p.name as province_name',
        'u.kanwil_id',
        's.name_id as sector_name_id',
        's.name_en as sector_name_en',
      ])
      .where('n.id', 'in', needsWithoutCandidate.slice(i, i + 500))
    if (kanwilId) q = q.where('u.kanwil_id', '=', kanwilId)
    rows.push(...(await q.execute()))
  }
  const byKey = new Map<
    string,
    { provinceId: string; provinceName: string; kind: SupportKind; needs: number; quantity: number }
  >()
  for (const r of rows) {
    const key = `${r.province_id}|${r.kind}`
    const g = byKey.get(key) ?? {
      provinceId: r.province_id,
      provinceName: r.province_name,
      kind: r.kind,
      needs: 0,
      quantity: 0,
    }
    g.needs++
    g.quantity += r.quantity - r.quantity_covered
    byKey.set(key, g)
  }
  const groups = [...byKey.values()].sort(
    (a, b) =>
      a.provinceName.localeCompare(b.provinceName) || SUPPORT_KINDS.indexOf(a.kind) - SUPPORT_KINDS.indexOf(b.kind),
  )
  rows.sort(
    (a, b) =>
      a.province_name.localeCompare(b.province_name) ||
      a.upt_name.localeCompare(b.upt_name) ||
      a.id.localeCompare(b.id),
  )
  return { groups, needs: rows }
}

/** What a person needs to see about suggested needs (program, UPT, place, quantities). */
export async function describeNeeds(db: DB, ids: string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('program_needs as n')
    .innerJoin('programs as g', 'g.id', 'n.program_id')
    .innerJoin('upts as u', 'u.id', 'g.upt_id')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .innerJoin('sectors as s', 's.id', 'g.sector_id')
    .select([
      'n.id',
      'n.kind',
      'n.unit',
      'n.quantity',
      'n.quantity_covered',
      'n.needed_by',
      'n.note',
      'g.id as program_id',
      'g.slug as program_slug',
      'g.title as program_title',
      'u.id as upt_id',
      'u.name as upt_name',
      'p.name as province_name',
      's.name_id as sector_name_id',
      's.name_en as sector_name_en',
    ])
    .where('n.id', 'in', ids)
    .execute()
}

export async function describeOffers(db: DB, ids: string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('offers as o')
    .innerJoin('partners as pa', 'pa.id', 'o.partner_id')
    .select([
      'o.id',
      'o.title',
      'o.kind',
      'o.unit',
      'o.capacity_total',
      'o.capacity_remaining',
      'o.valid_until',
      'pa.name as partner_name',
      'pa.slug as partner_slug',
    ])
    .where('o.id', 'in', ids)
    .execute()
}
