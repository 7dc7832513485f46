import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { nowIso } from '#app/lib/time.ts'

/** Payment settings with their defaults; national finance may change them. */
export const PAYMENT_SETTING_DEFAULTS = {
  /** A bank transfer above this (rupiah) needs a second finance person to confirm it. */
  fourEyesThreshold: 5_000_000,
  /** Hours the buyer has to transfer after choosing bank transfer. */
  transferDeadlineHours: 24,
} as const
export type PaymentSettingKey = keyof typeof PAYMENT_SETTING_DEFAULTS

export async function getPaymentSettings(db: DB): Promise<Record<PaymentSettingKey, number>> {
  const rows = await db.selectFrom('payment_settings').select(['key', 'value']).execute()
  const out: Record<PaymentSettingKey, number> = { ...PAYMENT_SETTING_DEFAULTS }
  for (const r of rows) if (r.key in out) out[r.key as PaymentSettingKey] = r.value
  return out
}

/** `provider.<name>.enabled`: which hosted-page providers buyers may use (providers.ts). */
export type ProviderSettingKey = `provider.${string}.enabled`

export async function setPaymentSetting(
  db: DB,
  key: PaymentSettingKey | ProviderSettingKey,
  value: number,
  userId: string | null,
) {
  await db
    .insertInto('payment_settings')
    .values({ key, value, updated_by: userId, updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: userId, updated_at: nowIso() }))
    .execute()
}

/** National finance saves the payment settings together. */
export async function savePaymentSettings(db: DB, values: Record<PaymentSettingKey, number>, userId: string | null) {
  await inTransaction(db, async (trx) => {
    for (const key of Object.keys(PAYMENT_SETTING_DEFAULTS) as PaymentSettingKey[])
      await setPaymentSetting(trx, key, values[key], userId)
  })
}
