import type { DB } from '#db/client.ts'
import { PAGE_SIZE } from '#app/lib/pagination.ts'

/** One page of the audit log, newest first, with the actor's address, and how many lines in all. */
export async function auditLogPage(db: DB, page: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select([
        'a.id',
        'a.at',
        'a.action',
        'a.target_type',
        'a.target_id',
        'a.ip',
        'a.details',
        'u.email as actor_email',
      ])
      .orderBy('a.id', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}
