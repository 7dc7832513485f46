import type { DB } from '#db/client.ts'
import { audit } from '#app/domain/audit/log.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { nowIso } from '#app/lib/time.ts'

/** Whether this user wants the daily work digest. */
export async function workDigestWanted(db: DB, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('work_digest').where('id', '=', userId).executeTakeFirst()
  return row?.work_digest === 1
}

/** Switches the daily work digest on or off for oneself (audited with before and after). */
export async function setWorkDigest(db: DB, input: { userId: string; on: boolean; ip?: string | null }) {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select('work_digest')
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow()
    const value = input.on ? 1 : 0
    if (before.work_digest === value) return
    await trx
      .updateTable('users')
      .set({ work_digest: value, updated_at: nowIso() })
      .where('id', '=', input.userId)
      .execute()
    await audit(trx, {
      actorUserId: input.userId,
      action: 'profile.workDigest',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip ?? null,
      details: { before: { workDigest: before.work_digest === 1 }, after: { workDigest: input.on } },
    })
  })
}
