import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { likeAnyCase } from '#db/sql.ts'
import type { SecurityLevel } from '#db/schema.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { DomainError } from '#app/domain/errors.ts'

/**
 * A UPT's class and security level on a given date: the latest history row that took effect
 * on or before it. Changes recorded with a future date do not apply yet.
 */
export async function uptStatusOn(db: DB, uptId: string, date: string = todayIn()) {
  const row = await db
    .selectFrom('upt_status_history')
    .select(['class', 'security_level', 'effective_from'])
    .where('upt_id', '=', uptId)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return {
    class: row?.class ?? null,
    securityLevel: (row?.security_level ?? null) as SecurityLevel | null,
    effectiveFrom: row?.effective_from ?? null,
  }
}

export async function getUpt(db: DB, uptId: string) {
  return db
    .selectFrom('upts as u')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .innerJoin('kanwils as k', 'k.id', 'u.kanwil_id')
    .select([
      'u.id',
      'u.slug',
      'u.name',
      'u.type',
      'u.city',
      'u.kanwil_id',
      'u.province_id',
      'u.note',
      'p.name as province_name',
      'k.name as kanwil_name',
      sql<string>`coalesce(u.timezone, p.timezone)`.as('timezone'),
    ])
    .where('u.id', '=', uptId)
    .executeTakeFirst()
}

/** How many UPTs there are and in how many provinces (the home page's figures). */
export async function uptCoverage(db: DB): Promise<{ upts: number; provinces: number }> {
  const r = await db
    .selectFrom('upts')
    .select((eb) => [
      eb.fn.countAll<number>().as('upts'),
      eb.fn.count<number>('province_id').distinct().as('provinces'),
    ])
    .executeTakeFirstOrThrow()
  return { upts: Number(r.upts), provinces: Number(r.provinces) }
}

/** UPTs in a Kanwil (all for null). */
export async function countUpts(db: DB, kanwilId: string | null): Promise<number> {
  let q = db.selectFrom('upts').select((eb) => eb.fn.countAll<number>().as('n'))
  if (kanwilId) q = q.where('kanwil_id', '=', kanwilId)
  return Number((await q.executeTakeFirstOrThrow()).n)
}

export async function uptName(db: DB, uptId: string) {
  return db.selectFrom('upts').select(['id', 'name']).where('id', '=', uptId).executeTakeFirst()
}

/** UPTs by name: one (a UPT's finance) or all (null). */
export async function listUptNames(db: DB, uptId: string | null = null) {
  const q = db.selectFrom('upts').select(['id', 'name'])
  return uptId ? q.where('id', '=', uptId).execute() : q.orderBy('name').execute()
}

/** A UPT's public storefront header, by slug. */
export async function getStorefront(db: DB, slug: string) {
  return db
    .selectFrom('upts as u')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .select(['u.slug', 'u.name', 'u.city', 'p.name as province_name'])
    .where('u.slug', '=', slug)
    .executeTakeFirst()
}

/** UPTs an admin may manage: all for a national admin, their Kanwil's otherwise. */
export async function listUptsForKanwil(db: DB, kanwilId: string | null) {
  let q = db.selectFrom('upts').select(['id', 'name', 'kanwil_id', 'type']).orderBy('name')
  if (kanwilId) q = q.where('kanwil_id', '=', kanwilId)
  return q.execute()
}

/** Records a class and/or security level change that applies from `effectiveFrom` (may be future). */
export async function recordUptStatus(
  db: DB,
  input: {
    uptId: string
    class: string | null
    securityLevel: SecurityLevel | null
    effectiveFrom: string
    note?: string | null
    actorUserId: string
    ip?: string | null
  },
) {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('upt_status_history')
      .values({
        id: newId(),
        upt_id: input.uptId,
        class: input.class,
        security_level: input.securityLevel,
        effective_from: input.effectiveFrom,
        note: input.note ?? null,
        created_at: nowIso(),
        created_by: input.actorUserId,
      })
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'upt.statusChanged',
      targetType: 'upt',
      targetId: input.uptId,
      ip: input.ip,
      details: { class: input.class, securityLevel: input.securityLevel, effectiveFrom: input.effectiveFrom },
    })
  })
}

/**
 * An admin changes a UPT's class and/or security level from a date. A change of only one of the
 * two keeps the other as it stands on that date; changing neither is refused.
 */
export async function changeUptStatus(
  db: DB,
  input: {
    uptId: string
    class?: string
    securityLevel?: SecurityLevel
    effectiveFrom: string
    note?: string | null
    actorUserId: string
    ip?: string | null
  },
) {
  if (!input.class && !input.securityLevel) throw new DomainError('upt.statusEmpty')
  await inTransaction(db, async (trx) => {
    const before = await uptStatusOn(trx, input.uptId, input.effectiveFrom)
    await recordUptStatus(trx, {
      ...input,
      class: input.class ?? before.class,
      securityLevel: input.securityLevel ?? before.securityLevel,
    })
  })
}

/** An admin renames a UPT or corrects its city or note; audited. */
export async function updateUpt(
  db: DB,
  input: { uptId: string; name: string; city: string; note?: string | null; actorUserId: string; ip?: string | null },
) {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('upts')
      .set({ name: input.name, city: input.city, note: input.note ?? null })
      .where('id', '=', input.uptId)
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'upt.updated',
      targetType: 'upt',
      targetId: input.uptId,
      ip: input.ip,
      details: { name: input.name, city: input.city },
    })
  })
}

export async function uptStatusHistory(db: DB, uptId: string) {
  return db
    .selectFrom('upt_status_history')
    .selectAll()
    .where('upt_id', '=', uptId)
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}

export interface UptFilters {
  kanwilId?: string | null
  provinceId?: string
  type?: string
  q?: string
  page?: number
}

export async function searchUpts(db: DB, f: UptFilters, pageSize = 20) {
  let q = db.selectFrom('upts as u').innerJoin('provinces as p', 'p.id', 'u.province_id')
  if (f.kanwilId) q = q.where('u.kanwil_id', '=', f.kanwilId)
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  if (f.type) q = q.where('u.type', '=', f.type as 'lapas')
  if (f.q)
    q = q.where(sql<boolean>`u.name ${likeAnyCase(db)} ${`%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`} escape '\\'`)
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const items = await q
    .select(['u.id', 'u.name', 'u.type', 'u.city', 'p.name as province_name'])
    .orderBy('u.name')
    .limit(pageSize)
    .offset(((f.page ?? 1) - 1) * pageSize)
    .execute()
  return { items, total }
}
