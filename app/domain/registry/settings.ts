import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { SecurityLevel, UptType } from '#db/schema.ts'
import { audit } from '#app/domain/audit/log.ts'
import { nowIso } from '#app/lib/time.ts'
import { DomainError } from '#app/domain/errors.ts'
import { neverAllowed, SUPPORT_KINDS, type SupportKind } from './kinds.ts'

export type SettingScope = 'security_level' | 'upt_type'
export type AllowedKinds = Record<SettingScope, Record<string, SupportKind[]>>

export async function loadAllowedKinds(db: DB): Promise<AllowedKinds> {
  const rows = (await db.selectFrom('support_kind_settings').selectAll().where('allowed', '=', 1).execute()).sort(
    (x, y) => SUPPORT_KINDS.indexOf(x.kind as SupportKind) - SUPPORT_KINDS.indexOf(y.kind as SupportKind),
  )
  const out: AllowedKinds = { security_level: {}, upt_type: {} }
  for (const r of rows) {
    // A row stored before the floor existed (or written around this module) cannot lift it.
    if (r.scope_type === 'upt_type' && neverAllowed(r.scope_value, r.kind)) continue
    ;(out[r.scope_type][r.scope_value] ??= []).push(r.kind)
  }
  return out
}

/**
 * Kinds a UPT may receive: allowed by its security level AND its type. A UPT without a recorded
 * level is treated as medium (docs/domain.md, section 3).
 */
export function kindsAllowedFor(settings: AllowedKinds, level: SecurityLevel | null, type: UptType): SupportKind[] {
  const byLevel = settings.security_level[level ?? 'medium'] ?? []
  const byType = settings.upt_type[type] ?? []
  return SUPPORT_KINDS.filter((k) => byLevel.includes(k) && byType.includes(k) && !neverAllowed(type, k))
}

/**
 * National admins replace the allowed kinds of one level or UPT type; audited with before/after.
 * Switching on a kind the floor forbids (capital or offtake for an LPKA) is refused, nothing written.
 */
export async function setAllowedKinds(
  db: DB,
  scope: SettingScope,
  value: string,
  kinds: SupportKind[],
  actor: { userId: string; ip?: string | null },
) {
  if (scope === 'upt_type' && kinds.some((k) => neverAllowed(value, k)))
    throw new DomainError('supportSettings.lpkaFloor', 'kinds')
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('support_kind_settings')
      .select(['kind', 'allowed'])
      .where('scope_type', '=', scope)
      .where('scope_value', '=', value)
      .execute()
    const now = nowIso()
    for (const kind of SUPPORT_KINDS) {
      await trx
        .insertInto('support_kind_settings')
        .values({
          scope_type: scope,
          scope_value: value,
          kind,
          allowed: kinds.includes(kind) ? 1 : 0,
          updated_at: now,
          updated_by: actor.userId,
        })
        .onConflict((oc) =>
          oc
            .columns(['scope_type', 'scope_value', 'kind'])
            .doUpdateSet({ allowed: kinds.includes(kind) ? 1 : 0, updated_at: now, updated_by: actor.userId }),
        )
        .execute()
    }
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'settings.supportKinds',
      targetType: scope,
      targetId: value,
      ip: actor.ip,
      details: { before: SUPPORT_KINDS.filter((k) => before.some((b) => b.kind === k && b.allowed)), after: kinds },
    })
  })
}
