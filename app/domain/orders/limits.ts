import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { audit } from '#app/domain/audit/log.ts'
import { hitRateLimit } from '#app/domain/identity/rate-limit.ts'
import { hashToken } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'

/**
 * Limits on buying without an account (ADR 017). Every order reserves stock and
 * sends an email to the address typed in, so a stranger placing orders in bulk holds the shop's
 * stock and mails arbitrary people. National admins and national finance change these at
 * /admin/shop-limits; a missing row means the default.
 */
export const SHOP_LIMIT_DEFAULTS = {
  /** Orders (each one a stock reservation and an email) from one IP address per window. */
  ordersPerIp: 10,
  /** Orders naming one email address per window, whoever places them. */
  ordersPerEmail: 5,
  /** Length of the window, in minutes. */
  windowMinutes: 60,
  /** Units (all lines together) one order without an account may hold. */
  guestMaxUnits: 50,
} as const
export type ShopLimitKey = keyof typeof SHOP_LIMIT_DEFAULTS
export type ShopLimits = Record<ShopLimitKey, number>
export const SHOP_LIMIT_KEYS = Object.keys(SHOP_LIMIT_DEFAULTS) as ShopLimitKey[]

/** What the form accepts: at least 1 each, with a ceiling that keeps a typo from switching a limit off. */
export const SHOP_LIMIT_BOUNDS: Record<ShopLimitKey, { min: number; max: number }> = {
  ordersPerIp: { min: 1, max: 100_000 },
  ordersPerEmail: { min: 1, max: 100_000 },
  // At most an hour: the shared limiter prunes windows that started more than an hour ago.
  windowMinutes: { min: 1, max: 60 },
  guestMaxUnits: { min: 1, max: 999 },
}

export async function getShopLimits(db: DB): Promise<ShopLimits> {
  const rows = await db.selectFrom('shop_settings').select(['key', 'value']).execute()
  const out: ShopLimits = { ...SHOP_LIMIT_DEFAULTS }
  for (const r of rows) {
    if (!(r.key in out)) continue
    const { min, max } = SHOP_LIMIT_BOUNDS[r.key as ShopLimitKey]
    if (Number.isInteger(r.value) && r.value >= min && r.value <= max) out[r.key as ShopLimitKey] = r.value
  }
  return out
}

/** Saves all limits at once, audited with the values before and after. */
export async function setShopLimits(db: DB, next: ShopLimits, actor: { userId: string; ip?: string | null }) {
  await inTransaction(db, async (trx) => {
    const before = await getShopLimits(trx)
    const at = nowIso()
    for (const key of SHOP_LIMIT_KEYS) {
      await trx
        .insertInto('shop_settings')
        .values({ key, value: next[key], updated_by: actor.userId, updated_at: at })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: next[key], updated_by: actor.userId, updated_at: at }),
        )
        .execute()
    }
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'shop.limits',
      targetType: 'shop_settings',
      ip: actor.ip,
      details: { before, after: next },
    })
  })
}

export interface Throttled {
  by: 'ip' | 'email'
  retryAfterSeconds: number
}

/**
 * Counts one checkout against the IP's and the email address's budgets (the DB-backed fixed
 * window of rate-limit.ts, shared by every app instance). Returns null when both allow it. The
 * address is kept only as a hash; an IP already over its budget does not spend the address's.
 */
export async function throttleCheckout(
  db: DB,
  input: { ip: string; email: string; limits: ShopLimits; now?: number },
): Promise<Throttled | null> {
  const windowSeconds = input.limits.windowMinutes * 60
  const now = input.now ?? Date.now()
  const byIp = await hitRateLimit(db, `checkout:ip:${input.ip}`, input.limits.ordersPerIp, windowSeconds, now)
  if (!byIp.allowed) return { by: 'ip', retryAfterSeconds: byIp.retryAfterSeconds }
  const byEmail = await hitRateLimit(
    db,
    `checkout:email:${hashToken(input.email.trim().toLowerCase())}`,
    input.limits.ordersPerEmail,
    windowSeconds,
    now,
  )
  if (!byEmail.allowed) return { by: 'email', retryAfterSeconds: byEmail.retryAfterSeconds }
  return null
}
