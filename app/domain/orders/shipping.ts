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
export async function shippingFee(
  db: Trx,
  uptId: string,
  delivery: Delivery,
  provinceId: string | null | undefined,
): Promise<number> {
  if (delivery === 'pickup') return 0
  const upt = await db
    .selectFrom('upts as u')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .leftJoin('upt_shipping_rates as r', 'r.upt_id', 'u.id')
    .select(['u.province_id', 'p.island_group', 'r.same_province', 'r.same_island', 'r.other'])
    .where('u.id', '=', uptId)
    .executeTakeFirstOrThrow()
  const dest = provinceId
    ? await db.selectFrom('provinces').select(['id', 'island_group']).where('id', '=', provinceId).executeTakeFirst()
    : undefined
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

/** One UPT's parcel of an order: the goods' subtotal and what shipping adds to it. */
export interface ParcelQuote {
  uptId: string
  subtotal: number
  /** null while a delivery has no destination province yet (nothing to compute from) */
  fee: number | null
  total: number | null
}

export interface ShippingQuote {
  parcels: ParcelQuote[]
  subtotal: number
  shipping: number | null
  total: number | null
}

/**
 * The price of an order before and when it is placed: one parcel per UPT, each with its shipping
 * fee, and the grand total. The checkout summary and `placeOrder` both call this, so what the buyer
 * is shown is what the order books. `provinceId` missing on a delivery gives unknown (null) fees;
 * an unknown province is refused (`field.invalid` on provinceId).
 */
export async function quoteShipping(
  db: Trx,
  parcels: { uptId: string; subtotal: number }[],
  delivery: Delivery,
  provinceId: string | null | undefined,
): Promise<ShippingQuote> {
  const pending = delivery === 'ship' && !provinceId
  const quoted: ParcelQuote[] = []
  for (const p of parcels) {
    const fee = pending ? null : await shippingFee(db, p.uptId, delivery, provinceId)
    quoted.push({ uptId: p.uptId, subtotal: p.subtotal, fee, total: fee === null ? null : p.subtotal + fee })
  }
  const subtotal = quoted.reduce((s, p) => s + p.subtotal, 0)
  const shipping = pending ? null : quoted.reduce((s, p) => s + (p.fee ?? 0), 0)
  return { parcels: quoted, subtotal, shipping, total: shipping === null ? null : subtotal + shipping }
}

/** Where and when buyers collect pickup orders at each of these UPTs (missing: not set by the UPT). */
export async function getPickupPoints(db: DB, uptIds: string[]) {
  if (uptIds.length === 0) return {} as Record<string, PickupPoint>
  const rows = await db
    .selectFrom('upt_pickup_points')
    .select(['upt_id', 'address', 'hours', 'contact'])
    .where('upt_id', 'in', uptIds)
    .execute()
  return Object.fromEntries(
    rows.map((r) => [r.upt_id, { address: r.address, hours: r.hours, contact: r.contact }]),
  ) as Record<string, PickupPoint>
}

export interface PickupPoint {
  address: string
  hours: string
  contact: string
}

/** A UPT's flat fees by destination zone (defaults when it has not set its own). */
export async function getShippingRates(db: DB, uptId: string) {
  const r = await db.selectFrom('upt_shipping_rates').selectAll().where('upt_id', '=', uptId).executeTakeFirst()
  return r ? { same_province: r.same_province, same_island: r.same_island, other: r.other } : { ...DEFAULT_SHIPPING }
}

/** What the shipping settings page edits: the fees and the pickup outlet (null until set). */
export async function getShippingSettings(db: DB, uptId: string) {
  const [rates, points] = await Promise.all([getShippingRates(db, uptId), getPickupPoints(db, [uptId])])
  return { rates, pickup: points[uptId] ?? null }
}

export async function setShippingRates(
  db: DB,
  input: {
    uptId: string
    sameProvince: number
    sameIsland: number
    other: number
    pickup?: PickupPoint | null
    actorUserId: string
    ip?: string | null
  },
) {
  const at = nowIso()
  await inTransaction(db, async (trx) => {
    // The outlet is saved with the fees (one settings form); left empty, the UPT has none to show.
    if (input.pickup) {
      const p = input.pickup
      await trx
        .insertInto('upt_pickup_points')
        .values({ upt_id: input.uptId, address: p.address, hours: p.hours, contact: p.contact, updated_at: at })
        .onConflict((oc) =>
          oc.column('upt_id').doUpdateSet({ address: p.address, hours: p.hours, contact: p.contact, updated_at: at }),
        )
        .execute()
    } else if (input.pickup === null) {
      await trx.deleteFrom('upt_pickup_points').where('upt_id', '=', input.uptId).execute()
    }
    await trx
      .insertInto('upt_shipping_rates')
      .values({
        upt_id: input.uptId,
        same_province: input.sameProvince,
        same_island: input.sameIsland,
        other: input.other,
        pickup: 1,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('upt_id').doUpdateSet({
          same_province: input.sameProvince,
          same_island: input.sameIsland,
          other: input.other,
          updated_at: at,
        }),
      )
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'upt.shippingRates',
      targetType: 'upt',
      targetId: input.uptId,
      ip: input.ip,
      details: {
        sameProvince: input.sameProvince,
        sameIsland: input.sameIsland,
        other: input.other,
        pickup: input.pickup ?? null,
      },
    })
  })
}
