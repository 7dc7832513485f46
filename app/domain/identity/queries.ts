import type { DB } from '#db/client.ts'

/** A user's live grants with the names of what they are scoped to, for display. */
export async function listGrantsWithNames(db: DB, userId: string) {
  return db
    .selectFrom('role_assignments as r')
    .leftJoin('upts as u', 'u.id', 'r.upt_id')
    .leftJoin('kanwils as k', 'k.id', 'r.kanwil_id')
    .leftJoin('partners as p', 'p.id', 'r.partner_id')
    .select([
      'r.id',
      'r.role',
      'r.partner_role',
      'r.upt_id',
      'u.name as upt_name',
      'k.name as kanwil_name',
      'p.name as partner_name',
    ])
    .where('r.user_id', '=', userId)
    .where('r.revoked_at', 'is', null)
    .orderBy('r.created_at')
    .execute()
}

/** Live UPT staff and finance grants, of one Kanwil's UPTs (national finance only for null). */
export async function listStaff(db: DB, kanwilId: string | null) {
  let q = db
    .selectFrom('role_assignments as r')
    .innerJoin('users as us', 'us.id', 'r.user_id')
    .leftJoin('upts as u', 'u.id', 'r.upt_id')
    .select(['r.id', 'r.role', 'us.name', 'us.email', 'u.name as upt_name', 'u.kanwil_id'])
    .where('r.role', 'in', ['upt_staff', 'finance'])
    .where('r.revoked_at', 'is', null)
    .orderBy('u.name')
    .orderBy('us.name')
  if (kanwilId) q = q.where('u.kanwil_id', '=', kanwilId)
  return q.execute()
}

/** A live UPT staff or finance grant with the Kanwil of its UPT (none for national finance). */
export async function getStaffGrant(db: DB, assignmentId: string) {
  const row = await db
    .selectFrom('role_assignments as r')
    .leftJoin('upts as u', 'u.id', 'r.upt_id')
    .select(['r.id', 'r.role', 'u.kanwil_id'])
    .where('r.id', '=', assignmentId)
    .where('r.revoked_at', 'is', null)
    .executeTakeFirst()
  return row && (row.role === 'upt_staff' || row.role === 'finance') ? row : undefined
}

/** How to write to a user: address, name and language. */
export async function getUserContact(db: DB, userId: string) {
  return db.selectFrom('users').select(['email', 'name', 'locale']).where('id', '=', userId).executeTakeFirstOrThrow()
}
