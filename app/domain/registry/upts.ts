import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { likeAnyCase } from '#db/sql.ts'
import type { SecurityLevel } from '#db/schema.ts'
import { nowIso, todayIn } from '#app/utils/time.ts'
import { audit } from '#app/domain/identity/audit.ts'
import { newId } from '#app/utils/ids.ts'

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

/** UPTs an admin may manage: all for a national admin, their Kanwil's otherwise. */
export async function listUptsForKanwil(db: DB, kanwilId: string | null) {
  let q = db.selectFrom('upts').select(['id', 'name', 'kanwil_id', 'type']).orderBy('name')
  if (kanwilId) q = q.where('kanwil_id', '=', kanwilId)
  return q.execute()
}

/** Records a class and/or security level change that applies from `effectiveFrom` (may be future). */
export async function recordUptStatus(
  db: DB,
  input: { uptId: string; class: string | null; securityLevel: SecurityLevel | null; effectiveFrom: string; note?: string | null; actorUserId: string; ip?: string | null },
) {
  await db.transaction().execute(async (trx) => {
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

export async function uptStatusHistory(db: DB, uptId: string) {
  return db.selectFrom('upt_status_history').selectAll().where('upt_id', '=', uptId).orderBy('effective_from', 'desc').orderBy('created_at', 'desc').execute()
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
  if (f.q) q = q.where(sql<boolean>`u.name ${likeAnyCase(db)} ${`%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`} escape '\\'`)
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const items = await q
    .select(['u.id', 'u.name', 'u.type', 'u.city', 'p.name as province_name'])
    .orderBy('u.name')
    .limit(pageSize)
    .offset(((f.page ?? 1) - 1) * pageSize)
    .execute()
  return { items, total }
}
