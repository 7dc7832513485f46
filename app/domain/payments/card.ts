import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { Payment } from '#db/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { applySubOrderEvent, markSubOrdersPaid } from '#app/domain/orders/fulfilment.ts'
import { canApply } from '#app/domain/orders/state.ts'
import { type PaymentEvent, type PaymentProvider, PaymentAmountError } from '#app/integrations/payments/types.ts'
import { newId } from '#app/lib/ids.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { ledgerMidtransFees, ledgerPaymentConfirmed, ledgerRefund } from './ledger.ts'
import { recordPayout } from './payouts.ts'
import { newPaymentRow } from './rows.ts'

/** Stripe keeps a Checkout Session open at least 30 minutes; ours lives 31. */
export const CARD_SESSION_MINUTES = 31
/** The stock stays reserved a little past the session's end, so a late payment still finds it. */
export const CARD_GRACE_MINUTES = 10

const ACTIVE_CARD = ['pending', 'processing'] as const

/**
 * Starts (or resumes) card payment for an order's unpaid sub-orders. The Stripe call happens
 * outside any transaction; the session is recorded afterwards. The idempotency key is derived
 * from the order and the attempt number, so a double click or a retried request reuses the same
 * session, while a new attempt after an expired or failed one gets a fresh session.
 */
export async function startCardPayment(
  db: DB,
  provider: PaymentProvider,
  input: { orderId: string; orderUrl: string; now?: Date },
): Promise<{ url: string }> {
  const now = input.now ?? new Date()
  const order = await db.selectFrom('orders').selectAll().where('id', '=', input.orderId).executeTakeFirstOrThrow()
  if (order.status !== 'pending_payment' || order.reserved_until <= nowIso(now))
    throw new DomainError('payment.notPayable')
  // Offtake orders are paid as their agreement says: bank transfer on the invoice.
  if (order.kind === 'offtake') throw new DomainError('pay.offtakeTransferOnly')
  const open = await db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', order.id)
    .where('method', '=', 'card')
    .where('status', 'in', [...ACTIVE_CARD])
    .orderBy('attempt', 'desc')
    .executeTakeFirst()
  if (open?.status === 'processing') throw new DomainError('payment.processing')
  // A double click reuses the open page of the same provider; choosing the other one starts its own.
  if (open?.provider === provider.name && open.provider_url && open.deadline > addMinutes(now, 2))
    return { url: open.provider_url }
  const subs = await db
    .selectFrom('sub_orders')
    .select(['id', 'number', 'total', 'shipping_fee'])
    .where('order_id', '=', order.id)
    .where('status', '=', 'pending_payment')
    .orderBy('number')
    .execute()
  if (subs.length === 0) throw new DomainError('payment.notPayable')
  const lines = await db
    .selectFrom('order_lines')
    .select(['sub_order_id', 'name', 'unit_price', 'qty'])
    .where(
      'sub_order_id',
      'in',
      subs.map((s) => s.id),
    )
    .execute()
  const checkoutLines = [
    ...lines.map((l) => ({ name: l.name, unitAmount: l.unit_price, quantity: l.qty })),
    ...subs
      .filter((s) => s.shipping_fee > 0)
      .map((s) => ({ name: `Ongkos kirim ${s.number}`, unitAmount: s.shipping_fee, quantity: 1 })),
  ]
  const amount = subs.reduce((s, x) => s + x.total, 0)
  const previous = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', order.id)
    .where('method', '=', 'card')
    .executeTakeFirstOrThrow()
  const attempt = Number(previous.n) + 1
  const expiresAt = addMinutes(now, CARD_SESSION_MINUTES)
  let session
  try {
    session = await provider.createCheckout({
      orderNumber: order.order_number,
      lines: checkoutLines,
      totalAmount: amount,
      customerEmail: order.buyer_email,
      successUrl: `${input.orderUrl}?paid=1`,
      cancelUrl: `${input.orderUrl}?cancelled=1`,
      idempotencyKey: `mitra-lipas:${order.order_number}:card:${attempt}`,
      expiresAt: Math.floor(new Date(expiresAt).getTime() / 1000),
      attempt,
    })
  } catch (error) {
    if (error instanceof PaymentAmountError) throw new DomainError(error.code)
    throw error
  }
  const at = nowIso(now)
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('payments')
      .values(
        newPaymentRow({
          order_id: order.id,
          method: 'card',
          provider: provider.name,
          status: 'pending',
          amount,
          reference: order.order_number,
          deadline: expiresAt,
          attempt,
          provider_session_id: session.sessionId,
          provider_url: session.url,
          created_at: at,
        }),
      )
      .onConflict((oc) => oc.column('provider_session_id').doNothing())
      .execute()
    // Keep the stock for as long as the buyer can still pay on the hosted page.
    await trx
      .updateTable('orders')
      .set({ reserved_until: addMinutes(expiresAt, CARD_GRACE_MINUTES), updated_at: at })
      .where('id', '=', order.id)
      .where('status', '=', 'pending_payment')
      .where('reserved_until', '<', addMinutes(expiresAt, CARD_GRACE_MINUTES))
      .execute()
  })
  return { url: session.url }
}

export interface EventResult {
  outcome:
    | 'duplicate'
    | 'ignored'
    | 'recorded'
    | 'paid'
    | 'processing'
    | 'failed'
    | 'expired'
    | 'flagged'
    | 'refunded'
    | 'unmatched'
    | 'unchanged'
  /** sub-orders that became paid by this event (for notifications after commit) */
  paidSubOrderIds: string[]
  orderId: string | null
}

/**
 * Applies one verified provider event. The event id is stored in the same transaction as its
 * effects, so a redelivered event changes nothing, and every status change is a conditional
 * update that only moves forward, so events may arrive in any order.
 */
export async function applyPaymentEvent(db: DB, event: PaymentEvent, now: Date = new Date()): Promise<EventResult> {
  return inTransaction(db, async (trx) => {
    const seen = await trx
      .selectFrom('payment_events')
      .select('event_id')
      .where('provider', '=', event.provider)
      .where('event_id', '=', event.eventId)
      .executeTakeFirst()
    if (seen) return { outcome: 'duplicate', paidSubOrderIds: [], orderId: null }
    const result = await effects(trx, event, now)
    await trx
      .insertInto('payment_events')
      .values({
        provider: event.provider,
        event_id: event.eventId,
        type: event.rawType,
        order_number: event.orderNumber,
        session_id: event.sessionId,
        payment_intent_id: event.paymentIntentId,
        amount_refunded: event.amountRefunded,
        created: event.created,
        outcome: result.outcome,
        received_at: nowIso(now),
      })
      .execute()
    return result
  })
}

async function findCardPayment(trx: DB, event: PaymentEvent, now: Date): Promise<Payment | null> {
  if (event.sessionId) {
    const p = await trx
      .selectFrom('payments')
      .selectAll()
      .where('provider_session_id', '=', event.sessionId)
      .where('provider', '=', event.provider)
      .executeTakeFirst()
    if (p) return p
  }
  // A session whose row was never written (the process died right after Stripe answered): adopt it.
  if (!event.orderNumber || !event.sessionId) return null
  const order = await trx
    .selectFrom('orders')
    .select(['id', 'order_number'])
    .where('order_number', '=', event.orderNumber)
    .executeTakeFirst()
  if (!order) return null
  const at = nowIso(now)
  const prev = await trx
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', order.id)
    .where('method', '=', 'card')
    .executeTakeFirstOrThrow()
  const pending = await trx
    .selectFrom('sub_orders')
    .select('total')
    .where('order_id', '=', order.id)
    .where('status', '=', 'pending_payment')
    .execute()
  const id = newId()
  await trx
    .insertInto('payments')
    .values(
      newPaymentRow({
        id,
        order_id: order.id,
        method: 'card',
        provider: event.provider,
        status: 'pending',
        amount: pending.reduce((s, x) => s + x.total, 0),
        reference: order.order_number,
        deadline: at,
        attempt: Number(prev.n) + 1,
        provider_session_id: event.sessionId,
        created_at: at,
      }),
    )
    .execute()
  return (await trx.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

/** The provider's amount is exactly `rupiah` in IDR: same currency, same minor units (IDR x100). */
export function exactlyIdr(event: Pick<PaymentEvent, 'currency' | 'amountMinor' | 'amount'>, rupiah: number): boolean {
  return (
    event.currency === 'idr' &&
    event.amountMinor !== null &&
    event.amountMinor === rupiah * 100 &&
    event.amount === rupiah
  )
}

async function effects(trx: DB, event: PaymentEvent, now: Date): Promise<EventResult> {
  const at = nowIso(now)
  const none = (outcome: EventResult['outcome'], orderId: string | null = null): EventResult => ({
    outcome,
    paidSubOrderIds: [],
    orderId,
  })
  switch (event.type) {
    case 'checkout.completed':
    case 'checkout.async_succeeded': {
      const payment = await findCardPayment(trx, event, now)
      if (!payment) return none('unmatched')
      if (event.paymentStatus !== 'paid') {
        await trx
          .updateTable('payments')
          .set({ status: 'processing', provider_payment_intent_id: event.paymentIntentId, updated_at: at })
          .where('id', '=', payment.id)
          .where('status', '=', 'pending')
          .execute()
        return none('processing', payment.order_id)
      }
      if (payment.status === 'paid' || payment.status === 'flagged') return none('unchanged', payment.order_id)
      const subs = await trx
        .selectFrom('sub_orders')
        .select(['id', 'upt_id', 'total'])
        .where('order_id', '=', payment.order_id)
        .where('status', '=', 'pending_payment')
        .execute()
      const due = subs.reduce((s, x) => s + x.total, 0)
      // What arrived is kept exactly as the provider said it (minor units and currency), and it
      // pays the order only when both are exactly the order's: one sen off is a mismatch.
      const base = {
        provider_payment_intent_id: event.paymentIntentId,
        amount_received: event.currency === 'idr' ? event.amount : null,
        received_minor: event.amountMinor,
        received_currency: event.currency,
        updated_at: at,
      }
      let flag: string | null = null
      if (!exactlyIdr(event, payment.amount)) flag = 'amount_mismatch'
      else if (subs.length === 0) flag = 'order_not_payable'
      else if (due !== payment.amount) flag = 'amount_mismatch'
      if (flag) {
        await trx
          .updateTable('payments')
          .set({ ...base, status: 'flagged', flag_reason: flag })
          .where('id', '=', payment.id)
          .where('status', 'not in', ['paid', 'flagged'])
          .execute()
        return none('flagged', payment.order_id)
      }
      const moved = await trx
        .updateTable('payments')
        .set({ ...base, status: 'paid', paid_at: at })
        .where('id', '=', payment.id)
        .where('status', 'not in', ['paid', 'flagged'])
        .executeTakeFirst()
      if (Number(moved.numUpdatedRows) !== 1) return none('unchanged', payment.order_id)
      await markSubOrdersPaid(trx, payment.order_id, {
        now,
        reference: `${event.provider} ${event.paymentIntentId ?? event.sessionId}`,
      })
      await ledgerPaymentConfirmed(trx, { paymentId: payment.id, subOrderIds: subs.map((s) => s.id), paidAt: at })
      if (event.provider === 'midtrans')
        await ledgerMidtransFees(trx, {
          paymentId: payment.id,
          subOrderIds: subs.map((s) => s.id),
          channel: event.channel ?? null,
          paidAt: at,
        })
      // A refund that arrived before this payment was known is applied now.
      if (event.paymentIntentId) {
        const early = await trx
          .selectFrom('payment_events')
          .select((eb) => eb.fn.max('amount_refunded').as('max'))
          .where('payment_intent_id', '=', event.paymentIntentId)
          .where('type', '=', 'charge.refunded')
          .where('outcome', '<>', 'flagged')
          .executeTakeFirst()
        const refunded = Number(early?.max ?? 0)
        if (refunded > 0) await applyRefundedAmount(trx, payment.id, refunded, now)
      }
      return { outcome: 'paid', paidSubOrderIds: subs.map((s) => s.id), orderId: payment.order_id }
    }
    case 'checkout.async_failed': {
      const payment = await findCardPayment(trx, event, now)
      if (!payment) return none('unmatched')
      const r = await trx
        .updateTable('payments')
        .set({ status: 'failed', updated_at: at })
        .where('id', '=', payment.id)
        .where('status', 'in', ['pending', 'processing'])
        .executeTakeFirst()
      return none(Number(r.numUpdatedRows) ? 'failed' : 'unchanged', payment.order_id)
    }
    case 'checkout.expired': {
      if (!event.sessionId) return none('unmatched')
      const payment = await trx
        .selectFrom('payments')
        .selectAll()
        .where('provider_session_id', '=', event.sessionId)
        .where('provider', '=', event.provider)
        .executeTakeFirst()
      if (!payment) return none('unmatched')
      const r = await trx
        .updateTable('payments')
        .set({ status: 'expired', updated_at: at })
        .where('id', '=', payment.id)
        .where('status', '=', 'pending')
        .executeTakeFirst()
      return none(Number(r.numUpdatedRows) ? 'expired' : 'unchanged', payment.order_id)
    }
    case 'charge.refunded': {
      if (!event.paymentIntentId) return none('unmatched')
      // A refunded amount with sen, or in another currency, cannot be booked in whole rupiah:
      // kept with the event for finance, never rounded.
      if (event.amountRefunded === null || event.currency !== 'idr') return none('flagged')
      const payment = await trx
        .selectFrom('payments')
        .selectAll()
        .where('provider_payment_intent_id', '=', event.paymentIntentId)
        .where('provider', '=', event.provider)
        .where('status', '=', 'paid')
        .executeTakeFirst()
      // Not paid here yet: the event is stored with its amount and applied when the payment lands.
      if (!payment) return none('unmatched')
      const changed = await applyRefundedAmount(trx, payment.id, event.amountRefunded, now)
      return none(changed ? 'refunded' : 'unchanged', payment.order_id)
    }
    case 'payout.paid': {
      // Recorded with the event; allocated to UPTs once its balance transactions are fetched.
      if (!event.payout) return none('unmatched')
      const r = await recordPayout(trx, event.payout, 'webhook', now)
      return none(r.recorded ? 'recorded' : 'unchanged')
    }
    default:
      return none('ignored')
  }
}

/**
 * Brings a card payment's refunds up to the provider's cumulative refunded amount: pending
 * refunds succeed oldest first; a refund made outside the portal that covers the whole payment
 * refunds every sub-order (without restocking). A sub-order whose refunds reach its total moves
 * to refunded, once.
 */
export async function applyRefundedAmount(trx: DB, paymentId: string, cumulative: number, now: Date) {
  const at = nowIso(now)
  const payment = await trx.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow()
  if (cumulative <= payment.amount_refunded) return false
  const r = await trx
    .updateTable('payments')
    .set({ amount_refunded: cumulative, updated_at: at })
    .where('id', '=', payment.id)
    .where('amount_refunded', '<', cumulative)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1) return false
  const refunds = await trx
    .selectFrom('refunds')
    .selectAll()
    .where('payment_id', '=', payment.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  let covered = refunds.filter((x) => x.status === 'succeeded').reduce((s, x) => s + x.amount, 0)
  const touched = new Set<string>()
  for (const rf of refunds.filter((x) => x.status === 'pending')) {
    if (covered + rf.amount > cumulative) break
    covered += rf.amount
    await trx
      .updateTable('refunds')
      .set({ status: 'succeeded', succeeded_at: at, updated_at: at })
      .where('id', '=', rf.id)
      .where('status', '=', 'pending')
      .execute()
    touched.add(rf.sub_order_id)
  }
  if (covered < cumulative && cumulative >= (payment.amount_received ?? payment.amount)) {
    // Refunded in full from the provider's dashboard: record it per sub-order.
    const subs = await trx
      .selectFrom('sub_orders')
      .select(['id', 'total'])
      .where('order_id', '=', payment.order_id)
      .execute()
    for (const s of subs) {
      const done = refunds
        .filter((x) => x.sub_order_id === s.id && x.status !== 'failed')
        .reduce((sum, x) => sum + x.amount, 0)
      if (s.total - done <= 0) continue
      await trx
        .insertInto('refunds')
        .values({
          id: newId(),
          sub_order_id: s.id,
          payment_id: payment.id,
          amount: s.total - done,
          reason: 'provider',
          restock: 0,
          status: 'succeeded',
          provider_refund_id: null,
          requested_by: null,
          created_at: at,
          updated_at: at,
          succeeded_at: at,
        })
        .execute()
      touched.add(s.id)
    }
  }
  for (const subId of touched) await settleSubOrderRefund(trx, subId, now)
  return true
}

/** Moves a sub-order to refunded once its succeeded refunds cover its total; posts each refund to the ledger. */
export async function settleSubOrderRefund(trx: DB, subOrderId: string, now: Date) {
  const at = nowIso(now)
  const sub = await trx
    .selectFrom('sub_orders')
    .select(['id', 'status', 'total', 'upt_id'])
    .where('id', '=', subOrderId)
    .executeTakeFirstOrThrow()
  const done = await trx
    .selectFrom('refunds')
    .selectAll()
    .where('sub_order_id', '=', sub.id)
    .where('status', '=', 'succeeded')
    .execute()
  for (const rf of done) await ledgerRefund(trx, { refundId: rf.id, at })
  const total = done.reduce((s, x) => s + x.amount, 0)
  if (total < sub.total || !canApply(sub.status, 'refund')) return
  // Stock goes back only when finance asked for it on one of the refunds.
  if (!done.some((x) => x.restock === 1)) {
    await trx
      .updateTable('sub_orders')
      .set({ stock_released_at: at })
      .where('id', '=', sub.id)
      .where('stock_released_at', 'is', null)
      .execute()
  }
  await applySubOrderEvent(trx, sub.id, 'refund', { now, note: 'refund' })
}
