import type { DB } from '#db/client.ts'
import { audit } from '#app/domain/audit/log.ts'
import { DomainError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { PROVIDER_NAMES, type ProviderName } from '#app/integrations/payments/types.ts'
import { type ProviderSettingKey, setPaymentSetting } from './settings.ts'

/**
 * Which hosted-page providers national finance lets buyers use (docs/decisions/022). Kept in
 * `payment_settings` as `provider.<name>.enabled` = 1/0; a provider nobody decided on is enabled,
 * so an install offers whatever it has keys for. Bank transfer is always offered (offtake orders
 * are paid by it).
 */
const keyOf = (name: ProviderName): ProviderSettingKey => `provider.${name}.enabled`
export type EnabledProviders = Record<ProviderName, boolean>

export async function enabledProviders(db: DB): Promise<EnabledProviders> {
  const rows = await db
    .selectFrom('payment_settings')
    .select(['key', 'value'])
    .where('key', 'in', PROVIDER_NAMES.map(keyOf))
    .execute()
  const out = Object.fromEntries(PROVIDER_NAMES.map((n) => [n, true])) as EnabledProviders
  for (const r of rows) out[r.key.split('.')[1] as ProviderName] = r.value === 1
  return out
}

/**
 * National finance turns providers on or off; at least one must stay on (a buyer should always
 * be able to pay online). Audited with what changed.
 */
export async function saveEnabledProviders(
  db: DB,
  next: EnabledProviders,
  actor: { userId: string; ip?: string | null },
) {
  if (!PROVIDER_NAMES.some((n) => next[n])) throw new DomainError('providers.atLeastOne', 'providers')
  await inTransaction(db, async (trx) => {
    const before = await enabledProviders(trx)
    const changed = PROVIDER_NAMES.filter((n) => before[n] !== next[n])
    for (const n of PROVIDER_NAMES) await setPaymentSetting(trx, keyOf(n), next[n] ? 1 : 0, actor.userId)
    if (changed.length) {
      await audit(trx, {
        actorUserId: actor.userId,
        action: 'payment.providers',
        targetType: 'payment_settings',
        targetId: 'providers',
        ip: actor.ip ?? null,
        details: Object.fromEntries(changed.map((n) => [n, next[n] ? 'enabled' : 'disabled'])),
      })
    }
  })
}
