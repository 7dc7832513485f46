import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_MATCH_SETTINGS,
  hardRuleFailures,
  type MatchContext,
  NeedIndex,
  type NeedInput,
  type OfferInput,
  recomputeAll,
  scorePair,
  suggestNeedsForOffer,
  suggestOffersForNeed,
} from '#app/domain/matching/engine.ts'
import { SUPPORT_KINDS, type SupportKind } from '#app/domain/registry/kinds.ts'

const SECTORS = ['furniture', 'batik_textile', 'food', 'crafts']
const PROVINCES = ['33', '35', '51', '64', '73']
const GROUPS = new Map([
  ['33', 'jawa'],
  ['35', 'jawa'],
  ['51', 'bali_nusra'],
  ['64', 'kalimantan'],
  ['73', 'sulawesi'],
])
const LEVELS = ['super_maximum', 'maximum', 'medium', 'minimum'] as const
const TYPES = ['lapas', 'rutan', 'lpka', 'bapas'] as const
const DATES = ['2026-01-01', '2026-06-30', '2026-11-28', '2026-12-31', '2027-03-01']

const offerArb: fc.Arbitrary<OfferInput> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom(...SUPPORT_KINDS),
  partnerId: fc.constantFrom('p1', 'p2', 'p3'),
  partnerVerified: fc.boolean(),
  status: fc.constantFrom('open', 'draft', 'closed', 'open', 'open'),
  validFrom: fc.option(fc.constantFrom(...DATES), { nil: null }),
  validUntil: fc.option(fc.constantFrom(...DATES), { nil: null }),
  sectors: fc.uniqueArray(fc.constantFrom(...SECTORS), { minLength: 1, maxLength: 4 }),
  national: fc.boolean(),
  provinces: fc.uniqueArray(fc.constantFrom(...PROVINCES), { maxLength: 3 }),
  securityLevels: fc.uniqueArray(fc.constantFrom(...LEVELS), { maxLength: 3 }),
  uptTypes: fc.uniqueArray(fc.constantFrom(...TYPES), { maxLength: 2 }),
  capacityRemaining: fc.integer({ min: -1, max: 50 }),
})

const needArb: fc.Arbitrary<NeedInput> = fc
  .record({
    id: fc.uuid(),
    programId: fc.uuid(),
    uptId: fc.constantFrom('u1', 'u2', 'u3'),
    kind: fc.constantFrom(...SUPPORT_KINDS),
    sectorId: fc.constantFrom(...SECTORS),
    provinceId: fc.constantFrom(...PROVINCES),
    uptType: fc.constantFrom(...TYPES),
    securityLevel: fc.option(fc.constantFrom(...LEVELS), { nil: null }),
    quantity: fc.integer({ min: 0, max: 40 }),
    quantityCovered: fc.integer({ min: 0, max: 40 }),
    neededBy: fc.option(fc.constantFrom(...DATES), { nil: null }),
    programActive: fc.boolean(),
  })
  .map((n) => ({ ...n, islandGroup: GROUPS.get(n.provinceId)! }))

const ctx: MatchContext = {
  today: '2026-11-28',
  settings: DEFAULT_MATCH_SETTINGS,
  trackRecords: new Map([
    ['p1', { completed: 3, cancelled: 1 }],
    ['p2', { completed: 0, cancelled: 2 }],
  ]),
}

/** The hard rules written out again, independently of the engine, as the oracle. */
function allowed(o: OfferInput, n: NeedInput): boolean {
  const level = n.securityLevel ?? 'medium'
  return (
    o.kind === n.kind &&
    o.partnerVerified &&
    o.status === 'open' &&
    (o.validFrom === null || o.validFrom <= ctx.today) &&
    (o.validUntil === null || o.validUntil >= ctx.today) &&
    o.sectors.includes(n.sectorId) &&
    (o.national || o.provinces.includes(n.provinceId)) &&
    DEFAULT_MATCH_SETTINGS.kindsBySecurity[level].includes(n.kind) &&
    (o.securityLevels.length === 0 || o.securityLevels.includes(level)) &&
    DEFAULT_MATCH_SETTINGS.kindsByUptType[n.uptType].includes(n.kind) &&
    (o.uptTypes.length === 0 || o.uptTypes.includes(n.uptType)) &&
    o.capacityRemaining > 0 &&
    n.quantity - n.quantityCovered > 0 &&
    n.programActive
  )
}

describe('matching engine (property tests)', () => {
  test('no suggestion ever breaks a hard rule, and every allowed pair is found', () => {
    fc.assert(
      fc.property(fc.array(offerArb, { maxLength: 25 }), fc.array(needArb, { maxLength: 40 }), (offers, needs) => {
        const { byOffer } = recomputeAll(offers, needs, ctx, GROUPS, 1000)
        const needsById = new Map(needs.map((n) => [n.id, n]))
        for (const o of offers) {
          const got = byOffer.get(o.id) ?? []
          for (const s of got) expect(allowed(o, needsById.get(s.needId)!)).toBe(true)
          const expected = needs
            .filter((n) => allowed(o, n))
            .map((n) => n.id)
            .sort()
          expect(got.map((s) => s.needId).sort()).toEqual([...new Set(expected)].sort())
        }
      }),
      { numRuns: 200 },
    )
  })

  test('scores are deterministic whatever the input order, and reasons match the parts', () => {
    fc.assert(
      fc.property(
        fc.array(offerArb, { minLength: 1, maxLength: 15 }),
        fc.array(needArb, { maxLength: 30 }),
        fc.nat(),
        (offers, needs, seed) => {
          const a = recomputeAll(offers, needs, ctx, GROUPS)
          const shuffled = [...needs].sort(
            (x, y) => ((x.id.charCodeAt(seed % 8) ^ seed) % 7) - ((y.id.charCodeAt(seed % 8) ^ seed) % 7),
          )
          const b = recomputeAll([...offers].reverse(), shuffled, ctx, GROUPS)
          for (const o of offers) expect(b.byOffer.get(o.id)).toEqual(a.byOffer.get(o.id))
          for (const list of a.byOffer.values()) {
            for (const s of list) {
              const parts = s.score.parts
              expect(parts.map((p) => p.key)).toEqual(['sector', 'distance', 'capacity', 'urgency', 'trackRecord'])
              expect(s.score.total).toBe(parts.reduce((t, p) => t + p.points, 0))
              expect(s.score.total).toBeGreaterThanOrEqual(0)
              expect(s.score.total).toBeLessThanOrEqual(100)
              for (const p of parts) {
                expect(Number.isInteger(p.points)).toBe(true)
                expect(p.points).toBeGreaterThanOrEqual(0)
                expect(p.points).toBeLessThanOrEqual(p.max)
                expect(p.reason.id.length).toBeGreaterThan(0)
                expect(p.reason.en.length).toBeGreaterThan(0)
              }
            }
            for (let i = 1; i < list.length; i++)
              expect(list[i - 1]!.score.total).toBeGreaterThanOrEqual(list[i]!.score.total)
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  test('per-offer and per-need suggestions agree with the full recompute', () => {
    fc.assert(
      fc.property(
        fc.array(offerArb, { minLength: 1, maxLength: 15 }),
        fc.array(needArb, { minLength: 1, maxLength: 30 }),
        (offers, needs) => {
          const full = recomputeAll(offers, needs, ctx, GROUPS, 1000)
          const index = new NeedIndex(needs)
          for (const o of offers)
            expect(suggestNeedsForOffer(o, index, ctx, GROUPS, 1000)).toEqual(full.byOffer.get(o.id))
          for (const n of needs) {
            const fromNeed = suggestOffersForNeed(n, offers, ctx, GROUPS, 1000)
              .map((s) => s.offerId)
              .sort()
            const fromFull = [...full.byOffer.values()]
              .flat()
              .filter((s) => s.needId === n.id)
              .map((s) => s.offerId)
              .sort()
            expect(fromNeed).toEqual(fromFull)
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('matching engine (examples)', () => {
  const offer: OfferInput = {
    id: 'o1',
    kind: 'training',
    partnerId: 'p1',
    partnerVerified: true,
    status: 'open',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    sectors: ['batik_textile'],
    national: false,
    provinces: ['33'],
    securityLevels: [],
    uptTypes: [],
    capacityRemaining: 20,
  }
  const need: NeedInput = {
    id: 'n1',
    programId: 'pr1',
    uptId: 'u1',
    kind: 'training',
    sectorId: 'batik_textile',
    provinceId: '33',
    islandGroup: 'jawa',
    uptType: 'lapas',
    securityLevel: 'medium',
    quantity: 20,
    quantityCovered: 0,
    neededBy: '2026-12-15',
    programActive: true,
  }
  test('a perfect local pair scores high with readable reasons', () => {
    const s = scorePair(offer, need, ctx, GROUPS)
    expect(s.total).toBe(30 + 25 + 20 + 15 + 7)
    expect(s.parts.find((p) => p.key === 'trackRecord')!.reason.en).toBe('3 of 4 agreements completed')
    expect(s.parts.find((p) => p.key === 'urgency')!.reason.id).toBe('Dibutuhkan dalam 17 hari')
  })
  test('security levels follow the settings: a super-maximum prison takes experts only', () => {
    expect(hardRuleFailures(offer, { ...need, securityLevel: 'super_maximum' }, ctx)).toEqual(['securityLevel'])
    expect(
      hardRuleFailures({ ...offer, kind: 'expert' }, { ...need, kind: 'expert', securityLevel: 'super_maximum' }, ctx),
    ).toEqual([])
  })
  test('LPKA takes no production offtake', () => {
    const a = { ...offer, kind: 'absorption' as const }
    expect(
      hardRuleFailures(a, { ...need, kind: 'absorption', uptType: 'lpka', securityLevel: 'minimum' }, ctx),
    ).toEqual(['lpkaFloor', 'uptType'])
  })
  test('an expired or unverified offer, a covered need: no match', () => {
    expect(hardRuleFailures({ ...offer, validUntil: '2026-11-27' }, need, ctx)).toEqual(['validity'])
    expect(hardRuleFailures({ ...offer, partnerVerified: false }, need, ctx)).toEqual(['partnerVerified'])
    expect(hardRuleFailures(offer, { ...need, quantityCovered: 20 }, ctx)).toEqual(['unmetNeed'])
  })
  test('needs no offer can serve are reported', () => {
    const other = { ...need, id: 'n2', sectorId: 'food' }
    expect(recomputeAll([offer], [need, other], ctx, GROUPS).needsWithoutCandidate).toEqual(['n2'])
  })
})

/** Any settings an admin could store: every level and UPT type with any set of kinds, LPKA included. */
const settingsArb: fc.Arbitrary<MatchContext['settings']> = fc.record({
  kindsBySecurity: fc.record(
    Object.fromEntries(LEVELS.map((l) => [l, fc.subarray([...SUPPORT_KINDS])])) as Record<
      (typeof LEVELS)[number],
      fc.Arbitrary<SupportKind[]>
    >,
  ),
  kindsByUptType: fc.record(
    Object.fromEntries(TYPES.map((t) => [t, fc.subarray([...SUPPORT_KINDS])])) as Record<
      (typeof TYPES)[number],
      fc.Arbitrary<SupportKind[]>
    >,
  ),
})
const EVERYTHING: MatchContext['settings'] = {
  kindsBySecurity: Object.fromEntries(
    LEVELS.map((l) => [l, [...SUPPORT_KINDS]]),
  ) as MatchContext['settings']['kindsBySecurity'],
  kindsByUptType: Object.fromEntries(
    TYPES.map((t) => [t, [...SUPPORT_KINDS]]),
  ) as MatchContext['settings']['kindsByUptType'],
}
const production = (n: NeedInput) => n.uptType === 'lpka' && (n.kind === 'capital' || n.kind === 'absorption')

describe('the LPKA floor: no setting lets production capital or offtake reach children', () => {
  test('with every kind switched on everywhere, an otherwise perfect LPKA offtake pair is refused, the same pair at a Lapas is not', () => {
    const wide = { ...ctx, settings: EVERYTHING }
    const offer: OfferInput = {
      id: 'o1',
      kind: 'absorption',
      partnerId: 'p1',
      partnerVerified: true,
      status: 'open',
      validFrom: null,
      validUntil: null,
      sectors: ['crafts'],
      national: true,
      provinces: [],
      securityLevels: [],
      uptTypes: [],
      capacityRemaining: 100,
    }
    const need: NeedInput = {
      id: 'n1',
      programId: 'pr1',
      uptId: 'u1',
      kind: 'absorption',
      sectorId: 'crafts',
      provinceId: '33',
      islandGroup: 'jawa',
      uptType: 'lpka',
      securityLevel: 'minimum',
      quantity: 20,
      quantityCovered: 0,
      neededBy: null,
      programActive: true,
    }
    expect(hardRuleFailures(offer, need, wide)).toEqual(['lpkaFloor'])
    expect(hardRuleFailures({ ...offer, kind: 'capital' }, { ...need, kind: 'capital' }, wide)).toEqual(['lpkaFloor'])
    expect(hardRuleFailures(offer, { ...need, uptType: 'lapas' }, wide)).toEqual([])
    // Training, experts and publication stay open to an LPKA.
    for (const kind of ['training', 'expert', 'publication'] as const)
      expect(hardRuleFailures({ ...offer, kind }, { ...need, kind }, wide)).toEqual([])
    expect(recomputeAll([offer], [need], wide, GROUPS).needsWithoutCandidate).toEqual([])
  })

  test('whatever the settings, no suggestion, per offer, per need or in a full recompute, puts an LPKA need of capital or offtake forward', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.array(offerArb, { maxLength: 20 }),
        fc.array(needArb, { maxLength: 30 }),
        (settings, offers, needs) => {
          const c = { ...ctx, settings }
          const byId = new Map(needs.map((n) => [n.id, n]))
          const full = recomputeAll(offers, needs, c, GROUPS, 1000)
          for (const list of full.byOffer.values())
            for (const s of list) expect(production(byId.get(s.needId)!)).toBe(false)
          for (const id of full.needsWithoutCandidate) expect(production(byId.get(id)!)).toBe(false)
          const index = new NeedIndex(needs)
          for (const o of offers)
            for (const s of suggestNeedsForOffer(o, index, c, GROUPS, 1000))
              expect(production(byId.get(s.needId)!)).toBe(false)
          for (const n of needs.filter(production)) {
            expect(suggestOffersForNeed(n, offers, c, GROUPS, 1000)).toEqual([])
            for (const o of offers) expect(hardRuleFailures(o, n, c)).toContain('lpkaFloor')
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
