import type { Transaction } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { nextOrderCounter } from '#db/sequences.ts'
import type { Database, Delivery } from '#db/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { hashToken, newId, newToken } from '#app/lib/ids.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { cartView } from './cart.ts'
import { getPickupPoints, quoteShipping, type ShippingQuote } from './shipping.ts'

type Trx = Transaction<Database> | DB

export const RESERVATION_MINUTES = 60

export interface CheckoutInput {
  cartId: string
  userId: string | null
  buyerName: string
  buyerEmail: string
  buyerPhone: string
  delivery: Delivery
  address?: string | null
  city?: string | null
  provinceId?: string | null
  postalCode?: string | null
  now?: Date
  ttlMinutes?: number
  /** Units (all lines together) this order may hold; orders without an account get a cap (limits.ts). */
  maxUnits?: number | null
}

async function nextOrderNumber(trx: Trx, year: number): Promise<string> {
  // Gapless on SQLite; on PostgreSQL unique and increasing with gaps (db/sequences.ts, ADR 018).
  const last = await nextOrderCounter(trx, year)
  return `ML-${year}-${String(last).padStart(6, '0')}`
}

/**
 * Places an order from a cart: prices and names come from the database, never from the form;
 * one sub-order per UPT; stock reserved by a conditional decrement in the same IMMEDIATE
 * transaction (with CHECK (stock >= 0) behind it), so concurrent buyers can never oversell.
 */
export async function placeOrder(db: DB, input: CheckoutInput) {
  return createOrder(db, input, null)
}

/**
 * Hook for offtake orders (absorption agreements, issue 4): the partner buys one product at the
 * agreed unit price and quantity through the same pipeline (sub-order, reservation, fulfilment).
 * The caller must have checked the agreement is active, belongs to the partner, covers this
 * product and has the units left, and must count the units against it in its own transaction.
 */
export interface OfftakeLine {
  agreementId: string
  productId: string
  qty: number
  /** agreed price per unit, integer rupiah */
  unitPrice: number
  /** runs first inside the order's transaction: refuse (throw) if the agreement has no units left */
  guard?: (trx: DB) => Promise<void>
}

export async function placeOfftakeOrder(db: DB, input: Omit<CheckoutInput, 'cartId'> & OfftakeLine) {
  if (!Number.isInteger(input.qty) || input.qty < 1) throw new DomainError('cart.qtyInvalid', 'qty')
  if (!Number.isInteger(input.unitPrice) || input.unitPrice < 0) throw new DomainError('catalog.priceInvalid')
  return createOrder(db, { ...input, cartId: '' }, input)
}

async function createOrder(db: DB, input: CheckoutInput, offtake: OfftakeLine | null) {
  const now = input.now ?? new Date()
  const at = nowIso(now)
  const token = newToken()
  // PostgreSQL: REPEATABLE READ, not the default SERIALIZABLE: every guarantee here is explicit
  // (conditional stock update, the offtake guard's row lock, the order counter outside), and
  // SERIALIZABLE's index-page predicate locks made concurrent checkouts of different products
  // abort each other (ADR 018). SQLite ignores the level (IMMEDIATE serialises anyway).
  return inTransaction(
    db,
    async (trx) => {
      if (offtake?.guard) await offtake.guard(trx)
      const base = trx
        .selectFrom('products as p')
        .select(['p.id', 'p.upt_id', 'p.name', 'p.unit', 'p.price', 'p.status', 'p.stock_mode', 'p.stock'])
      const items = offtake
        ? (await base.where('p.id', '=', offtake.productId).execute()).map((p) => ({
            ...p,
            price: offtake.unitPrice,
            qty: offtake.qty,
          }))
        : await base
            .innerJoin('cart_items as c', 'c.product_id', 'p.id')
            .select('c.qty')
            .where('c.cart_id', '=', input.cartId)
            .orderBy('p.upt_id')
            .orderBy('c.added_at')
            .execute()
      if (items.length === 0) throw new DomainError('checkout.empty')
      const units = items.reduce((n, i) => n + i.qty, 0)
      if (input.maxUnits != null && units > input.maxUnits)
        throw new DomainError('checkout.tooManyUnits', undefined, { max: input.maxUnits, units })
      const unavailable = items.find((i) => i.status !== 'published')
      if (unavailable) throw new DomainError('checkout.unavailable', undefined, { name: unavailable.name })
      const byUpt = new Map<string, typeof items>()
      for (const it of items) byUpt.set(it.upt_id, [...(byUpt.get(it.upt_id) ?? []), it])

      const orderId = newId()
      const orderNumber = await nextOrderNumber(trx, now.getUTCFullYear())
      const groups = [...byUpt]
      // The same quote the checkout summary showed (quoteShipping): what the buyer saw is what is booked.
      const quote = await quoteShipping(
        trx,
        groups.map(([uptId, lines]) => ({ uptId, subtotal: lines.reduce((s, l) => s + l.price * l.qty, 0) })),
        input.delivery,
        input.provinceId,
      )
      if (quote.shipping === null) throw new DomainError('field.required', 'provinceId')
      const subs = groups.map(([uptId, lines], i) => ({
        id: newId(),
        uptId,
        number: `${orderNumber}-${i + 1}`,
        subtotal: quote.parcels[i]!.subtotal,
        fee: quote.parcels[i]!.fee ?? 0,
        lines,
      }))
      const subtotal = subs.reduce((s, x) => s + x.subtotal, 0)
      const shipping = subs.reduce((s, x) => s + x.fee, 0)
      await trx
        .insertInto('orders')
        .values({
          id: orderId,
          order_number: orderNumber,
          kind: offtake ? 'offtake' : 'retail',
          agreement_id: offtake?.agreementId ?? null,
          user_id: input.userId,
          buyer_name: input.buyerName,
          buyer_email: input.buyerEmail,
          buyer_phone: input.buyerPhone,
          delivery: input.delivery,
          address: input.delivery === 'ship' ? (input.address ?? null) : null,
          city: input.delivery === 'ship' ? (input.city ?? null) : null,
          province_id: input.delivery === 'ship' ? (input.provinceId ?? null) : null,
          postal_code: input.delivery === 'ship' ? (input.postalCode ?? null) : null,
          subtotal,
          shipping_total: shipping,
          total: subtotal + shipping,
          status: 'pending_payment',
          status_token_hash: hashToken(token),
          reserved_until: addMinutes(now, input.ttlMinutes ?? RESERVATION_MINUTES),
          created_at: at,
          updated_at: at,
          paid_at: null,
        })
        .execute()
      for (const s of subs) {
        await trx
          .insertInto('sub_orders')
          .values({
            id: s.id,
            order_id: orderId,
            upt_id: s.uptId,
            number: s.number,
            status: 'pending_payment',
            subtotal: s.subtotal,
            shipping_fee: s.fee,
            total: s.subtotal + s.fee,
            courier: null,
            tracking_number: null,
            stock_released_at: null,
            created_at: at,
            updated_at: at,
          })
          .execute()
        for (const l of s.lines) {
          const reserved = l.stock_mode === 'stock'
          if (reserved) {
            const r = await trx
              .updateTable('products')
              .set((eb) => ({ stock: eb('stock', '-', l.qty) }))
              .where('id', '=', l.id)
              .where('stock', '>=', l.qty)
              .executeTakeFirst()
            if (Number(r.numUpdatedRows) !== 1) {
              // Said with the number that is left, as the product page and the cart say it.
              const left = await trx.selectFrom('products').select('stock').where('id', '=', l.id).executeTakeFirst()
              throw new DomainError('checkout.outOfStockLeft', undefined, {
                name: l.name,
                stock: Math.max(0, left?.stock ?? 0),
              })
            }
          }
          await trx
            .insertInto('order_lines')
            .values({
              id: newId(),
              sub_order_id: s.id,
              product_id: l.id,
              name: l.name,
              unit: l.unit,
              unit_price: l.price,
              qty: l.qty,
              line_total: l.price * l.qty,
              reserved: reserved ? 1 : 0,
            })
            .execute()
        }
        await trx
          .insertInto('sub_order_events')
          .values({
            id: newId(),
            sub_order_id: s.id,
            from_status: 'new',
            to_status: 'pending_payment',
            actor_user_id: input.userId,
            note: null,
            at,
          })
          .execute()
      }
      if (!offtake) await trx.deleteFrom('cart_items').where('cart_id', '=', input.cartId).execute()
      return { orderId, orderNumber, token, total: subtotal + shipping, subOrders: subs.map((s) => s.number) }
    },
    { isolation: 'repeatable read' },
  )
}

/**
 * The price of a cart before it is ordered: per UPT the goods and shipping, and the grand total,
 * from the same `quoteShipping` that `placeOrder` books with. Lines are grouped by UPT in the
 * order placeOrder groups them (UPT id, then when added); the names come with each parcel.
 */
export async function quoteCart(
  db: DB,
  cart: { items: { upt_id: string; upt_name: string; lineTotal: number }[] },
  delivery: Delivery,
  provinceId: string | null | undefined,
): Promise<ShippingQuote & { parcels: (ShippingQuote['parcels'][number] & { uptName: string })[] }> {
  const byUpt = new Map<string, { uptId: string; uptName: string; subtotal: number }>()
  for (const i of cart.items) {
    const p = byUpt.get(i.upt_id) ?? { uptId: i.upt_id, uptName: i.upt_name, subtotal: 0 }
    p.subtotal += i.lineTotal
    byUpt.set(i.upt_id, p)
  }
  const groups = [...byUpt.values()]
  const quote = await quoteShipping(db, groups, delivery, provinceId)
  return { ...quote, parcels: quote.parcels.map((p, i) => ({ ...p, uptName: groups[i]!.uptName })) }
}

/**
 * What the checkout page shows for a cart and a chosen delivery: the cart, the quote (an unknown
 * province gives unknown fees and `provinceInvalid`, never an error page) and the pickup outlets
 * of the cart's UPTs.
 */
export async function checkoutPreview(
  db: DB,
  cartId: string | null,
  delivery: Delivery,
  provinceId: string | null | undefined,
) {
  const cart = await cartView(db, cartId)
  let provinceInvalid = false
  let quote
  try {
    quote = await quoteCart(db, cart, delivery, provinceId)
  } catch (error) {
    if (!(error instanceof DomainError) || error.field !== 'provinceId') throw error
    provinceInvalid = true
    quote = await quoteCart(db, cart, delivery, null)
  }
  const pickupPoints = await getPickupPoints(
    db,
    quote.parcels.map((p) => p.uptId),
  )
  return { cart, quote: { ...quote, delivery, provinceInvalid }, pickupPoints }
}
