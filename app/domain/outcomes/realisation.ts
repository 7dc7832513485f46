import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { SupportKindName, TargetScope } from '#db/schema.ts'
import { todayIn } from '#app/lib/time.ts'

export interface RealisationFilter {
  year: number
  kanwilId?: string
  provinceId?: string
  uptId?: string
}

export interface Counts {
  trained: number
  certified: number
}

const QUARTER = sql<number>`((cast(substr(oc.occurred_on, 6, 2) as integer) + 2) / 3)`

function scoped(db: DB, f: RealisationFilter) {
  let q = db
    .selectFrom('outcomes as oc')
    .innerJoin('upts as u', 'u.id', 'oc.upt_id')
    .where('oc.metric', 'in', ['trained', 'certified'])
    .where('oc.occurred_on', '>=', `${f.year}-01-01`)
    .where('oc.occurred_on', '<=', `${f.year}-12-31`)
  if (f.kanwilId) q = q.where('u.kanwil_id', '=', f.kanwilId)
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  if (f.uptId) q = q.where('oc.upt_id', '=', f.uptId)
  return q
}

const sums = [
  sql<number>`coalesce(sum(case when oc.metric = 'trained' then oc.count else 0 end), 0)`.as('trained'),
  sql<number>`coalesce(sum(case when oc.metric = 'certified' then oc.count else 0 end), 0)`.as('certified'),
] as const

async function targetFor(db: DB, f: RealisationFilter): Promise<Partial<Counts>> {
  let scopeType: TargetScope = 'national'
  let scopeId = ''
  if (f.uptId) {
    scopeType = 'upt'
    scopeId = f.uptId
  } else if (f.kanwilId) {
    scopeType = 'kanwil'
    scopeId = f.kanwilId
  } else if (f.provinceId) {
    // A province has no target of its own: the sum of its UPTs' targets, when any are set.
    const rows = await db
      .selectFrom('realisation_targets as t')
      .innerJoin('upts as u', 'u.id', 't.scope_id')
      .select(['t.metric', sql<number>`sum(t.target)`.as('target')])
      .where('t.year', '=', f.year)
      .where('t.scope_type', '=', 'upt')
      .where('u.province_id', '=', f.provinceId)
      .groupBy('t.metric')
      .execute()
    return Object.fromEntries(rows.map((r) => [r.metric, Number(r.target)]))
  }
  const rows = await db
    .selectFrom('realisation_targets')
    .select(['metric', 'target'])
    .where('year', '=', f.year)
    .where('scope_type', '=', scopeType)
    .where('scope_id', '=', scopeId)
    .execute()
  return Object.fromEntries(rows.map((r) => [r.metric, r.target]))
}

/**
 * Trained and certified counts against the target of the narrowest scope chosen
 * (UPT > Kanwil > province as the sum of its UPTs > national), by quarter, by support kind and
 * by the next level down (Kanwil under national, UPT under a Kanwil or province).
 */
export async function realisation(db: DB, f: RealisationFilter) {
  const [total, byQuarterRows, byKindRows, target] = await Promise.all([
    scoped(db, f)
      .select([...sums])
      .executeTakeFirstOrThrow(),
    scoped(db, f)
      .select([QUARTER.as('quarter'), ...sums])
      .groupBy('quarter')
      .execute(),
    scoped(db, f)
      .select(['oc.kind', ...sums])
      .groupBy('oc.kind')
      .execute(),
    targetFor(db, f),
  ])
  const byQuarter = [1, 2, 3, 4].map((q) => {
    const r = byQuarterRows.find((x) => Number(x.quarter) === q)
    return { quarter: q, trained: Number(r?.trained ?? 0), certified: Number(r?.certified ?? 0) }
  })
  const byKind = byKindRows
    .map((r) => ({ kind: r.kind, trained: Number(r.trained), certified: Number(r.certified) }))
    .sort((a, b) => b.trained - a.trained || String(a.kind).localeCompare(String(b.kind)))

  let byArea: {
    id: string
    name: string
    trained: number
    certified: number
    targetTrained: number | null
    targetCertified: number | null
  }[] = []
  if (!f.uptId) {
    const level: 'kanwil' | 'upt' = f.kanwilId || f.provinceId ? 'upt' : 'kanwil'
    const rows =
      level === 'kanwil'
        ? await scoped(db, f)
            .innerJoin('kanwils as k', 'k.id', 'u.kanwil_id')
            .select(['k.id', 'k.name', ...sums])
            .groupBy(['k.id', 'k.name'])
            .execute()
        : await scoped(db, f)
            .select(['u.id', 'u.name', ...sums])
            .groupBy(['u.id', 'u.name'])
            .execute()
    const targets = await db
      .selectFrom('realisation_targets')
      .select(['scope_id', 'metric', 'target'])
      .where('year', '=', f.year)
      .where('scope_type', '=', level)
      .execute()
    const t = (id: string, m: 'trained' | 'certified') =>
      targets.find((x) => x.scope_id === id && x.metric === m)?.target ?? null
    // A Kanwil or UPT with a target and nothing recorded yet shows too (0 against its target).
    const missing = [...new Set(targets.map((x) => x.scope_id))].filter((id) => !rows.some((r) => r.id === id))
    if (missing.length) {
      const idle =
        level === 'kanwil'
          ? await db.selectFrom('kanwils').select(['id', 'name']).where('id', 'in', missing).execute()
          : await (() => {
              let q = db.selectFrom('upts as u').select(['u.id', 'u.name']).where('u.id', 'in', missing)
              if (f.kanwilId) q = q.where('u.kanwil_id', '=', f.kanwilId)
              if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
              return q.execute()
            })()
      rows.push(...idle.map((r) => ({ ...r, trained: 0, certified: 0 })))
    }
    byArea = rows
      .map((r) => ({
        id: r.id,
        name: r.name,
        trained: Number(r.trained),
        certified: Number(r.certified),
        targetTrained: t(r.id, 'trained'),
        targetCertified: t(r.id, 'certified'),
      }))
      .sort((a, b) => b.trained - a.trained || a.name.localeCompare(b.name))
  }
  return {
    year: f.year,
    total: { trained: Number(total.trained), certified: Number(total.certified) },
    target: { trained: target.trained ?? null, certified: target.certified ?? null },
    byQuarter,
    byKind,
    byArea,
  }
}

/**
 * Trained and certified per province for the year and filters (provinces with no outcomes are
 * left out: the map shows them as "no figures").
 */
export async function realisationByProvince(db: DB, f: RealisationFilter) {
  const rows = await scoped(db, f)
    .select(['u.province_id', ...sums])
    .groupBy('u.province_id')
    .execute()
  return rows.map((r) => ({ provinceId: r.province_id, trained: Number(r.trained), certified: Number(r.certified) }))
}

/** Trained and certified per year (oldest first) for the place filters, every year from the first to `years`' newest. */
export async function realisationByYear(db: DB, f: Omit<RealisationFilter, 'year'>, years: number[]) {
  let q = db
    .selectFrom('outcomes as oc')
    .innerJoin('upts as u', 'u.id', 'oc.upt_id')
    .where('oc.metric', 'in', ['trained', 'certified'])
  if (f.kanwilId) q = q.where('u.kanwil_id', '=', f.kanwilId)
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  if (f.uptId) q = q.where('oc.upt_id', '=', f.uptId)
  const YEAR = sql<string>`substr(oc.occurred_on, 1, 4)`
  const rows = await q
    .select([YEAR.as('year'), ...sums])
    .groupBy(YEAR)
    .execute()
  const all = [...new Set([...years, ...rows.map((r) => Number(r.year))])]
  if (!all.length) return []
  const from = Math.min(...all)
  const to = Math.max(...all)
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const year = from + i
    const r = rows.find((x) => Number(x.year) === year)
    return { year, trained: Number(r?.trained ?? 0), certified: Number(r?.certified ?? 0) }
  })
}

/** Years that have outcomes or targets, newest first, always including the current year. */
export async function realisationYears(db: DB, today: string = todayIn()): Promise<number[]> {
  const [a, b] = await Promise.all([
    db
      .selectFrom('outcomes')
      .select(sql<string>`distinct substr(occurred_on, 1, 4)`.as('y'))
      .execute(),
    db.selectFrom('realisation_targets').select('year').distinct().execute(),
  ])
  const years = new Set<number>([Number(today.slice(0, 4)), ...a.map((r) => Number(r.y)), ...b.map((r) => r.year)])
  return [...years].sort((x, y) => y - x)
}

/**
 * The headline figures of /impact as it opens (no filters, the newest year): the same
 * `realisation` the page shows, plus how many provinces have results. The Open Graph image
 * (`/impact/og.png`) draws these, so what people share matches the page.
 */
export async function impactHeadline(db: DB, today: string = todayIn()) {
  const years = await realisationYears(db, today)
  const year = years[0]!
  const [r, byProvince] = await Promise.all([realisation(db, { year }), realisationByProvince(db, { year })])
  return {
    year,
    trained: r.total.trained,
    certified: r.total.certified,
    targetTrained: r.target.trained,
    targetCertified: r.target.certified,
    provinces: byProvince.filter((p) => p.trained > 0 || p.certified > 0).length,
  }
}

export type ImpactHeadline = Awaited<ReturnType<typeof impactHeadline>>

export interface RealisationRowsFilter {
  year?: number
  quarter?: number
  kanwilId?: string
  provinceId?: string
  uptId?: string
  kind?: SupportKindName
}

/**
 * The open-data API's realisation: trained and certified people per year, quarter, UPT (with its
 * province and Kanwil) and kind of support, the finest grain /impact adds up (counts only: no
 * program, agreement or note). Sorted for stable pages.
 */
export async function realisationRows(db: DB, f: RealisationRowsFilter) {
  let q = db
    .selectFrom('outcomes as oc')
    .innerJoin('upts as u', 'u.id', 'oc.upt_id')
    .innerJoin('kanwils as k', 'k.id', 'u.kanwil_id')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .where('oc.metric', 'in', ['trained', 'certified'])
  if (f.year) q = q.where('oc.occurred_on', '>=', `${f.year}-01-01`).where('oc.occurred_on', '<=', `${f.year}-12-31`)
  if (f.quarter) q = q.where(QUARTER, '=', f.quarter)
  if (f.kanwilId) q = q.where('u.kanwil_id', '=', f.kanwilId)
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  if (f.uptId) q = q.where('oc.upt_id', '=', f.uptId)
  if (f.kind) q = q.where('oc.kind', '=', f.kind)
  const rows = await q
    .select([
      sql<string>`substr(oc.occurred_on, 1, 4)`.as('year'),
      QUARTER.as('quarter'),
      'u.id as upt_id',
      'u.name as upt_name',
      'p.id as province_id',
      'p.name as province_name',
      'k.id as kanwil_id',
      'k.name as kanwil_name',
      'oc.kind',
      ...sums,
    ])
    .groupBy(['year', 'quarter', 'u.id', 'u.name', 'p.id', 'p.name', 'k.id', 'k.name', 'oc.kind'])
    .execute()
  return rows
    .map((r) => ({
      ...r,
      year: Number(r.year),
      quarter: Number(r.quarter),
      trained: Number(r.trained),
      certified: Number(r.certified),
    }))
    .sort(
      (a, b) =>
        a.year - b.year ||
        a.quarter - b.quarter ||
        a.upt_name.localeCompare(b.upt_name) ||
        String(a.kind).localeCompare(String(b.kind)),
    )
}
