import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { SecurityLevel, UptType } from '#db/schema.ts'
import { neverAllowed, SUPPORT_KINDS, type SupportKind } from '#app/domain/registry/kinds.ts'
import { type AllowedKinds, loadAllowedKinds } from '#app/domain/registry/settings.ts'
import { uptStatusOn } from '#app/domain/registry/upts.ts'
import { todayIn } from '#app/lib/time.ts'

/**
 * Why a UPT may not receive a kind of support (one line each, shown under the need form and
 * given by `addNeed` when the kind is posted anyway). The LPKA floor (ADR 016) comes first, then
 * the setting of the UPT's security level, then that of its type; a UPT without a recorded level
 * is treated as medium (docs/domain.md, section 3), as `kindsAllowedFor` does.
 */
export type KindRefusal = 'program.lpkaFloor' | 'need.refused.level' | 'need.refused.type'

export function kindRefusal(
  settings: AllowedKinds,
  level: SecurityLevel | null,
  type: UptType,
  kind: SupportKind,
): KindRefusal | null {
  if (neverAllowed(type, kind)) return 'program.lpkaFloor'
  if (!(settings.security_level[level ?? 'medium'] ?? []).includes(kind)) return 'need.refused.level'
  if (!(settings.upt_type[type] ?? []).includes(kind)) return 'need.refused.type'
  return null
}

export interface NeedRules {
  /** The UPT's local date (its own time zone, else its province's): a need date before it is refused. */
  today: string
  type: UptType
  securityLevel: SecurityLevel | null
  kinds: { kind: SupportKind; refusal: KindRefusal | null }[]
}

/**
 * What the need form of one UPT offers: the kinds it may receive today and, for the others, why
 * not. `today` (the UPT's local date unless given) also decides which security level applies.
 * Null when the UPT does not exist.
 */
export async function needRules(db: DB, uptId: string, today?: string): Promise<NeedRules | null> {
  const upt = await db
    .selectFrom('upts as u')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .select(['u.type', sql<string>`coalesce(u.timezone, p.timezone)`.as('zone')])
    .where('u.id', '=', uptId)
    .executeTakeFirst()
  if (!upt) return null
  const localToday = today ?? todayIn(upt.zone)
  const [settings, status] = await Promise.all([loadAllowedKinds(db), uptStatusOn(db, uptId, localToday)])
  return {
    today: localToday,
    type: upt.type,
    securityLevel: status.securityLevel,
    kinds: SUPPORT_KINDS.map((kind) => ({
      kind,
      refusal: kindRefusal(settings, status.securityLevel, upt.type, kind),
    })),
  }
}
