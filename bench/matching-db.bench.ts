/**
 * Matching from SQLite at national volume: 627 UPTs, 3,000 partners, 12,000 offers, 8,000
 * programs with one need each. Measures what the pages do: a full recompute that loads every
 * open offer and need from the database and ranks them, one new offer's suggestions (indexed
 * candidate query + scoring) and one need's suggestions. Data are generated deterministically.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteDb, migrateToLatest } from '../db/client.ts'
import { seedReference } from '../db/seed/reference.ts'
import { PROVINCES, SECTORS } from '../db/seed/reference-data.ts'
import { SUPPORT_KINDS } from '../app/domain/registry/kinds.ts'
import { needsForOffer, offersForNeed, recomputeFromDb } from '../app/domain/matching/candidates.ts'
import { median, recordBenchmark } from './report.ts'

let state = 7
const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
const LEVELS = ['super_maximum', 'maximum', 'medium', 'minimum'] as const
const TYPES = ['lapas', 'lapas', 'lapas', 'rutan', 'lpka', 'bapas'] as const
const TODAY = '2026-11-28'
const NOW = '2026-11-28T00:00:00.000Z'
const id = (prefix: string, i: number) => `${prefix}-${String(i).padStart(6, '0')}`

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matching-bench-'))
const file = path.join(dir, 'bench.db')
const { db, sqlite } = createSqliteDb(file)
await migrateToLatest(db)
await seedReference(db)

const t0 = performance.now()
sqlite.transaction(() => {
  const kanwilOf = new Map(
    sqlite
      .prepare('select id, kanwil_id from provinces')
      .all()
      .map((r) => [(r as { id: string }).id, (r as { kanwil_id: string }).kanwil_id]),
  )
  const existing = (sqlite.prepare('select id from upts').all() as { id: string }[]).map((r) => r.id)
  const upt = sqlite.prepare(
    'insert into upts (id, slug, name, type, province_id, kanwil_id, city, timezone, note, created_at) values (?,?,?,?,?,?,?,?,?,?)',
  )
  const hist = sqlite.prepare(
    'insert into upt_status_history (id, upt_id, class, security_level, effective_from, note, created_at, created_by) values (?,?,?,?,?,?,?,?)',
  )
  const upts = [...existing]
  for (let i = existing.length; i < 627; i++) {
    const p = pick(PROVINCES)
    const u = id('upt', i)
    upt.run(u, u, `UPT ${i}`, pick(TYPES), p.id, kanwilOf.get(p.id), 'Kota', null, null, NOW)
    if (rand() < 0.7) hist.run(id('h', i), u, 'IIA', pick(LEVELS), '2020-01-01', null, NOW, null)
    upts.push(u)
  }
  const partner = sqlite.prepare(
    "insert into partners (id, slug, name, org_type, status, contact_email, contact_phone, description, created_at, updated_at, national) values (?,?,?,'company',?,?,null,null,?,?,0)",
  )
  for (let i = 0; i < 3000; i++)
    partner.run(
      id('p', i),
      id('p', i),
      `Mitra ${i}`,
      rand() < 0.9 ? 'verified' : 'pending',
      `p${i}@bench.local`,
      NOW,
      NOW,
    )
  const offer = sqlite.prepare(
    "insert into offers (id, partner_id, kind, title, description, terms, status, national, valid_from, valid_until, unit, capacity_total, capacity_remaining, created_by, created_at, updated_at, published_at) values (?,?,?,?,null,'{}',?,?,'2026-01-01',?,'seats',?,?,null,?,?,?)",
  )
  const os_ = sqlite.prepare('insert into offer_sectors (offer_id, sector_id) values (?,?)')
  const op = sqlite.prepare('insert into offer_provinces (offer_id, province_id) values (?,?)')
  const ol = sqlite.prepare('insert into offer_security_levels (offer_id, security_level) values (?,?)')
  for (let i = 0; i < 12_000; i++) {
    const o = id('o', i)
    const national = rand() < 0.2
    const cap = 1 + Math.floor(rand() * 50)
    offer.run(
      o,
      id('p', i % 3000),
      pick(SUPPORT_KINDS),
      `Penawaran ${i}`,
      rand() < 0.85 ? 'open' : 'closed',
      national ? 1 : 0,
      rand() < 0.9 ? '2027-06-30' : '2026-06-30',
      cap,
      cap,
      NOW,
      NOW,
      NOW,
    )
    for (const s of new Set([pick(SECTORS).id, ...(rand() < 0.4 ? [pick(SECTORS).id] : [])])) os_.run(o, s)
    if (!national) for (const p of new Set([pick(PROVINCES).id, pick(PROVINCES).id])) op.run(o, p)
    if (rand() < 0.3) for (const l of ['medium', 'minimum']) ol.run(o, l)
  }
  const program = sqlite.prepare(
    "insert into programs (id, slug, upt_id, sector_id, title, description, participants, eligibility_rule, schedule, status, created_by, created_at, updated_at) values (?,?,?,?,?,'Program bench',20,null,null,?,null,?,?)",
  )
  const need = sqlite.prepare(
    "insert into program_needs (id, program_id, kind, quantity, unit, needed_by, quantity_covered, note, created_at) values (?,?,?,?,'seats',?,?,null,?)",
  )
  for (let i = 0; i < 8000; i++) {
    const g = id('g', i)
    program.run(g, g, pick(upts), pick(SECTORS).id, `Program ${i}`, rand() < 0.95 ? 'active' : 'paused', NOW, NOW)
    const q = 1 + Math.floor(rand() * 40)
    need.run(
      id('n', i),
      g,
      pick(SUPPORT_KINDS),
      q,
      rand() < 0.8 ? `2027-0${1 + Math.floor(rand() * 9)}-15` : null,
      Math.min(q, Math.floor(rand() * 10)),
      NOW,
    )
  }
})()
sqlite.pragma('analysis_limit = 1000')
sqlite.exec('analyze')
const genMs = performance.now() - t0

const full: number[] = []
let suggestions = 0
let orphans = 0
for (let run = 0; run < 3; run++) {
  const t = performance.now()
  const r = await recomputeFromDb(db, TODAY)
  full.push(performance.now() - t)
  suggestions = [...r.byOffer.values()].reduce((s, l) => s + l.length, 0)
  orphans = r.needsWithoutCandidate.length
}
const openOffers = (
  sqlite
    .prepare("select id from offers where status = 'open' and valid_until >= ? and capacity_remaining > 0 order by id")
    .all(TODAY) as { id: string }[]
).map((r) => r.id)
const single: number[] = []
for (let run = 0; run < 100; run++) {
  const t = performance.now()
  await needsForOffer(db, openOffers[(run * 97) % openOffers.length]!, 10, TODAY)
  single.push(performance.now() - t)
}
const needIds = (sqlite.prepare('select id from program_needs order by id').all() as { id: string }[]).map((r) => r.id)
const perNeed: number[] = []
for (let run = 0; run < 100; run++) {
  const t = performance.now()
  await offersForNeed(db, needIds[(run * 61) % needIds.length]!, 10, TODAY)
  perNeed.push(performance.now() - t)
}
await db.destroy()
fs.rmSync(dir, { recursive: true, force: true })

const fullMs = median(full)
const singleMs = median(single)
const needMs = median(perNeed)
recordBenchmark(
  'Matching from SQLite (627 UPTs, 3,000 partners, 12,000 offers x 8,000 needs)',
  'npm run bench -- matching-db',
  [
    `| measure | median | target | ok |`,
    `|---|---|---|---|`,
    `| full recompute incl. loading all open offers and needs (3 runs) | ${fullMs.toFixed(0)} ms | < 2000 ms | ${fullMs < 2000 ? 'yes' : 'NO'} |`,
    `| one offer's suggestions: indexed candidate query + scoring (100 offers) | ${singleMs.toFixed(2)} ms | < 20 ms | ${singleMs < 20 ? 'yes' : 'NO'} |`,
    `| one need's suggestions (100 needs) | ${needMs.toFixed(2)} ms | — | — |`,
    '',
    `${suggestions} suggestions kept (top 10 per offer); ${orphans} open needs without any candidate. Data generation took ${(genMs / 1000).toFixed(1)} s (not measured).`,
  ],
)
