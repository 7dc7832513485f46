/**
 * Outcomes (counts only: never a person) recorded by UPT staff on agreements and programs,
 * yearly targets, and the realisation figures the dashboards and /impact show.
 */
import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { SupportKindName, TargetScope } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import type { OutcomeForm } from './schemas.ts'

export interface Actor {
  userId: string
  ip?: string | null
}

/**
 * Records one outcome for a UPT: on an agreement (then program, partner and kind come from it)
 * or on one of the UPT's own programs. Dates in the future are refused.
 */
export async function recordOutcome(
  db: DB,
  uptId: string,
  target: { agreementId: string } | { programId: string },
  v: Omit<OutcomeForm, 'intent' | 'programId'>,
  actor: Actor,
  today: string = todayIn(),
) {
  if (v.occurredOn > today) throw new DomainError('outcome.future', 'occurredOn')
  return db.transaction().execute(async (trx) => {
    let programId: string
    let agreementId: string | null = null
    let partnerId: string | null = null
    let kind: SupportKindName | null = null
    if ('agreementId' in target) {
      const a = await trx.selectFrom('agreements').select(['id', 'program_id', 'partner_id', 'kind', 'status']).where('id', '=', target.agreementId).where('upt_id', '=', uptId).executeTakeFirst()
      if (!a) throw new NotFoundError('agreement')
      if (a.status === 'cancelled') throw new DomainError('outcome.agreementCancelled')
      programId = a.program_id
      agreementId = a.id
      partnerId = a.partner_id
      kind = a.kind
    } else {
      const g = await trx.selectFrom('programs').select('id').where('id', '=', target.programId).where('upt_id', '=', uptId).executeTakeFirst()
      if (!g) throw new DomainError('field.invalid', 'programId')
      programId = g.id
    }
    const id = newId()
    await trx
      .insertInto('outcomes')
      .values({
        id,
        upt_id: uptId,
        program_id: programId,
        agreement_id: agreementId,
        partner_id: partnerId,
        kind,
        metric: v.metric,
        count: v.count,
        value_rupiah: v.metric === 'capital' ? (v.valueRupiah ?? null) : null,
        capital_form: v.metric === 'capital' ? (v.capitalForm ?? null) : null,
        certifying_body: v.metric === 'certified' ? (v.certifyingBody ?? null) : null,
        link: v.metric === 'publication' ? (v.link ?? null) : null,
        channel: v.metric === 'publication' ? (v.channel ?? null) : null,
        reach: v.metric === 'publication' ? (v.reach ?? null) : null,
        occurred_on: v.occurredOn,
        note: v.note || null,
        recorded_by: actor.userId,
        created_at: nowIso(),
      })
      .execute()
    await audit(trx, { actorUserId: actor.userId, action: 'outcome.recorded', targetType: agreementId ? 'agreement' : 'program', targetId: agreementId ?? programId, ip: actor.ip, details: { metric: v.metric, count: v.count } })
    return { id }
  })
}

export async function listOutcomes(db: DB, f: { uptId?: string; agreementId?: string; programId?: string }, page = 1, pageSize = 20) {
  let q = db.selectFrom('outcomes as oc').innerJoin('programs as g', 'g.id', 'oc.program_id').leftJoin('agreements as a', 'a.id', 'oc.agreement_id')
  if (f.uptId) q = q.where('oc.upt_id', '=', f.uptId)
  if (f.agreementId) q = q.where('oc.agreement_id', '=', f.agreementId)
  if (f.programId) q = q.where('oc.program_id', '=', f.programId)
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const items = await q
    .selectAll('oc')
    .select(['g.title as program_title', 'a.number as agreement_number'])
    .orderBy('oc.occurred_on', 'desc')
    .orderBy('oc.created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return { items, total }
}

// ---- targets ----

/**
 * Sets a year's targets for the nation, a Kanwil or a UPT. `actor.kanwilId` is the Kanwil the
 * admin is limited to (null: national): national targets need a national admin, and a Kanwil or
 * UPT outside the admin's Kanwil (or one that does not exist) is not found.
 */
export async function setTargets(db: DB, v: { year: number; scopeType: TargetScope; scopeId: string; trained: number; certified: number }, actor: Actor & { kanwilId: string | null }) {
  const kanwilOfScope =
    v.scopeType === 'national'
      ? v.scopeId === '' && actor.kanwilId === null
        ? null
        : undefined
      : v.scopeType === 'kanwil'
        ? (await db.selectFrom('kanwils').select('id').where('id', '=', v.scopeId).executeTakeFirst())?.id
        : (await db.selectFrom('upts').select('kanwil_id').where('id', '=', v.scopeId).executeTakeFirst())?.kanwil_id
  if (kanwilOfScope === undefined || (actor.kanwilId !== null && kanwilOfScope !== actor.kanwilId)) throw new NotFoundError('target scope', 'scopeId', 'field.invalid')
  await db.transaction().execute(async (trx) => {
    const now = nowIso()
    const before = await trx.selectFrom('realisation_targets').select(['metric', 'target']).where('year', '=', v.year).where('scope_type', '=', v.scopeType).where('scope_id', '=', v.scopeId).execute()
    for (const metric of ['trained', 'certified'] as const) {
      await trx
        .insertInto('realisation_targets')
        .values({ year: v.year, scope_type: v.scopeType, scope_id: v.scopeId, metric, target: v[metric], updated_at: now, updated_by: actor.userId })
        .onConflict((oc) => oc.columns(['year', 'scope_type', 'scope_id', 'metric']).doUpdateSet({ target: v[metric], updated_at: now, updated_by: actor.userId }))
        .execute()
    }
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'target.set',
      targetType: `target.${v.scopeType}`,
      targetId: `${v.year}:${v.scopeId}`,
      ip: actor.ip,
      details: { before: Object.fromEntries(before.map((b) => [b.metric, b.target])), after: { trained: v.trained, certified: v.certified } },
    })
  })
}

export async function listTargets(db: DB, year: number, kanwilId: string | null) {
  const rows = await db
    .selectFrom('realisation_targets as t')
    .leftJoin('kanwils as k', (j) => j.onRef('k.id', '=', 't.scope_id').on('t.scope_type', '=', 'kanwil'))
    .leftJoin('upts as u', (j) => j.onRef('u.id', '=', 't.scope_id').on('t.scope_type', '=', 'upt'))
    .select(['t.year', 't.scope_type', 't.scope_id', 't.metric', 't.target', 'k.name as kanwil_name', 'u.name as upt_name', sql<string | null>`coalesce(k.id, u.kanwil_id)`.as('kanwil_id')])
    .where('t.year', '=', year)
    .execute()
  const byScope = new Map<string, { scopeType: TargetScope; scopeId: string; name: string | null; kanwilId: string | null; trained: number | null; certified: number | null }>()
  for (const r of rows) {
    if (kanwilId && r.kanwil_id !== kanwilId) continue
    const key = `${r.scope_type}|${r.scope_id}`
    const item = byScope.get(key) ?? { scopeType: r.scope_type, scopeId: r.scope_id, name: r.kanwil_name ?? r.upt_name ?? null, kanwilId: r.kanwil_id, trained: null, certified: null }
    item[r.metric] = r.target
    byScope.set(key, item)
  }
  const order = { national: 0, kanwil: 1, upt: 2 }
  return [...byScope.values()].sort((a, b) => order[a.scopeType] - order[b.scopeType] || (a.name ?? '').localeCompare(b.name ?? ''))
}

// ---- realisation ----

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

const sums = [sql<number>`coalesce(sum(case when oc.metric = 'trained' then oc.count else 0 end), 0)`.as('trained'), sql<number>`coalesce(sum(case when oc.metric = 'certified' then oc.count else 0 end), 0)`.as('certified')] as const

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
  const rows = await db.selectFrom('realisation_targets').select(['metric', 'target']).where('year', '=', f.year).where('scope_type', '=', scopeType).where('scope_id', '=', scopeId).execute()
  return Object.fromEntries(rows.map((r) => [r.metric, r.target]))
}

/**
 * Trained and certified counts against the target of the narrowest scope chosen
 * (UPT > Kanwil > province as the sum of its UPTs > national), by quarter, by support kind and
 * by the next level down (Kanwil under national, UPT under a Kanwil or province).
 */
export async function realisation(db: DB, f: RealisationFilter) {
  const [total, byQuarterRows, byKindRows, target] = await Promise.all([
    scoped(db, f).select([...sums]).executeTakeFirstOrThrow(),
    scoped(db, f).select([QUARTER.as('quarter'), ...sums]).groupBy('quarter').execute(),
    scoped(db, f).select(['oc.kind', ...sums]).groupBy('oc.kind').execute(),
    targetFor(db, f),
  ])
  const byQuarter = [1, 2, 3, 4].map((q) => {
    const r = byQuarterRows.find((x) => Number(x.quarter) === q)
    return { quarter: q, trained: Number(r?.trained ?? 0), certified: Number(r?.certified ?? 0) }
  })
  const byKind = byKindRows.map((r) => ({ kind: r.kind, trained: Number(r.trained), certified: Number(r.certified) })).sort((a, b) => b.trained - a.trained || String(a.kind).localeCompare(String(b.kind)))

  let byArea: { id: string; name: string; trained: number; certified: number; targetTrained: number | null; targetCertified: number | null }[] = []
  if (!f.uptId) {
    const level: 'kanwil' | 'upt' = f.kanwilId || f.provinceId ? 'upt' : 'kanwil'
    const rows =
      level === 'kanwil'
        ? await scoped(db, f).innerJoin('kanwils as k', 'k.id', 'u.kanwil_id').select(['k.id', 'k.name', ...sums]).groupBy(['k.id', 'k.name']).execute()
        : await scoped(db, f).select(['u.id', 'u.name', ...sums]).groupBy(['u.id', 'u.name']).execute()
    const targets = await db.selectFrom('realisation_targets').select(['scope_id', 'metric', 'target']).where('year', '=', f.year).where('scope_type', '=', level).execute()
    const t = (id: string, m: 'trained' | 'certified') => targets.find((x) => x.scope_id === id && x.metric === m)?.target ?? null
    byArea = rows
      .map((r) => ({ id: r.id, name: r.name, trained: Number(r.trained), certified: Number(r.certified), targetTrained: t(r.id, 'trained'), targetCertified: t(r.id, 'certified') }))
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

/** Years that have outcomes or targets, newest first, always including the current year. */
export async function realisationYears(db: DB, today: string = todayIn()): Promise<number[]> {
  const [a, b] = await Promise.all([
    db.selectFrom('outcomes').select(sql<string>`distinct substr(occurred_on, 1, 4)`.as('y')).execute(),
    db.selectFrom('realisation_targets').select('year').distinct().execute(),
  ])
  const years = new Set<number>([Number(today.slice(0, 4)), ...a.map((r) => Number(r.y)), ...b.map((r) => r.year)])
  return [...years].sort((x, y) => y - x)
}

// ---- partner impact ----

/** What a partner's agreements delivered, summed over all outcomes recorded on them. */
export async function partnerImpact(db: DB, partnerId: string) {
  const rows = await db
    .selectFrom('outcomes')
    .select(['metric', sql<number>`sum(count)`.as('count'), sql<number>`coalesce(sum(value_rupiah), 0)`.as('value'), sql<number>`coalesce(sum(reach), 0)`.as('reach')])
    .where('partner_id', '=', partnerId)
    .groupBy('metric')
    .execute()
  const get = (m: string) => rows.find((r) => r.metric === m)
  const agreements = await db
    .selectFrom('agreements')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('partner_id', '=', partnerId)
    .groupBy('status')
    .execute()
  const n = (s: string) => Number(agreements.find((a) => a.status === s)?.n ?? 0)
  return {
    trained: Number(get('trained')?.count ?? 0),
    certified: Number(get('certified')?.count ?? 0),
    expertDays: Number(get('expert_days')?.count ?? 0),
    unitsAbsorbed: Number(get('units_absorbed')?.count ?? 0),
    publications: Number(get('publication')?.count ?? 0),
    publicationReach: Number(get('publication')?.reach ?? 0),
    capitalRupiah: Number(get('capital')?.value ?? 0),
    agreements: { active: n('active'), completed: n('completed'), cancelled: n('cancelled') },
  }
}

export async function setImpactPublic(db: DB, partnerId: string, on: boolean, actor: Actor) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('partners').set({ impact_public: on ? 1 : 0, updated_at: nowIso() }).where('id', '=', partnerId).execute()
    await audit(trx, { actorUserId: actor.userId, action: 'partner.impactVisibility', targetType: 'partner', targetId: partnerId, ip: actor.ip, details: { public: on } })
  })
}
