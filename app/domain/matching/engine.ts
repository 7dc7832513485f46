/**
 * Matching of partner offers to program needs. Pure: plain data in, ranked suggestions out,
 * no database and no clock of its own (today is an argument), so it is deterministic and the
 * same code ranks one new offer in milliseconds or recomputes everything in a batch.
 */
import { neverAllowed, type SupportKind } from '../registry/kinds.ts'

export type SecurityLevel = 'super_maximum' | 'maximum' | 'medium' | 'minimum'
export type UptType = 'lapas' | 'rutan' | 'lpka' | 'bapas'

export interface OfferInput {
  id: string
  kind: SupportKind
  partnerId: string
  partnerVerified: boolean
  status: string
  /** YYYY-MM-DD, inclusive */
  validFrom: string | null
  validUntil: string | null
  sectors: string[]
  national: boolean
  provinces: string[]
  /** Security levels the partner accepts to work in; empty = any the settings allow. */
  securityLevels: SecurityLevel[]
  /** UPT types the partner accepts; empty = any the settings allow. */
  uptTypes: UptType[]
  capacityRemaining: number
}

export interface NeedInput {
  id: string
  programId: string
  uptId: string
  kind: SupportKind
  sectorId: string
  provinceId: string
  islandGroup: string
  uptType: UptType
  /** null = not recorded; treated as medium (the cautious middle). */
  securityLevel: SecurityLevel | null
  quantity: number
  quantityCovered: number
  neededBy: string | null
  programActive: boolean
}

export interface MatchSettings {
  /** Support kinds each security level accepts (admin-editable; defaults in docs/domain.md, section 3). */
  kindsBySecurity: Record<SecurityLevel, SupportKind[]>
  /** Support kinds each UPT type accepts (LPKA: no production offtake). */
  kindsByUptType: Record<UptType, SupportKind[]>
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  kindsBySecurity: {
    super_maximum: ['expert'],
    maximum: ['expert', 'training'],
    medium: ['training', 'expert', 'capital', 'absorption'],
    minimum: ['capital', 'training', 'expert', 'absorption', 'publication'],
  },
  kindsByUptType: {
    lapas: ['capital', 'training', 'expert', 'absorption', 'publication'],
    rutan: ['capital', 'training', 'expert', 'absorption', 'publication'],
    lpka: ['training', 'expert', 'publication'],
    bapas: ['capital', 'training', 'expert', 'absorption', 'publication'],
  },
}

export interface TrackRecord {
  completed: number
  cancelled: number
}

export interface MatchContext {
  today: string
  settings: MatchSettings
  trackRecords: ReadonlyMap<string, TrackRecord>
}

export type HardRule =
  | 'kind'
  | 'partnerVerified'
  | 'offerOpen'
  | 'validity'
  | 'sector'
  | 'province'
  | 'securityLevel'
  | 'lpkaFloor'
  | 'uptType'
  | 'capacity'
  | 'unmetNeed'
  | 'programActive'

export const effectiveLevel = (need: NeedInput): SecurityLevel => need.securityLevel ?? 'medium'
export const unmet = (need: NeedInput) => Math.max(0, need.quantity - need.quantityCovered)

/** Every hard rule the pair breaks; an empty list means the pair may be suggested. */
export function hardRuleFailures(offer: OfferInput, need: NeedInput, ctx: MatchContext): HardRule[] {
  const failures: HardRule[] = []
  if (offer.kind !== need.kind) failures.push('kind')
  if (!offer.partnerVerified) failures.push('partnerVerified')
  if (offer.status !== 'open') failures.push('offerOpen')
  if ((offer.validFrom && offer.validFrom > ctx.today) || (offer.validUntil && offer.validUntil < ctx.today))
    failures.push('validity')
  if (!offer.sectors.includes(need.sectorId)) failures.push('sector')
  if (!offer.national && !offer.provinces.includes(need.provinceId)) failures.push('province')
  const level = effectiveLevel(need)
  if (
    !ctx.settings.kindsBySecurity[level].includes(need.kind) ||
    (offer.securityLevels.length > 0 && !offer.securityLevels.includes(level))
  ) {
    failures.push('securityLevel')
  }
  // Not a setting: children in an LPKA are trained, never put to production (ADR 016).
  if (neverAllowed(need.uptType, need.kind)) failures.push('lpkaFloor')
  if (
    !ctx.settings.kindsByUptType[need.uptType].includes(need.kind) ||
    (offer.uptTypes.length > 0 && !offer.uptTypes.includes(need.uptType))
  ) {
    failures.push('uptType')
  }
  if (offer.capacityRemaining <= 0) failures.push('capacity')
  if (unmet(need) <= 0) failures.push('unmetNeed')
  if (!need.programActive) failures.push('programActive')
  return failures
}

export interface ScorePart {
  key: 'sector' | 'distance' | 'capacity' | 'urgency' | 'trackRecord'
  points: number
  max: number
  reason: { id: string; en: string }
}

export interface Score {
  total: number
  parts: ScorePart[]
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * Score 0–100 as the sum of five parts, each an integer with a reason a person can read.
 * Weights: sector 30, distance 25, capacity 20, urgency 15, track record 10.
 */
export function scorePair(
  offer: OfferInput,
  need: NeedInput,
  ctx: MatchContext,
  needProvinceGroup?: Map<string, string>,
): Score {
  const parts: ScorePart[] = []

  const focused = offer.sectors.length <= 2
  parts.push(
    focused
      ? {
          key: 'sector',
          points: 30,
          max: 30,
          reason: { id: 'Bidang penawaran sama persis dengan kebutuhan', en: 'The offer specialises in this sector' },
        }
      : {
          key: 'sector',
          points: 20,
          max: 30,
          reason: {
            id: `Bidang cocok (penawaran mencakup ${offer.sectors.length} bidang)`,
            en: `Sector matches (the offer covers ${offer.sectors.length} sectors)`,
          },
        },
  )

  const sameProvince = offer.provinces.includes(need.provinceId)
  const offerGroups = needProvinceGroup
    ? new Set(offer.provinces.map((p) => needProvinceGroup.get(p)))
    : new Set<string | undefined>()
  if (sameProvince) {
    parts.push({
      key: 'distance',
      points: 25,
      max: 25,
      reason: { id: 'Mitra melayani provinsi yang sama', en: 'The partner serves the same province' },
    })
  } else if (offerGroups.has(need.islandGroup)) {
    parts.push({
      key: 'distance',
      points: 15,
      max: 25,
      reason: { id: 'Mitra melayani pulau/kepulauan yang sama', en: 'The partner serves the same island group' },
    })
  } else {
    parts.push({
      key: 'distance',
      points: 5,
      max: 25,
      reason: { id: 'Mitra berskala nasional', en: 'The partner works nationally' },
    })
  }

  const remainingNeed = unmet(need)
  const coverage = remainingNeed > 0 ? Math.min(1, offer.capacityRemaining / remainingNeed) : 0
  const capacityPoints = Math.floor(coverage * 20)
  parts.push({
    key: 'capacity',
    points: capacityPoints,
    max: 20,
    reason:
      coverage >= 1
        ? { id: 'Kapasitas penawaran mencukupi seluruh kebutuhan', en: 'The offer can cover the whole need' }
        : {
            id: `Kapasitas penawaran mencukupi ${Math.floor(coverage * 100)}% kebutuhan`,
            en: `The offer can cover ${Math.floor(coverage * 100)}% of the need`,
          },
  })

  if (need.neededBy === null) {
    parts.push({ key: 'urgency', points: 5, max: 15, reason: { id: 'Tanpa tenggat', en: 'No deadline' } })
  } else {
    const days = daysBetween(ctx.today, need.neededBy)
    const points = days <= 30 ? 15 : days <= 90 ? 10 : 5
    parts.push({
      key: 'urgency',
      points,
      max: 15,
      reason:
        days < 0
          ? { id: 'Tenggat sudah lewat', en: 'The deadline has passed' }
          : { id: `Dibutuhkan dalam ${days} hari`, en: `Needed within ${days} days` },
    })
  }

  const record = ctx.trackRecords.get(offer.partnerId)
  const done = (record?.completed ?? 0) + (record?.cancelled ?? 0)
  if (!record || done === 0) {
    parts.push({
      key: 'trackRecord',
      points: 5,
      max: 10,
      reason: { id: 'Mitra baru, belum ada riwayat kerja sama', en: 'New partner, no agreements yet' },
    })
  } else {
    const points = Math.floor((record.completed * 10) / done)
    parts.push({
      key: 'trackRecord',
      points,
      max: 10,
      reason: {
        id: `${record.completed} dari ${done} kerja sama selesai`,
        en: `${record.completed} of ${done} agreements completed`,
      },
    })
  }

  return { total: parts.reduce((s, p) => s + p.points, 0), parts }
}

export interface Suggestion {
  offerId: string
  needId: string
  score: Score
}

const bySuggestionOrder = (a: Suggestion, b: Suggestion) =>
  b.score.total - a.score.total ||
  (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0)

/**
 * Candidates are looked up by (kind, sector) rather than by scanning every pair: the same idea
 * the database queries use with their (kind, sector) indexes.
 */
export class NeedIndex {
  readonly #buckets = new Map<string, NeedInput[]>()
  constructor(needs: Iterable<NeedInput>) {
    for (const n of needs) {
      const key = `${n.kind}|${n.sectorId}`
      const bucket = this.#buckets.get(key)
      if (bucket) bucket.push(n)
      else this.#buckets.set(key, [n])
    }
  }
  candidates(offer: OfferInput): NeedInput[] {
    const out: NeedInput[] = []
    for (const s of new Set(offer.sectors)) {
      const bucket = this.#buckets.get(`${offer.kind}|${s}`)
      if (bucket) out.push(...bucket)
    }
    return out
  }
}

/** Best needs for one offer, highest score first (ties broken by id, so results are stable). */
export function suggestNeedsForOffer(
  offer: OfferInput,
  index: NeedIndex,
  ctx: MatchContext,
  provinceGroups: Map<string, string>,
  limit = 10,
): Suggestion[] {
  const out: Suggestion[] = []
  for (const need of index.candidates(offer)) {
    if (hardRuleFailures(offer, need, ctx).length > 0) continue
    out.push({ offerId: offer.id, needId: need.id, score: scorePair(offer, need, ctx, provinceGroups) })
  }
  return out.sort(bySuggestionOrder).slice(0, limit)
}

/** Best offers for one need. */
export function suggestOffersForNeed(
  need: NeedInput,
  offers: Iterable<OfferInput>,
  ctx: MatchContext,
  provinceGroups: Map<string, string>,
  limit = 10,
): Suggestion[] {
  const out: Suggestion[] = []
  for (const offer of offers) {
    if (hardRuleFailures(offer, need, ctx).length > 0) continue
    out.push({ offerId: offer.id, needId: need.id, score: scorePair(offer, need, ctx, provinceGroups) })
  }
  return out.sort(bySuggestionOrder).slice(0, limit)
}

/** Full recompute: top suggestions for every offer, and the needs nobody can serve. */
export function recomputeAll(
  offers: OfferInput[],
  needs: NeedInput[],
  ctx: MatchContext,
  provinceGroups: Map<string, string>,
  perOffer = 10,
): { byOffer: Map<string, Suggestion[]>; needsWithoutCandidate: string[] } {
  const index = new NeedIndex(needs)
  const byOffer = new Map<string, Suggestion[]>()
  const served = new Set<string>()
  for (const offer of offers) {
    const list: Suggestion[] = []
    for (const need of index.candidates(offer)) {
      if (hardRuleFailures(offer, need, ctx).length > 0) continue
      served.add(need.id)
      list.push({ offerId: offer.id, needId: need.id, score: scorePair(offer, need, ctx, provinceGroups) })
    }
    byOffer.set(offer.id, list.sort(bySuggestionOrder).slice(0, perOffer))
  }
  // A need the floor forbids is not waiting for a partner: nobody may serve it.
  const needsWithoutCandidate = needs
    .filter((n) => unmet(n) > 0 && n.programActive && !neverAllowed(n.uptType, n.kind) && !served.has(n.id))
    .map((n) => n.id)
  return { byOffer, needsWithoutCandidate }
}
