import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { smallerOf } from '#db/sql.ts'
import { DomainError } from '#app/domain/errors.ts'
import { MAX_QTY } from '#app/domain/catalog/schemas.ts'
import { hashToken, newId, newToken } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'

/**
 * Carts live in the database: a guest's is found by the hash of a cookie token, a signed-in
 * buyer's by user id. When a guest signs in, the guest cart is folded into the account's.
 */
export async function findCart(db: DB, who: { token?: string | null; userId?: string | null }): Promise<string | null> {
  const guest = who.token
    ? await db
        .selectFrom('carts')
        .select(['id', 'user_id'])
        .where('token_hash', '=', hashToken(who.token))
        .executeTakeFirst()
    : undefined
  if (!who.userId) return guest?.id ?? null
  const mine = await db.selectFrom('carts').select('id').where('user_id', '=', who.userId).executeTakeFirst()
  if (!guest || guest.user_id === who.userId) return mine?.id ?? guest?.id ?? null
  if (!mine) {
    // The guest cart becomes the account's cart.
    await db
      .updateTable('carts')
      .set({ user_id: who.userId, token_hash: null, updated_at: nowIso() })
      .where('id', '=', guest.id)
      .execute()
    return guest.id
  }
  await inTransaction(db, async (trx) => {
    const items = await trx.selectFrom('cart_items').selectAll().where('cart_id', '=', guest.id).execute()
    for (const it of items) {
      await trx
        .insertInto('cart_items')
        .values({ ...it, cart_id: mine.id })
        .onConflict((oc) =>
          oc
            .columns(['cart_id', 'product_id'])
            .doUpdateSet((eb) => ({ qty: smallerOf(trx, eb('cart_items.qty', '+', it.qty), eb.lit(MAX_QTY)) })),
        )
        .execute()
    }
    await trx.deleteFrom('carts').where('id', '=', guest.id).execute()
  })
  return mine.id
}

/** The cart to write into, created when missing. Returns a new guest token to set as a cookie. */
export async function ensureCart(db: DB, who: { token?: string | null; userId?: string | null }) {
  const found = await findCart(db, who)
  if (found) return { cartId: found, newToken: null as string | null }
  const id = newId()
  const now = nowIso()
  const token = who.userId ? null : newToken()
  await db
    .insertInto('carts')
    .values({
      id,
      token_hash: token ? hashToken(token) : null,
      user_id: who.userId ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return { cartId: id, newToken: token }
}

async function purchasable(db: DB, productId: string) {
  const p = await db
    .selectFrom('products')
    .select(['id', 'name', 'price', 'stock', 'stock_mode', 'status'])
    .where('id', '=', productId)
    .executeTakeFirst()
  if (!p || p.status !== 'published') throw new DomainError('cart.unavailable', 'qty')
  return p
}

export async function addToCart(db: DB, cartId: string, productId: string, qty: number) {
  if (!Number.isInteger(qty) || qty < 1 || qty > MAX_QTY) throw new DomainError('cart.qtyInvalid', 'qty')
  const p = await purchasable(db, productId)
  const existing = await db
    .selectFrom('cart_items')
    .select('qty')
    .where('cart_id', '=', cartId)
    .where('product_id', '=', productId)
    .executeTakeFirst()
  const total = (existing?.qty ?? 0) + qty
  if (total > MAX_QTY) throw new DomainError('cart.qtyInvalid', 'qty')
  if (p.stock_mode === 'stock' && total > p.stock)
    throw new DomainError('cart.notEnoughStock', 'qty', { stock: p.stock })
  await db
    .insertInto('cart_items')
    .values({ cart_id: cartId, product_id: productId, qty, price_at_add: p.price, added_at: nowIso() })
    .onConflict((oc) => oc.columns(['cart_id', 'product_id']).doUpdateSet({ qty: total, price_at_add: p.price }))
    .execute()
}

export async function setCartQty(db: DB, cartId: string, productId: string, qty: number) {
  if (!Number.isInteger(qty) || qty < 1 || qty > MAX_QTY) throw new DomainError('cart.qtyInvalid', 'qty')
  const p = await purchasable(db, productId)
  if (p.stock_mode === 'stock' && qty > p.stock) throw new DomainError('cart.notEnoughStock', 'qty', { stock: p.stock })
  const r = await db
    .updateTable('cart_items')
    .set({ qty, price_at_add: p.price })
    .where('cart_id', '=', cartId)
    .where('product_id', '=', productId)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 0) throw new DomainError('cart.unavailable', 'qty')
}

/** Removes a product from this cart; one that is not in it is refused (it may be in someone else's). */
export async function removeFromCart(db: DB, cartId: string, productId: string) {
  const r = await db
    .deleteFrom('cart_items')
    .where('cart_id', '=', cartId)
    .where('product_id', '=', productId)
    .executeTakeFirst()
  if (Number(r.numDeletedRows) === 0) throw new DomainError('cart.unavailable', 'qty')
}

export type CartWarning = 'unavailable' | 'stockChanged' | 'priceChanged' | null

/** The cart as it stands now, with current prices and what changed since each item was added. */
export async function cartView(db: DB, cartId: string | null) {
  if (!cartId) return { items: [], subtotal: 0, count: 0, blocked: false }
  const rows = await db
    .selectFrom('cart_items as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('upts as u', 'u.id', 'p.upt_id')
    .select([
      'c.product_id',
      'c.qty',
      'c.price_at_add',
      'p.slug',
      'p.name',
      'p.price',
      'p.unit',
      'p.stock',
      'p.stock_mode',
      'p.status',
      'u.id as upt_id',
      'u.name as upt_name',
    ])
    .where('c.cart_id', '=', cartId)
    .orderBy('u.name')
    .orderBy('c.added_at')
    .execute()
  const items = rows.map((r) => {
    let warning: CartWarning = null
    if (r.status !== 'published') warning = 'unavailable'
    else if (r.stock_mode === 'stock' && r.qty > r.stock) warning = 'stockChanged'
    else if (r.price !== r.price_at_add) warning = 'priceChanged'
    return { ...r, lineTotal: r.price * r.qty, warning }
  })
  return {
    items,
    subtotal: items.reduce((s, i) => s + i.lineTotal, 0),
    count: items.reduce((s, i) => s + i.qty, 0),
    blocked: items.some((i) => i.warning === 'unavailable' || i.warning === 'stockChanged'),
  }
}

export async function cartCount(db: DB, cartId: string | null): Promise<number> {
  if (!cartId) return 0
  const r = await db
    .selectFrom('cart_items')
    .select((eb) => eb.fn.sum<number>('qty').as('n'))
    .where('cart_id', '=', cartId)
    .executeTakeFirst()
  return Number(r?.n ?? 0)
}
