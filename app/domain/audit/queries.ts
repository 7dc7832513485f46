import { type ExpressionBuilder, sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { Database } from '#db/schema.ts'
import { likeAnyCase } from '#db/sql.ts'
import { PAGE_SIZE } from '#app/lib/pagination.ts'
import { type AuditFilter, wibDayEnd, wibDayStart } from './filters.ts'

/**
 * Object types whose record names its UPT in an `upt_id` column: an entry about one of them is
 * "about" that UPT for the UPT filter (the log itself keeps no UPT, ADR 032).
 */
const UPT_OWNED = {
  program: 'programs',
  product: 'products',
  product_review: 'product_reviews',
  proposal: 'proposals',
  agreement: 'agreements',
  story: 'stories',
  sub_order: 'sub_orders',
  payment: 'payments',
  pnbp_billing: 'pnbp_billings',
  bank_statement_import: 'bank_statement_imports',
  bank_statement_line: 'bank_statement_lines',
  split_rule: 'split_rules',
} as const satisfies Record<string, keyof Database>

type Row = ExpressionBuilder<Database & { a: Database['audit_log'] }, 'a'>

function filtered(db: DB, f: AuditFilter) {
  let q = db.selectFrom('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_user_id')
  if (f.action) q = q.where('a.action', '=', f.action)
  if (f.objectType) q = q.where('a.target_type', '=', f.objectType)
  if (f.from) q = q.where('a.at', '>=', wibDayStart(f.from))
  if (f.to) q = q.where('a.at', '<', wibDayEnd(f.to))
  if (f.person) {
    const like = `%${f.person.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`u.name ${likeAnyCase(db)} ${like} escape '\\'`,
        sql<boolean>`u.email ${likeAnyCase(db)} ${like} escape '\\'`,
      ]),
    )
  }
  const uptId = f.uptId
  if (uptId) {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('a.target_type', '=', 'upt'), eb('a.target_id', '=', uptId)]),
        // A UPT's yearly targets: `target.upt`, id `<year>:<uptId>`.
        eb.and([eb('a.target_type', '=', 'target.upt'), eb('a.target_id', 'like', `%:${uptId}`)]),
        ...Object.entries(UPT_OWNED).map(([type, table]) =>
          eb.and([
            eb('a.target_type', '=', type),
            eb(
              'a.target_id',
              'in',
              (eb as unknown as Row)
                .selectFrom(table as 'programs')
                .select('id')
                .where('upt_id', '=', uptId),
            ),
          ]),
        ),
      ]),
    )
  }
  return q
}

const COLUMNS = [
  'a.id',
  'a.at',
  'a.action',
  'a.target_type',
  'a.target_id',
  'a.ip',
  'a.details',
  'a.actor_user_id',
  'u.name as actor_name',
  'u.email as actor_email',
] as const

/** One page of the audit log under a filter, newest first, with the actor, and how many lines match. */
export async function auditLogPage(db: DB, filter: AuditFilter, page: number) {
  const base = filtered(db, filter)
  const [rows, total] = await Promise.all([
    base
      .select(COLUMNS)
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

/** The most lines one CSV export holds; a larger set is cut, and the caller says so. */
export const AUDIT_EXPORT_LIMIT = 10_000

/** Every line under a filter (up to `limit`), newest first, for the CSV export. */
export async function auditLogAll(db: DB, filter: AuditFilter, limit = AUDIT_EXPORT_LIMIT) {
  return filtered(db, filter).select(COLUMNS).orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute()
}

export type AuditRow = Awaited<ReturnType<typeof auditLogAll>>[number]

/** What the log can say about an object: its name, where it lives and its status. */
export interface AuditObjectInfo {
  label: string
  uptId?: string | null
  slug?: string | null
  status?: string | null
}

/** A person's current roles with the name of their scope (a UPT, a Kanwil, a partner). */
export interface ActorRole {
  role: string
  scopeName: string | null
}

const chunk = <T>(items: T[], size = 500): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size))

/**
 * Names and places of the objects and people a set of audit lines talks about, looked up in a
 * few queries (one per kind of object), so each line can name its object and link to its page.
 */
export async function auditContext(db: DB, rows: readonly AuditRow[]) {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.target_type === type && r.target_id).map((r) => r.target_id!)),
  ]
  const objects = new Map<string, AuditObjectInfo>()
  const load = async <T extends { id: string }>(
    type: string,
    fetch: (ids: string[]) => Promise<T[]>,
    info: (row: T) => AuditObjectInfo,
  ) => {
    const ids = idsOf(type)
    for (const part of chunk(ids)) {
      if (part.length === 0) continue
      for (const row of await fetch(part)) objects.set(`${type}:${row.id}`, info(row))
    }
  }
  await Promise.all([
    load(
      'upt',
      (ids) => db.selectFrom('upts').select(['id', 'name']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.name, uptId: r.id }),
    ),
    load(
      'kanwil',
      (ids) => db.selectFrom('kanwils').select(['id', 'name']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.name }),
    ),
    load(
      'partner',
      (ids) => db.selectFrom('partners').select(['id', 'name', 'slug', 'status']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.name, slug: r.slug, status: r.status }),
    ),
    load(
      'program',
      (ids) => db.selectFrom('programs').select(['id', 'title', 'upt_id']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.title, uptId: r.upt_id }),
    ),
    load(
      'product',
      (ids) => db.selectFrom('products').select(['id', 'name', 'upt_id']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.name, uptId: r.upt_id }),
    ),
    load(
      'product_review',
      (ids) =>
        db
          .selectFrom('product_reviews as r')
          .innerJoin('products as p', 'p.id', 'r.product_id')
          .select(['r.id', 'p.name', 'r.upt_id'])
          .where('r.id', 'in', ids)
          .execute(),
      (r) => ({ label: r.name, uptId: r.upt_id }),
    ),
    load(
      'offer',
      (ids) => db.selectFrom('offers').select(['id', 'title']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.title }),
    ),
    load(
      'proposal',
      (ids) =>
        db
          .selectFrom('proposals as p')
          .innerJoin('offers as o', 'o.id', 'p.offer_id')
          .select(['p.id', 'o.title', 'p.upt_id'])
          .where('p.id', 'in', ids)
          .execute(),
      (r) => ({ label: r.title, uptId: r.upt_id }),
    ),
    load(
      'agreement',
      (ids) => db.selectFrom('agreements').select(['id', 'number', 'upt_id']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.number, uptId: r.upt_id }),
    ),
    load(
      'story',
      (ids) =>
        db.selectFrom('stories').select(['id', 'title', 'slug', 'status', 'upt_id']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.title, slug: r.slug, status: r.status, uptId: r.upt_id }),
    ),
    load(
      'sub_order',
      (ids) => db.selectFrom('sub_orders').select(['id', 'number', 'upt_id']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.number, uptId: r.upt_id }),
    ),
    load(
      'pnbp_billing',
      (ids) => db.selectFrom('pnbp_billings').select(['id', 'kode_billing', 'upt_id']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.kode_billing, uptId: r.upt_id }),
    ),
    load(
      'user',
      (ids) => db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute(),
      (r) => ({ label: r.name }),
    ),
  ])

  const actorIds = [...new Set(rows.map((r) => r.actor_user_id).filter((id): id is string => id !== null))]
  const roles = new Map<string, ActorRole[]>()
  for (const part of chunk(actorIds)) {
    if (part.length === 0) continue
    const grants = await db
      .selectFrom('role_assignments as g')
      .leftJoin('upts as up', 'up.id', 'g.upt_id')
      .leftJoin('kanwils as k', 'k.id', 'g.kanwil_id')
      .leftJoin('partners as p', 'p.id', 'g.partner_id')
      .select(['g.user_id', 'g.role', 'up.name as upt_name', 'k.name as kanwil_name', 'p.name as partner_name'])
      .where('g.user_id', 'in', part)
      .where('g.revoked_at', 'is', null)
      .orderBy('g.created_at')
      .orderBy('g.id')
      .execute()
    for (const g of grants) {
      const list = roles.get(g.user_id) ?? []
      list.push({ role: g.role, scopeName: g.upt_name ?? g.kanwil_name ?? g.partner_name ?? null })
      roles.set(g.user_id, list)
    }
  }
  return { objects, roles }
}

/** Names of partners, Kanwil and people that audit details mention by id, keyed by id. */
export async function auditNames(db: DB, ids: { partners: string[]; kanwils: string[]; users: string[] }) {
  const names = new Map<string, string>()
  const lookups = [
    ['partners', ids.partners],
    ['kanwils', ids.kanwils],
    ['users', ids.users],
  ] as const
  for (const [table, list] of lookups) {
    for (const part of chunk([...new Set(list)])) {
      if (part.length === 0) continue
      const rows = await db
        .selectFrom(table as 'partners')
        .select(['id', 'name'])
        .where('id', 'in', part)
        .execute()
      for (const r of rows) names.set(r.id, r.name)
    }
  }
  return names
}
