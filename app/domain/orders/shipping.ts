import type { Transaction } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { Database, Delivery } from '#db/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { nowIso } from '#app/lib/time.ts'

type Trx = Transaction<Database> | DB

/** Flat fees (rupiah) when a UPT has not set its own: same province, same island group, elsewhere. */
export const DEFAULT_SHIPPING = { same_province: 20_000, same_island: 35_000, other: 60_000 }

/** Shipping fee for one UPT's parcel: flat by destination zone, free for pickup. */
export async function shippingFee(db: Trx, uptId: string, delivery: Delivery, provinceId: string | null | undefined): Promise<number> {
  if (delivery === 'pickup') return 0
  const upt = await db
    .selectFrom('upts as u')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .leftJoin('upt_shipping_rates as r', 'r.upt_id', 'u.id')
    .select(['u.province_id', 'p.island_group', 'r.same_province', 'r.same_island', 'r.other'])
    .where('u.id', '=', uptId)
    .executeTakeFirstOrThrow()
  const dest = provinceId ? await db.selectFrom('provinces').select(['id', 'island_group']).where('id', '=', provinceId).executeTakeFirst() : undefined
  if (!dest) throw new DomainError('field.invalid', 'provinceId')
  const rates = {
    same_province: upt.same_province ?? DEFAULT_SHIPPING.same_province,
    same_island: upt.same_island ?? DEFAULT_SHIPPING.same_island,
    other: upt.other ?? DEFAULT_SHIPPING.other,
  }
  if (dest.id === upt.province_id) return rates.same_province
  if (dest.island_group === upt.island_group) return rates.same_island
  return rates.other
}

/** A UPT's flat fees by destination zone (defaults when it has not set its own). */
export async function getShippingRates(db: DB, uptId: string) {
  const r = await db.selectFrom('upt_shipping_rates').selectAll().where('upt_id', '=', uptId).executeTakeFirst()
  return r ? { same_province: r.same_province, same_island: r.same_island, other: r.other } : { ...DEFAULT_SHIPPING }
}

export async function setShippingRates(db: DB, input: { uptId: string; sameProvince: number; sameIsland: number; other: number; actorUserId: string; ip?: string | null }) {
  const at = nowIso()
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('upt_shipping_rates')
      .values({ upt_id: input.uptId, same_province: input.sameProvince, same_island: input.sameIsland, other: input.other, pickup: 1, updated_at: at })
      .onConflict((oc) => oc.column('upt_id').doUpdateSet({ same_province: input.sameProvince, same_island: input.sameIsland, other: input.other, updated_at: at }))
      .execute()
    await audit(trx, { actorUserId: input.actorUserId, action: 'upt.shippingRates', targetType: 'upt', targetId: input.uptId, ip: input.ip, details: { sameProvince: input.sameProvince, sameIsland: input.sameIsland, other: input.other } })
  })
}
