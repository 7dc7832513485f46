import type { DB } from '#db/client.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'

export interface AuditInput {
  actorUserId: string | null
  action: string
  targetType?: string | null
  targetId?: string | null
  ip?: string | null
  details?: Record<string, unknown> | null
}

/** Append one line to the audit log. Call it inside the transaction of the action it records. */
export async function audit(db: DB, input: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_user_id: input.actorUserId,
      action: input.action,
      target_type: input.targetType ?? null,
      target_id: input.targetId ?? null,
      ip: input.ip ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
    })
    .execute()
}
