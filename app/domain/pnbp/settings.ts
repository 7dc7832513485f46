import { z } from 'zod'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import type { DepositRule } from './late.ts'

export interface PnbpSettings {
  depositRule: 'next_working_day' | 'monthly_deadline'
  deadlineDay: number
  holidays: string[]
  kodeAkunDefault: string
  billingExpiryDays: number
  toleranceRupiah: number
}

export const DEFAULT_SETTINGS: PnbpSettings = {
  depositRule: 'next_working_day',
  deadlineDay: 10,
  holidays: [],
  kodeAkunDefault: '425411',
  billingExpiryDays: 7,
  toleranceRupiah: 5000,
}

const stored = z.object({
  depositRule: z.enum(['next_working_day', 'monthly_deadline']).catch(DEFAULT_SETTINGS.depositRule),
  deadlineDay: z.coerce.number().int().min(1).max(31).catch(DEFAULT_SETTINGS.deadlineDay),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).catch(DEFAULT_SETTINGS.holidays),
  kodeAkunDefault: z
    .string()
    .regex(/^\d{6}$/)
    .catch(DEFAULT_SETTINGS.kodeAkunDefault),
  billingExpiryDays: z.coerce.number().int().min(1).max(60).catch(DEFAULT_SETTINGS.billingExpiryDays),
  toleranceRupiah: z.coerce.number().int().min(0).catch(DEFAULT_SETTINGS.toleranceRupiah),
})

export async function getSettings(db: DB): Promise<PnbpSettings> {
  const rows = await db.selectFrom('pnbp_settings').select(['key', 'value']).execute()
  const raw: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const r of rows) {
    try {
      raw[r.key] = JSON.parse(r.value)
    } catch {
      /* a broken row falls back to the default */
    }
  }
  return stored.parse(raw)
}

export async function saveSettings(db: DB, next: PnbpSettings, actorUserId: string | null): Promise<void> {
  return inTransaction(db, async (trx) => {
    const now = nowIso()
    for (const [key, value] of Object.entries(next)) {
      await trx
        .insertInto('pnbp_settings')
        .values({ key, value: JSON.stringify(value), updated_at: now, updated_by: actorUserId })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now, updated_by: actorUserId }),
        )
        .execute()
    }
    await audit(trx, { actorUserId, action: 'pnbp.settings.update', targetType: 'pnbp_settings', details: { ...next } })
  })
}

export function depositRuleOf(s: PnbpSettings): DepositRule {
  return s.depositRule === 'monthly_deadline'
    ? { kind: 'monthly_deadline', day: s.deadlineDay }
    : { kind: 'next_working_day', holidays: s.holidays }
}

/** Sets a UPT's yearly PNBP target (national finance); audited with the previous value. */
/** A UPT's yearly PNBP target (national finance sets every UPT's); an unknown UPT is not found. */
export async function setTarget(
  db: DB,
  input: { uptId: string; year: number; amount: number; actorUserId: string | null },
) {
  return inTransaction(db, async (trx) => {
    if (!(await trx.selectFrom('upts').select('id').where('id', '=', input.uptId).executeTakeFirst()))
      throw new NotFoundError('upt', 'uptId', 'field.invalid')
    const before = await trx
      .selectFrom('pnbp_targets')
      .select('amount')
      .where('upt_id', '=', input.uptId)
      .where('year', '=', input.year)
      .executeTakeFirst()
    const now = nowIso()
    await trx
      .insertInto('pnbp_targets')
      .values({ id: newId(), upt_id: input.uptId, year: input.year, amount: input.amount, updated_at: now })
      .onConflict((oc) => oc.columns(['upt_id', 'year']).doUpdateSet({ amount: input.amount, updated_at: now }))
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'pnbp.target.set',
      targetType: 'upt',
      targetId: input.uptId,
      details: { year: input.year, amount: input.amount, before: before?.amount ?? null },
    })
  })
}

/** The latest yearly PNBP targets (at most `limit`), newest year first, by UPT. */
export async function listPnbpTargets(db: DB, limit = 200) {
  return db
    .selectFrom('pnbp_targets as t')
    .innerJoin('upts as u', 'u.id', 't.upt_id')
    .select(['t.id', 't.year', 't.amount', 'u.name'])
    .orderBy('t.year', 'desc')
    .orderBy('u.name')
    .limit(limit)
    .execute()
}
