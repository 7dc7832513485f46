import type { Transaction } from 'kysely'
import type { DB } from '#db/client.ts'
import { likeAnyCase } from '#db/sql.ts'
import type { Database, Delivery, SubOrderStatus } from '#db/schema.ts'
import { nextOrderCounter } from '#db/sequences.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/identity/audit.ts'
import { hashToken, newId, newToken } from '#app/utils/ids.ts'
import { addMinutes, nowIso } from '#app/utils/time.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { type SubOrderEvent, transition } from './state.ts'

type Trx = Transaction<Database> | DB

export const RESERVATION_MINUTES = 60
/** Flat fees (rupiah) when a UPT has not set its own: same province, same island group, elsewhere. */
export const DEFAULT_SHIPPING = { same_province: 20_000, same_island: 35_000, other: 60_000 }

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
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    if (offtake?.guard) await offtake.guard(trx)
    const base = trx
      .selectFrom('products as p')
      .select(['p.id', 'p.upt_id', 'p.name', 'p.unit', 'p.price', 'p.status', 'p.stock_mode', 'p.stock'])
    const items = offtake
      ? (await base.where('p.id', '=', offtake.productId).execute()).map((p) => ({ ...p, price: offtake.unitPrice, qty: offtake.qty }))
      : await base
          .innerJoin('cart_items as c', 'c.product_id', 'p.id')
          .select('c.qty')
          .where('c.cart_id', '=', input.cartId)
          .orderBy('p.upt_id')
          .orderBy('c.added_at')
          .execute()
    if (items.length === 0) throw new DomainError('checkout.empty')
    const units = items.reduce((n, i) => n + i.qty, 0)
    if (input.maxUnits != null && units > input.maxUnits) throw new DomainError('checkout.tooManyUnits', undefined, { max: input.maxUnits, units })
    const unavailable = items.find((i) => i.status !== 'published')
    if (unavailable) throw new DomainError('checkout.unavailable', undefined, { name: unavailable.name })
    const byUpt = new Map<string, typeof items>()
    for (const it of items) byUpt.set(it.upt_id, [...(byUpt.get(it.upt_id) ?? []), it])

    const orderId = newId()
    const orderNumber = await nextOrderNumber(trx, now.getUTCFullYear())
    const subs: { id: string; uptId: string; number: string; subtotal: number; fee: number; lines: typeof items }[] = []
    let n = 0
    for (const [uptId, lines] of byUpt) {
      n++
      const subtotal = lines.reduce((s, l) => s + l.price * l.qty, 0)
      const fee = await shippingFee(trx, uptId, input.delivery, input.provinceId)
      subs.push({ id: newId(), uptId, number: `${orderNumber}-${n}`, subtotal, fee, lines })
    }
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
          if (Number(r.numUpdatedRows) !== 1) throw new DomainError('checkout.outOfStock', undefined, { name: l.name })
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
        .values({ id: newId(), sub_order_id: s.id, from_status: 'new', to_status: 'pending_payment', actor_user_id: input.userId, note: null, at })
        .execute()
    }
    if (!offtake) await trx.deleteFrom('cart_items').where('cart_id', '=', input.cartId).execute()
    return { orderId, orderNumber, token, total: subtotal + shipping, subOrders: subs.map((s) => s.number) }
  })
}

export interface EventOptions {
  actorUserId?: string | null
  courier?: string | null
  trackingNumber?: string | null
  note?: string | null
  now?: Date
}

/**
 * Moves one sub-order by an event, forward only: a conditional UPDATE on the current status, so
 * two concurrent attempts cannot both succeed; stock goes back at most once (stock_released_at).
 * Call inside a transaction.
 */
export async function applySubOrderEvent(trx: Trx, subOrderId: string, event: SubOrderEvent, o: EventOptions = {}) {
  const at = nowIso(o.now)
  const sub = await trx.selectFrom('sub_orders').select(['id', 'status']).where('id', '=', subOrderId).executeTakeFirst()
  if (!sub) throw new DomainError('error.notFound')
  const t = transition(sub.status, event)
  if (!t) throw new DomainError('order.badTransition', undefined, { status: sub.status })
  const r = await trx
    .updateTable('sub_orders')
    .set({
      status: t.to,
      updated_at: at,
      ...(event === 'ship' ? { courier: o.courier ?? null, tracking_number: o.trackingNumber ?? null } : {}),
    })
    .where('id', '=', sub.id)
    .where('status', '=', t.from)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1) throw new DomainError('order.changed')
  if (t.releasesStock) await releaseStock(trx, sub.id, at)
  await trx
    .insertInto('sub_order_events')
    .values({ id: newId(), sub_order_id: sub.id, from_status: t.from, to_status: t.to, actor_user_id: o.actorUserId ?? null, note: o.note ?? null, at })
    .execute()
  return t
}

async function releaseStock(trx: Trx, subOrderId: string, at: string) {
  const claim = await trx
    .updateTable('sub_orders')
    .set({ stock_released_at: at })
    .where('id', '=', subOrderId)
    .where('stock_released_at', 'is', null)
    .executeTakeFirst()
  if (Number(claim.numUpdatedRows) !== 1) return
  const lines = await trx.selectFrom('order_lines').select(['product_id', 'qty']).where('sub_order_id', '=', subOrderId).where('reserved', '=', 1).execute()
  for (const l of lines) {
    await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '+', l.qty) })).where('id', '=', l.product_id).execute()
  }
}

/** Derives the order's status from its sub-orders; returns the new status when this call changed it. */
export async function settleOrderStatus(trx: Trx, orderId: string, at: string): Promise<'paid' | 'expired' | 'cancelled' | null> {
  const subs = await trx.selectFrom('sub_orders').select('status').where('order_id', '=', orderId).execute()
  const all = (s: SubOrderStatus[]) => subs.every((x) => s.includes(x.status))
  let status: 'pending_payment' | 'paid' | 'expired' | 'cancelled' = 'pending_payment'
  if (subs.some((x) => x.status === 'pending_payment')) status = 'pending_payment'
  else if (all(['expired'])) status = 'expired'
  else if (all(['cancelled', 'expired'])) status = 'cancelled'
  else status = 'paid'
  if (status === 'pending_payment') return null
  const r = await trx
    .updateTable('orders')
    .set({ status, updated_at: at, ...(status === 'paid' ? { paid_at: at } : {}) })
    .where('id', '=', orderId)
    .where('status', '=', 'pending_payment')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1 ? status : null
}

/**
 * For the payments area: marks every sub-order of an order that still waits for payment as paid,
 * inside the caller's transaction (with the provider event id stored in the same transaction).
 * Returns how many sub-orders moved; 0 when the order had already expired or been paid.
 */
export async function markSubOrdersPaid(trx: Trx, orderId: string, o: { now?: Date; actorUserId?: string | null; reference?: string | null } = {}) {
  const at = nowIso(o.now)
  const subs = await trx.selectFrom('sub_orders').select('id').where('order_id', '=', orderId).where('status', '=', 'pending_payment').execute()
  for (const s of subs) await applySubOrderEvent(trx, s.id, 'pay', { actorUserId: o.actorUserId, note: o.reference ?? null, now: o.now })
  if (subs.length) await settleOrderStatus(trx, orderId, at)
  return subs.length
}

/**
 * Expires unpaid orders whose reservation has run out and puts their stock back. Idempotent:
 * each sub-order moves pending_payment -> expired by a conditional update, so running it twice
 * (or in two processes at once) returns stock exactly once. Returns the number of sub-orders
 * expired and the orders that this call (and no other) moved out of pending_payment, so that
 * exactly one caller tells each buyer, after the commit.
 */
export async function expireDueReservations(
  db: DB,
  now: Date = new Date(),
  /** runs inside the transaction that ended the order (e.g. to queue the buyer's email with it) */
  onEnded?: (trx: DB, orderId: string) => Promise<void>,
): Promise<{ subOrders: number; expiredOrderIds: string[] }> {
  const due = await db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'pending_payment')
    .where('reserved_until', '<=', nowIso(now))
    .limit(500)
    .execute()
  let subOrders = 0
  const expiredOrderIds: string[] = []
  for (const o of due) {
    const moved = await db.transaction().execute(async (trx) => {
      const subs = await trx.selectFrom('sub_orders').select('id').where('order_id', '=', o.id).where('status', '=', 'pending_payment').execute()
      for (const s of subs) await applySubOrderEvent(trx, s.id, 'expire', { now, note: 'reservation expired' })
      const settled = await settleOrderStatus(trx, o.id, nowIso(now))
      const ended = settled === 'expired' || settled === 'cancelled'
      if (ended && onEnded) await onEnded(trx, o.id)
      return { subs: subs.length, ended }
    })
    subOrders += moved.subs
    if (moved.ended) expiredOrderIds.push(o.id)
  }
  return { subOrders, expiredOrderIds }
}

/** {@link expireDueReservations} counting the sub-orders expired (no emails; see notify.server.ts). */
export async function expireReservations(db: DB, now: Date = new Date()): Promise<number> {
  return (await expireDueReservations(db, now)).subOrders
}

/** Staff act on their UPT's sub-order (process, ship, complete, cancel). */
export async function staffTransition(db: DB, input: { uptId: string; subOrderId: string; event: SubOrderEvent } & EventOptions) {
  return db.transaction().execute(async (trx) => {
    const sub = await trx.selectFrom('sub_orders').select(['id', 'order_id', 'upt_id']).where('id', '=', input.subOrderId).executeTakeFirst()
    if (!sub || sub.upt_id !== input.uptId) throw new DomainError('error.notFound')
    if (input.event === 'ship' && (!input.courier || !input.trackingNumber)) throw new DomainError('field.required', input.courier ? 'trackingNumber' : 'courier')
    const t = await applySubOrderEvent(trx, sub.id, input.event, input)
    await settleOrderStatus(trx, sub.order_id, nowIso(input.now))
    return t
  })
}

/** The order behind a secret status link; null when the number or token is wrong. */
export async function getOrderByToken(db: DB, orderNumber: string, token: string) {
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where('order_number', '=', orderNumber)
    .where('status_token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!order) return null
  return { order, subOrders: await subOrdersWithLines(db, order.id) }
}

export async function getOrderForUser(db: DB, orderNumber: string, userId: string) {
  const order = await db.selectFrom('orders').selectAll().where('order_number', '=', orderNumber).where('user_id', '=', userId).executeTakeFirst()
  if (!order) return null
  return { order, subOrders: await subOrdersWithLines(db, order.id) }
}

async function subOrdersWithLines(db: DB, orderId: string) {
  const subs = await db
    .selectFrom('sub_orders as s')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .select(['s.id', 's.number', 's.status', 's.subtotal', 's.shipping_fee', 's.total', 's.courier', 's.tracking_number', 'u.name as upt_name', 'u.city as upt_city'])
    .where('s.order_id', '=', orderId)
    .orderBy('s.number')
    .execute()
  const lines = subs.length
    ? await db.selectFrom('order_lines').selectAll().where('sub_order_id', 'in', subs.map((s) => s.id)).execute()
    : []
  return subs.map((s) => ({ ...s, lines: lines.filter((l) => l.sub_order_id === s.id) }))
}

export async function listOrdersForUser(db: DB, userId: string, page: number) {
  const q = db.selectFrom('orders').where('user_id', '=', userId)
  const [rows, count] = await Promise.all([
    q.select(['order_number', 'status', 'total', 'created_at']).orderBy('created_at', 'desc').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export async function listSubOrdersForUpt(db: DB, uptId: string, f: { status?: SubOrderStatus; q?: string; page: number }) {
  let q = db.selectFrom('sub_orders as s').innerJoin('orders as o', 'o.id', 's.order_id').where('s.upt_id', '=', uptId)
  if (f.status) q = q.where('s.status', '=', f.status)
  if (f.q) q = q.where((eb) => eb.or([eb('s.number', likeAnyCase(db), `%${f.q}%`), eb('o.buyer_name', likeAnyCase(db), `%${f.q}%`)]))
  const [rows, count] = await Promise.all([
    q
      .select(['s.id', 's.number', 's.status', 's.total', 's.created_at', 'o.buyer_name', 'o.delivery'])
      .orderBy('s.created_at', 'desc')
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export async function getSubOrderForUpt(db: DB, uptId: string, subOrderId: string) {
  const sub = await db
    .selectFrom('sub_orders as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .leftJoin('provinces as p', 'p.id', 'o.province_id')
    .select([
      's.id',
      's.number',
      's.status',
      's.subtotal',
      's.shipping_fee',
      's.total',
      's.courier',
      's.tracking_number',
      's.created_at',
      's.order_id',
      'o.order_number',
      'o.kind',
      'o.buyer_name',
      'o.buyer_email',
      'o.buyer_phone',
      'o.delivery',
      'o.address',
      'o.city',
      'o.postal_code',
      'p.name as province_name',
      'u.name as upt_name',
      'u.city as upt_city',
      'u.timezone as upt_timezone',
    ])
    .where('s.id', '=', subOrderId)
    .where('s.upt_id', '=', uptId)
    .executeTakeFirst()
  if (!sub) return null
  const [lines, events] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('sub_order_id', '=', sub.id).execute(),
    db.selectFrom('sub_order_events').select(['from_status', 'to_status', 'at', 'note']).where('sub_order_id', '=', sub.id).orderBy('at').execute(),
  ])
  return { ...sub, lines, events }
}

/** A UPT's flat fees by destination zone (defaults when it has not set its own). */
export async function getShippingRates(db: DB, uptId: string) {
  const r = await db.selectFrom('upt_shipping_rates').selectAll().where('upt_id', '=', uptId).executeTakeFirst()
  return r ? { same_province: r.same_province, same_island: r.same_island, other: r.other } : { ...DEFAULT_SHIPPING }
}

export async function setShippingRates(db: DB, input: { uptId: string; sameProvince: number; sameIsland: number; other: number; actorUserId: string; ip?: string | null }) {
  const at = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('upt_shipping_rates')
      .values({ upt_id: input.uptId, same_province: input.sameProvince, same_island: input.sameIsland, other: input.other, pickup: 1, updated_at: at })
      .onConflict((oc) => oc.column('upt_id').doUpdateSet({ same_province: input.sameProvince, same_island: input.sameIsland, other: input.other, updated_at: at }))
      .execute()
    await audit(trx, { actorUserId: input.actorUserId, action: 'upt.shippingRates', targetType: 'upt', targetId: input.uptId, ip: input.ip, details: { sameProvince: input.sameProvince, sameIsland: input.sameIsland, other: input.other } })
  })
}
