import type { DB } from '#db/client.ts'
import { MAX_QTY } from '#app/domain/catalog/schemas.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'

/** What "Beli lagi" could not do exactly as ordered before, per product. */
export type ReorderNote =
  | { kind: 'unavailable'; name: string }
  | { kind: 'soldOut'; name: string }
  | { kind: 'reduced'; name: string; qty: number; wanted: number }
  | { kind: 'priceChanged'; name: string; price: number; old: number }

export interface ReorderResult {
  cartId: string
  /** units put in the cart */
  units: number
  notes: ReorderNote[]
}

/**
 * "Beli lagi" (issue 14, item 7): puts the lines of one of the buyer's past orders back in their
 * cart as the shop stands now: products no longer sold are left out, stock limits what is added
 * (counting what the cart already holds), and the current price applies. The order is looked up
 * by number within the buyer's own orders; another buyer's number is not found.
 */
export async function reorderIntoCart(
  db: DB,
  input: { userId: string; orderNumber: string; cartId: string | null },
): Promise<ReorderResult> {
  return inTransaction(db, async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .select('id')
      .where('order_number', '=', input.orderNumber)
      .where('user_id', '=', input.userId)
      .where('kind', '=', 'retail')
      .executeTakeFirst()
    if (!order) throw new NotFoundError('order', 'orderNumber', 'error.notFound')
    // The account's cart, made only now that there is something to put in it.
    let cartId = input.cartId
    if (!cartId) {
      cartId = newId()
      await trx
        .insertInto('carts')
        .values({ id: cartId, token_hash: null, user_id: input.userId, created_at: nowIso(), updated_at: nowIso() })
        .execute()
    }
    const lines = await trx
      .selectFrom('order_lines as l')
      .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
      .leftJoin('products as p', 'p.id', 'l.product_id')
      .leftJoin('cart_items as c', (j) => j.onRef('c.product_id', '=', 'l.product_id').on('c.cart_id', '=', cartId))
      .select([
        'l.product_id',
        'l.name',
        'l.qty',
        'l.unit_price',
        'p.name as current_name',
        'p.status',
        'p.price',
        'p.stock',
        'p.stock_mode',
        'c.qty as in_cart',
      ])
      .where('s.order_id', '=', order.id)
      .orderBy('s.number')
      .orderBy('l.name')
      .execute()
    // One product may sit in several lines (never today, but cheap to respect): add them up.
    const wanted = new Map<string, (typeof lines)[number] & { want: number }>()
    for (const l of lines) {
      const seen = wanted.get(l.product_id)
      if (seen) seen.want += l.qty
      else wanted.set(l.product_id, { ...l, want: l.qty })
    }
    const notes: ReorderNote[] = []
    let units = 0
    const at = nowIso()
    for (const l of wanted.values()) {
      const name = l.current_name ?? l.name
      if (l.status !== 'published' || l.price === null) {
        notes.push({ kind: 'unavailable', name })
        continue
      }
      const price = l.price
      const inCart = l.in_cart ?? 0
      const room = Math.min(MAX_QTY, l.stock_mode === 'stock' ? (l.stock ?? 0) : MAX_QTY) - inCart
      const qty = Math.min(l.want, Math.max(0, room))
      if (qty === 0) {
        notes.push({ kind: 'soldOut', name })
        continue
      }
      if (qty < l.want) notes.push({ kind: 'reduced', name, qty, wanted: l.want })
      if (price !== l.unit_price) notes.push({ kind: 'priceChanged', name, price, old: l.unit_price })
      await trx
        .insertInto('cart_items')
        .values({ cart_id: cartId, product_id: l.product_id, qty, price_at_add: price, added_at: at })
        .onConflict((oc) =>
          oc.columns(['cart_id', 'product_id']).doUpdateSet({ qty: inCart + qty, price_at_add: price }),
        )
        .execute()
      units += qty
    }
    return { cartId, units, notes }
  })
}
