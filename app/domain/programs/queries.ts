import { distinctList, likeAnyCase } from '#db/sql.ts'
import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { ProgramStatus, SecurityLevel, UptType } from '#db/schema.ts'
import type { SupportKind } from '#app/domain/registry/kinds.ts'
import { todayIn } from '#app/lib/time.ts'
import { PAGE_SIZE } from '#app/lib/pagination.ts'

export async function getProgram(db: DB, idOrSlug: string) {
  const p = await db
    .selectFrom('programs as g')
    .innerJoin('upts as u', 'u.id', 'g.upt_id')
    .innerJoin('provinces as pr', 'pr.id', 'u.province_id')
    .innerJoin('sectors as s', 's.id', 'g.sector_id')
    .selectAll('g')
    .select([
      'u.name as upt_name',
      'u.type as upt_type',
      'u.kanwil_id',
      'u.city',
      'pr.name as province_name',
      's.name_id as sector_name_id',
      's.name_en as sector_name_en',
    ])
    .where((eb) => eb.or([eb('g.id', '=', idOrSlug), eb('g.slug', '=', idOrSlug)]))
    .executeTakeFirst()
  if (!p) return undefined
  const needs = await db
    .selectFrom('program_needs')
    .selectAll()
    .where('program_id', '=', p.id)
    .orderBy('needed_by', (ob) => ob.asc().nullsFirst())
    .orderBy('created_at')
    .execute()
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
  /** rows from here instead of `page` (the open-data API's cursor), at most `limit` of them */
  offset?: number
  limit?: number
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
      eb.exists(
        eb
          .selectFrom('program_needs as n')
          .select('n.id')
          .whereRef('n.program_id', '=', 'g.id')
          .where('n.kind', '=', f.kind!)
          .whereRef('n.quantity_covered', '<', 'n.quantity'),
      ),
    )
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`g.title ${likeAnyCase(db)} ${like} escape '\\'`,
        sql<boolean>`g.description ${likeAnyCase(db)} ${like} escape '\\'`,
        sql<boolean>`u.name ${likeAnyCase(db)} ${like} escape '\\'`,
      ]),
    )
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
    sql<
      string | null
    >`(select ${distinctList(db, 'n.kind')} from program_needs n where n.program_id = g.id and n.quantity_covered < n.quantity)`.as(
      'open_kinds',
    ),
    sql<
      string | null
    >`(select min(n.needed_by) from program_needs n where n.program_id = g.id and n.quantity_covered < n.quantity)`.as(
      'next_needed_by',
    ),
  ])
  rows =
    f.sort === 'title'
      ? rows.orderBy('g.title')
      : f.sort === 'neededBy'
        ? rows.orderBy('next_needed_by', (ob) => ob.asc().nullsLast())
        : rows.orderBy('g.created_at', 'desc')
  const items = await rows
    .orderBy('g.id')
    .limit(f.limit ?? PAGE_SIZE)
    .offset(f.offset ?? (page - 1) * PAGE_SIZE)
    .execute()
  return { items: items.map((i) => ({ ...i, open_kinds: (i.open_kinds?.split(',') ?? []) as SupportKind[] })), total }
}

/**
 * The needs of active programs not yet fully covered (the open-data API's program-needs), oldest
 * program first; the need's free-text note stays on the program page.
 */
export async function listOpenNeeds(
  db: DB,
  f: { kind?: SupportKind; provinceId?: string; offset: number; limit: number },
) {
  let q = db
    .selectFrom('program_needs as n')
    .innerJoin('programs as g', 'g.id', 'n.program_id')
    .innerJoin('upts as u', 'u.id', 'g.upt_id')
    .where('g.status', '=', 'active')
    .whereRef('n.quantity_covered', '<', 'n.quantity')
  if (f.kind) q = q.where('n.kind', '=', f.kind)
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  const [total, items] = await Promise.all([
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'n.id',
        'n.program_id',
        'g.slug as program_slug',
        'g.title as program_title',
        'u.name as upt_name',
        'n.kind',
        'n.quantity',
        'n.quantity_covered',
        'n.unit',
        'n.needed_by',
      ])
      .orderBy('g.created_at')
      .orderBy('g.id')
      .orderBy('n.created_at')
      .orderBy('n.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ])
  return { items, total: Number(total.n) }
}

/** A UPT's programs that outcomes can be recorded for (all but drafts), by title. */
export async function listRecordablePrograms(db: DB, uptId: string) {
  return db
    .selectFrom('programs')
    .select(['id', 'title'])
    .where('upt_id', '=', uptId)
    .where('status', '!=', 'draft')
    .orderBy('title')
    .execute()
}

export async function listUptPrograms(db: DB, uptId: string) {
  const items = await db
    .selectFrom('programs as g')
    .select([
      'g.id',
      'g.slug',
      'g.title',
      'g.status',
      'g.participants',
      sql<number>`(select count(*) from program_needs n where n.program_id = g.id)`.as('needs'),
    ])
    .where('g.upt_id', '=', uptId)
    .orderBy('g.created_at', 'desc')
    .execute()
  const counts: Partial<Record<ProgramStatus, number>> = {}
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1
  return { items, counts }
}
