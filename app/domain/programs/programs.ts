import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { distinctList, likeAnyCase } from '#db/sql.ts'
import type { ProgramStatus, SecurityLevel, UptType } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/identity/audit.ts'
import { KIND_UNIT } from '#app/domain/offers/terms.ts'
import { neverAllowed, type SupportKind } from '#app/domain/registry/kinds.ts'
import { newId, slugify } from '#app/utils/ids.ts'
import { nowIso, todayIn } from '#app/utils/time.ts'
import { kindsAllowedFor, loadAllowedKinds } from '#app/domain/registry/settings.ts'
import { uptStatusOn } from '#app/domain/registry/upts.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import type { NeedInput, ProgramInput } from './schemas.ts'

async function uniqueSlug(db: DB, title: string, uptSlug: string) {
  const base = slugify(`${title} ${uptSlug}`).slice(0, 70) || 'program'
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`
    if (!(await db.selectFrom('programs').select('id').where('slug', '=', slug).executeTakeFirst())) return slug
  }
}

async function assertSector(db: DB, id: string) {
  if (!(await db.selectFrom('sectors').select('id').where('id', '=', id).executeTakeFirst())) throw new DomainError('field.invalid', 'sectorId')
}

export async function createProgram(db: DB, uptId: string, v: ProgramInput, actor: { userId: string; ip?: string | null }) {
  await assertSector(db, v.sectorId)
  return db.transaction().execute(async (trx) => {
    const upt = await trx.selectFrom('upts').select(['id', 'slug']).where('id', '=', uptId).executeTakeFirst()
    if (!upt) throw new NotFoundError('upt')
    const now = nowIso()
    const id = newId()
    const slug = await uniqueSlug(trx, v.title, upt.slug)
    await trx
      .insertInto('programs')
      .values({
        id,
        slug,
        upt_id: uptId,
        sector_id: v.sectorId,
        title: v.title,
        description: v.description,
        participants: v.participants,
        eligibility_rule: v.eligibilityRule || null,
        schedule: v.schedule || null,
        status: v.status,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await audit(trx, { actorUserId: actor.userId, action: 'program.created', targetType: 'program', targetId: id, ip: actor.ip })
    return { id, slug }
  })
}

export async function updateProgram(db: DB, uptId: string, programId: string, v: ProgramInput, actor: { userId: string; ip?: string | null }) {
  await assertSector(db, v.sectorId)
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('programs')
      .set({
        sector_id: v.sectorId,
        title: v.title,
        description: v.description,
        participants: v.participants,
        eligibility_rule: v.eligibilityRule || null,
        schedule: v.schedule || null,
        status: v.status,
        updated_at: nowIso(),
      })
      .where('id', '=', programId)
      .where('upt_id', '=', uptId)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError('program')
    await audit(trx, { actorUserId: actor.userId, action: 'program.updated', targetType: 'program', targetId: programId, ip: actor.ip })
  })
}

export async function addNeed(db: DB, uptId: string, programId: string, v: NeedInput, actor: { userId: string; ip?: string | null }, today: string = todayIn()) {
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('programs as g')
      .innerJoin('upts as u', 'u.id', 'g.upt_id')
      .select(['g.id', 'u.type'])
      .where('g.id', '=', programId)
      .where('g.upt_id', '=', uptId)
      .executeTakeFirst()
    if (!p) throw new NotFoundError('program')
    // The UPT's security level today and its type decide which kinds of support it may receive.
    const level = (await uptStatusOn(trx, uptId, today)).securityLevel
    if (neverAllowed(p.type, v.kind)) throw new DomainError('program.lpkaFloor', 'kind')
    if (!kindsAllowedFor(await loadAllowedKinds(trx), level, p.type).includes(v.kind)) throw new DomainError('program.kindNotAllowed', 'kind')
    const id = newId()
    await trx
      .insertInto('program_needs')
      .values({ id, program_id: programId, kind: v.kind, quantity: v.quantity, unit: KIND_UNIT[v.kind], needed_by: v.neededBy ?? null, note: v.note || null, created_at: nowIso() })
      .execute()
    await audit(trx, { actorUserId: actor.userId, action: 'program.needAdded', targetType: 'program', targetId: programId, ip: actor.ip, details: { kind: v.kind, quantity: v.quantity } })
    return { id }
  })
}

/** Removes a need nobody has covered yet (covered needs belong to agreements). */
export async function removeNeed(db: DB, uptId: string, needId: string, actor: { userId: string; ip?: string | null }) {
  await db.transaction().execute(async (trx) => {
    const n = await trx
      .selectFrom('program_needs as n')
      .innerJoin('programs as p', 'p.id', 'n.program_id')
      .select(['n.id', 'n.quantity_covered', 'n.program_id'])
      .where('n.id', '=', needId)
      .where('p.upt_id', '=', uptId)
      .executeTakeFirst()
    if (!n) throw new NotFoundError('need')
    if (n.quantity_covered > 0) throw new DomainError('program.needCovered')
    await trx.deleteFrom('program_needs').where('id', '=', needId).execute()
    await audit(trx, { actorUserId: actor.userId, action: 'program.needRemoved', targetType: 'program', targetId: n.program_id, ip: actor.ip })
  })
}

export async function getProgram(db: DB, idOrSlug: string) {
  const p = await db
    .selectFrom('programs as g')
    .innerJoin('upts as u', 'u.id', 'g.upt_id')
    .innerJoin('provinces as pr', 'pr.id', 'u.province_id')
    .innerJoin('sectors as s', 's.id', 'g.sector_id')
    .selectAll('g')
    .select(['u.name as upt_name', 'u.type as upt_type', 'u.kanwil_id', 'u.city', 'pr.name as province_name', 's.name_id as sector_name_id', 's.name_en as sector_name_en'])
    .where((eb) => eb.or([eb('g.id', '=', idOrSlug), eb('g.slug', '=', idOrSlug)]))
    .executeTakeFirst()
  if (!p) return undefined
  const needs = await db.selectFrom('program_needs').selectAll().where('program_id', '=', p.id).orderBy('needed_by', (ob) => ob.asc().nullsFirst()).orderBy('created_at').execute()
  return { ...p, needs }
}

export interface ProgramFilters {
  kind?: SupportKind
  sectorId?: string
  provinceId?: string
  uptType?: UptType
  /** The UPT's security level as recorded for `today` (history with effective dates). */
  securityLevel?: SecurityLevel
  q?: string
  sort?: 'newest' | 'neededBy' | 'title'
  page?: number
}

/** Public directory: active programs, each with its open (not fully covered) needs' kinds. */
export async function listActivePrograms(db: DB, f: ProgramFilters = {}, today: string = todayIn()) {
  let q = db
    .selectFrom('programs as g')
    .innerJoin('upts as u', 'u.id', 'g.upt_id')
    .innerJoin('provinces as pr', 'pr.id', 'u.province_id')
    .innerJoin('sectors as s', 's.id', 'g.sector_id')
    .where('g.status', '=', 'active')
  if (f.sectorId) q = q.where('g.sector_id', '=', f.sectorId)
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  if (f.uptType) q = q.where('u.type', '=', f.uptType)
  if (f.securityLevel)
    q = q.where(
      sql<boolean>`(select h.security_level from upt_status_history h where h.upt_id = u.id and h.effective_from <= ${today} order by h.effective_from desc, h.created_at desc limit 1) = ${f.securityLevel}`,
    )
  if (f.kind)
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('program_needs as n').select('n.id').whereRef('n.program_id', '=', 'g.id').where('n.kind', '=', f.kind!).whereRef('n.quantity_covered', '<', 'n.quantity')),
    )
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where((eb) => eb.or([sql<boolean>`g.title ${likeAnyCase(db)} ${like} escape '\\'`, sql<boolean>`g.description ${likeAnyCase(db)} ${like} escape '\\'`, sql<boolean>`u.name ${likeAnyCase(db)} ${like} escape '\\'`]))
  }
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const page = f.page ?? 1
  let rows = q.select([
    'g.id',
    'g.slug',
    'g.title',
    'g.participants',
    'u.name as upt_name',
    'u.type as upt_type',
    'pr.name as province_name',
    's.name_id as sector_name_id',
    's.name_en as sector_name_en',
    sql<string | null>`(select ${distinctList(db, 'n.kind')} from program_needs n where n.program_id = g.id and n.quantity_covered < n.quantity)`.as('open_kinds'),
    sql<string | null>`(select min(n.needed_by) from program_needs n where n.program_id = g.id and n.quantity_covered < n.quantity)`.as('next_needed_by'),
  ])
  rows = f.sort === 'title' ? rows.orderBy('g.title') : f.sort === 'neededBy' ? rows.orderBy('next_needed_by', (ob) => ob.asc().nullsLast()) : rows.orderBy('g.created_at', 'desc')
  const items = await rows.orderBy('g.id').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute()
  return { items: items.map((i) => ({ ...i, open_kinds: (i.open_kinds?.split(',') ?? []) as SupportKind[] })), total }
}

export async function listUptPrograms(db: DB, uptId: string) {
  const items = await db
    .selectFrom('programs as g')
    .select(['g.id', 'g.slug', 'g.title', 'g.status', 'g.participants', sql<number>`(select count(*) from program_needs n where n.program_id = g.id)`.as('needs')])
    .where('g.upt_id', '=', uptId)
    .orderBy('g.created_at', 'desc')
    .execute()
  const counts: Partial<Record<ProgramStatus, number>> = {}
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1
  return { items, counts }
}
