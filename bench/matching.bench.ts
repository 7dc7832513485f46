/**
 * Matching at national scale: 12,000 offers x 8,000 needs. Target (docs/quality.md, Performance): full recompute
 * < 2 s, one new offer < 20 ms. Data are generated deterministically (seeded PRNG).
 */
import {
  DEFAULT_MATCH_SETTINGS,
  type MatchContext,
  NeedIndex,
  type NeedInput,
  type OfferInput,
  recomputeAll,
  suggestNeedsForOffer,
} from '../app/domain/matching/engine.ts'
import { SUPPORT_KINDS } from '../app/domain/registry/kinds.ts'
import { PROVINCES, SECTORS } from '../db/seed/reference-data.ts'
import { median, recordBenchmark } from './report.ts'

let state = 42
const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
const LEVELS = ['super_maximum', 'maximum', 'medium', 'minimum'] as const
const TYPES = ['lapas', 'lapas', 'lapas', 'rutan', 'lpka', 'bapas'] as const
const groups = new Map(PROVINCES.map((p) => [p.id, p.islandGroup]))

function offer(i: number): OfferInput {
  const sectors = new Set([pick(SECTORS).id])
  if (rand() < 0.4) sectors.add(pick(SECTORS).id)
  const national = rand() < 0.2
  return {
    id: `o${i}`,
    kind: pick(SUPPORT_KINDS),
    partnerId: `p${i % 3000}`,
    partnerVerified: rand() < 0.9,
    status: rand() < 0.85 ? 'open' : 'closed',
    validFrom: '2026-01-01',
    validUntil: rand() < 0.9 ? '2027-06-30' : '2026-06-30',
    sectors: [...sectors],
    national,
    provinces: national ? [] : [pick(PROVINCES).id, pick(PROVINCES).id],
    securityLevels: rand() < 0.7 ? [] : ['medium', 'minimum'],
    uptTypes: [],
    capacityRemaining: Math.floor(rand() * 50),
  }
}
function need(i: number): NeedInput {
  const p = pick(PROVINCES)
  return {
    id: `n${i}`,
    programId: `pr${Math.floor(i / 2)}`,
    uptId: `u${i % 627}`,
    kind: pick(SUPPORT_KINDS),
    sectorId: pick(SECTORS).id,
    provinceId: p.id,
    islandGroup: p.islandGroup,
    uptType: pick(TYPES),
    securityLevel: rand() < 0.3 ? null : pick(LEVELS),
    quantity: 1 + Math.floor(rand() * 40),
    quantityCovered: Math.floor(rand() * 10),
    neededBy: rand() < 0.8 ? `2027-0${1 + Math.floor(rand() * 9)}-15` : null,
    programActive: rand() < 0.95,
  }
}

const offers = Array.from({ length: 12_000 }, (_, i) => offer(i))
const needs = Array.from({ length: 8_000 }, (_, i) => need(i))
const ctx: MatchContext = {
  today: '2026-11-28',
  settings: DEFAULT_MATCH_SETTINGS,
  trackRecords: new Map([['p1', { completed: 2, cancelled: 1 }]]),
}

const full: number[] = []
let suggestions = 0
let orphans = 0
for (let run = 0; run < 5; run++) {
  const t = performance.now()
  const r = recomputeAll(offers, needs, ctx, groups)
  full.push(performance.now() - t)
  suggestions = [...r.byOffer.values()].reduce((s, l) => s + l.length, 0)
  orphans = r.needsWithoutCandidate.length
}
const index = new NeedIndex(needs)
const single: number[] = []
for (let run = 0; run < 200; run++) {
  const o = offer(100_000 + run)
  const t = performance.now()
  suggestNeedsForOffer({ ...o, partnerVerified: true, status: 'open' }, index, ctx, groups)
  single.push(performance.now() - t)
}
const fullMs = median(full)
const singleMs = median(single)
recordBenchmark('Matching engine (12,000 offers x 8,000 needs, in memory)', 'npm run bench -- matching', [
  `| measure | median | target | ok |`,
  `|---|---|---|---|`,
  `| full recompute (5 runs) | ${fullMs.toFixed(0)} ms | < 2000 ms | ${fullMs < 2000 ? 'yes' : 'NO'} |`,
  `| one new offer (200 runs) | ${singleMs.toFixed(2)} ms | < 20 ms | ${singleMs < 20 ? 'yes' : 'NO'} |`,
  '',
  `${suggestions} suggestions kept (top 10 per offer); ${orphans} open needs without any candidate. Excludes loading rows from the database.`,
])
