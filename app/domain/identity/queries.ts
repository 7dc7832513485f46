import type { DB } from '#db/client.ts'

/** A user's live grants with the names of what they are scoped to, for display. */
export async function listGrantsWithNames(db: DB, userId: string) {
  return db
    .selectFrom('role_assignments as r')
    .leftJoin('upts as u', 'u.id', 'r.upt_id')
    .leftJoin('kanwils as k', 'k.id', 'r.kanwil_id')
    .leftJoin('partners as p', 'p.id', 'r.partner_id')
    .select(['r.id', 'r.role', 'r.partner_role', 'r.upt_id', 'u.name as upt_name', 'k.name as kanwil_name', 'p.name as partner_name'])
    .where('r.user_id', '=', userId)
    .where('r.revoked_at', 'is', null)
    .orderBy('r.created_at')
    .execute()
}
