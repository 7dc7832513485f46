import type { Transaction } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { Database, SubOrderStatus } from '#db/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { type SubOrderEvent, transition } from './state.ts'

type Trx = Transaction<Database> | DB

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
  const sub = await trx
    .selectFrom('sub_orders')
    .select(['id', 'status'])
    .where('id', '=', subOrderId)
    .executeTakeFirst()
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
    .values({
      id: newId(),
      sub_order_id: sub.id,
      from_status: t.from,
      to_status: t.to,
      actor_user_id: o.actorUserId ?? null,
      note: o.note ?? null,
      at,
    })
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
  const lines = await trx
    .selectFrom('order_lines')
    .select(['product_id', 'qty'])
    .where('sub_order_id', '=', subOrderId)
    .where('reserved', '=', 1)
    .execute()
  for (const l of lines) {
    await trx
      .updateTable('products')
      .set((eb) => ({ stock: eb('stock', '+', l.qty) }))
      .where('id', '=', l.product_id)
      .execute()
  }
}

/** Derives the order's status from its sub-orders; returns the new status when this call changed it. */
export async function settleOrderStatus(
  trx: Trx,
  orderId: string,
  at: string,
): Promise<'paid' | 'expired' | 'cancelled' | null> {
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
export async function markSubOrdersPaid(
  trx: Trx,
  orderId: string,
  o: { now?: Date; actorUserId?: string | null; reference?: string | null } = {},
) {
  const at = nowIso(o.now)
  const subs = await trx
    .selectFrom('sub_orders')
    .select('id')
    .where('order_id', '=', orderId)
    .where('status', '=', 'pending_payment')
    .execute()
  for (const s of subs)
    await applySubOrderEvent(trx, s.id, 'pay', { actorUserId: o.actorUserId, note: o.reference ?? null, now: o.now })
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
    const moved = await inTransaction(db, async (trx) => {
      const subs = await trx
        .selectFrom('sub_orders')
        .select('id')
        .where('order_id', '=', o.id)
        .where('status', '=', 'pending_payment')
        .execute()
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
export async function staffTransition(
  db: DB,
  input: { uptId: string; subOrderId: string; event: SubOrderEvent } & EventOptions,
) {
  return inTransaction(db, async (trx) => {
    const sub = await trx
      .selectFrom('sub_orders')
      .select(['id', 'order_id', 'upt_id'])
      .where('id', '=', input.subOrderId)
      .executeTakeFirst()
    if (!sub || sub.upt_id !== input.uptId) throw new DomainError('error.notFound')
    if (input.event === 'ship' && (!input.courier || !input.trackingNumber))
      throw new DomainError('field.required', input.courier ? 'trackingNumber' : 'courier')
    const t = await applySubOrderEvent(trx, sub.id, input.event, input)
    await settleOrderStatus(trx, sub.order_id, nowIso(input.now))
    return t
  })
}
