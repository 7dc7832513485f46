import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { SecurityLevel } from '#db/schema.ts'
import { todayIn } from '#app/utils/time.ts'

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
