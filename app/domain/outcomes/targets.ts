import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { TargetScope } from '#db/schema.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { nowIso } from '#app/lib/time.ts'
import type { Actor } from './records.ts'

/**
 * Sets a year's targets for the nation, a Kanwil or a UPT. `actor.kanwilId` is the Kanwil the
 * admin is limited to (null: national): national targets need a national admin, and a Kanwil or
 * UPT outside the admin's Kanwil (or one that does not exist) is not found.
 */
export async function setTargets(
  db: DB,
  v: { year: number; scopeType: TargetScope; scopeId: string; trained: number; certified: number },
  actor: Actor & { kanwilId: string | null },
) {
  const kanwilOfScope =
    v.scopeType === 'national'
      ? v.scopeId === '' && actor.kanwilId === null
        ? null
        : undefined
      : v.scopeType === 'kanwil'
        ? (await db.selectFrom('kanwils').select('id').where('id', '=', v.scopeId).executeTakeFirst())?.id
        : (await db.selectFrom('upts').select('kanwil_id').where('id', '=', v.scopeId).executeTakeFirst())?.kanwil_id
  if (kanwilOfScope === undefined || (actor.kanwilId !== null && kanwilOfScope !== actor.kanwilId))
    throw new NotFoundError('target scope', 'scopeId', 'field.invalid')
  await inTransaction(db, async (trx) => {
    const now = nowIso()
    const before = await trx
      .selectFrom('realisation_targets')
      .select(['metric', 'target'])
      .where('year', '=', v.year)
      .where('scope_type', '=', v.scopeType)
      .where('scope_id', '=', v.scopeId)
      .execute()
    for (const metric of ['trained', 'certified'] as const) {
      await trx
        .insertInto('realisation_targets')
        .values({
          year: v.year,
          scope_type: v.scopeType,
          scope_id: v.scopeId,
          metric,
          target: v[metric],
          updated_at: now,
          updated_by: actor.userId,
        })
        .onConflict((oc) =>
          oc
            .columns(['year', 'scope_type', 'scope_id', 'metric'])
            .doUpdateSet({ target: v[metric], updated_at: now, updated_by: actor.userId }),
        )
        .execute()
    }
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'target.set',
      targetType: `target.${v.scopeType}`,
      targetId: `${v.year}:${v.scopeId}`,
      ip: actor.ip,
      details: {
        before: Object.fromEntries(before.map((b) => [b.metric, b.target])),
        after: { trained: v.trained, certified: v.certified },
      },
    })
  })
}

/**
 * The Kanwil a Kanwil or UPT target belongs to, which decides which admins may set it; undefined
 * when the Kanwil or UPT does not exist.
 */
export async function kanwilOfTargetScope(
  db: DB,
  scopeType: 'kanwil' | 'upt',
  scopeId: string,
): Promise<string | undefined> {
  if (scopeType === 'kanwil')
    return (await db.selectFrom('kanwils').select('id').where('id', '=', scopeId).executeTakeFirst())?.id
  return (await db.selectFrom('upts').select('kanwil_id').where('id', '=', scopeId).executeTakeFirst())?.kanwil_id
}

export async function listTargets(db: DB, year: number, kanwilId: string | null) {
  const rows = await db
    .selectFrom('realisation_targets as t')
    .leftJoin('kanwils as k', (j) => j.onRef('k.id', '=', 't.scope_id').on('t.scope_type', '=', 'kanwil'))
    .leftJoin('upts as u', (j) => j.onRef('u.id', '=', 't.scope_id').on('t.scope_type', '=', 'upt'))
    .select([
      't.year',
      't.scope_type',
      't.scope_id',
      't.metric',
      't.target',
      'k.name as kanwil_name',
      'u.name as upt_name',
      sql<string | null>`coalesce(k.id, u.kanwil_id)`.as('kanwil_id'),
    ])
    .where('t.year', '=', year)
    .execute()
  const byScope = new Map<
    string,
    {
      scopeType: TargetScope
      scopeId: string
      name: string | null
      kanwilId: string | null
      trained: number | null
      certified: number | null
    }
  >()
  for (const r of rows) {
    if (kanwilId && r.kanwil_id !== kanwilId) continue
    const key = `${r.scope_type}|${r.scope_id}`
    const item = byScope.get(key) ?? {
      scopeType: r.scope_type,
      scopeId: r.scope_id,
      name: r.kanwil_name ?? r.upt_name ?? null,
      kanwilId: r.kanwil_id,
      trained: null,
      certified: null,
    }
    item[r.metric] = r.target
    byScope.set(key, item)
  }
  const order = { national: 0, kanwil: 1, upt: 2 }
  return [...byScope.values()].sort(
    (a, b) => order[a.scopeType] - order[b.scopeType] || (a.name ?? '').localeCompare(b.name ?? ''),
  )
}
