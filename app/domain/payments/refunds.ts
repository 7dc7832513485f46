import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import type { PaymentProvider } from '#app/integrations/payments/types.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { type Components, refundParts } from '#app/domain/ledger/chart.ts'
import { settleSubOrderRefund } from './card.ts'

const REFUNDABLE = ['paid', 'processing', 'shipped', 'completed'] as const

/**
 * What a buyer paid for one sub-order, by part (goods, shipping, a transfer's unique code), and
 * how much of each part the refunds so far took: goods first, then shipping, then the code, as
 * the ledger reverses them (ADR 013). The most that can still be refunded is what was paid.
 */
export function subOrderMoney(
  sub: { subtotal: number; shipping_fee: number; total: number },
  payment: { method: string; amount: number } | null,
  refunded: number,
) {
  const paid: Components = {
    goods: sub.subtotal,
    shipping: sub.shipping_fee,
    unique_code: payment?.method === 'bank_transfer' ? Math.max(0, payment.amount - sub.total) : 0,
  }
  const paidTotal = paid.goods + paid.shipping + paid.unique_code
  const taken = Math.min(Math.max(0, refunded), paidTotal)
  return { paid, paidTotal, refunded: refundParts(paid, taken), refundedTotal: taken, remaining: paidTotal - taken }
}

/** What finance needs to refund one paid sub-order: the payment behind it and what is left to refund. */
export async function refundable(db: DB, uptId: string, subOrderId: string) {
  const sub = await db
    .selectFrom('sub_orders')
    .select(['id', 'number', 'status', 'subtotal', 'shipping_fee', 'total', 'order_id', 'upt_id'])
    .where('id', '=', subOrderId)
    .where('upt_id', '=', uptId)
    .executeTakeFirst()
  if (!sub) return null
  const payment = await db
    .selectFrom('payments')
    .selectAll()
    .where('status', '=', 'paid')
    .where((eb) =>
      eb.or([eb.and([eb('method', '=', 'card'), eb('order_id', '=', sub.order_id)]), eb('sub_order_id', '=', sub.id)]),
    )
    .executeTakeFirst()
  const refunds = await db
    .selectFrom('refunds')
    .selectAll()
    .where('sub_order_id', '=', sub.id)
    .orderBy('created_at', 'desc')
    .execute()
  const taken = refunds.filter((r) => r.status !== 'failed').reduce((s, r) => s + r.amount, 0)
  const money = subOrderMoney(sub, payment ?? null, taken)
  return { sub, payment: payment ?? null, refunds, money, remaining: money.remaining }
}

/**
 * Finance refunds a paid sub-order fully or partly. The refund row is written first (pending),
 * then the provider is called outside any transaction with the refund's id as idempotency key;
 * a card refund's status then follows the provider's charge.refunded events. A bank transfer
 * refund is paid back by finance outside the portal and recorded as done at once.
 */
export async function requestRefund(
  db: DB,
  providers: PaymentProvider | null | ((name: string | null) => PaymentProvider | null),
  input: {
    uptId: string
    subOrderId: string
    amount: number
    reason: string
    restock: boolean
    userId: string
    ip?: string | null
    now?: Date
  },
) {
  const now = input.now ?? new Date()
  const at = nowIso(now)
  const info = await refundable(db, input.uptId, input.subOrderId)
  if (!info) throw new DomainError('error.notFound')
  if (!info.payment || !REFUNDABLE.includes(info.sub.status as (typeof REFUNDABLE)[number]))
    throw new DomainError('refund.notRefundable')
  if (input.amount > info.remaining) throw new DomainError('refund.tooMuch', 'amount', { max: info.remaining })
  const payment = info.payment
  const card = payment.method === 'card'
  // A hosted-page payment is refunded by the provider that took it (Stripe or Midtrans).
  const provider = typeof providers === 'function' ? providers(payment.provider) : providers
  if (card && provider && payment.provider && provider.name !== payment.provider)
    throw new DomainError('refund.providerUnavailable')
  if (card && (!provider || !payment.provider_payment_intent_id)) throw new DomainError('refund.providerUnavailable')
  const id = newId()
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('refunds')
      .values({
        id,
        sub_order_id: info.sub.id,
        payment_id: payment.id,
        amount: input.amount,
        reason: input.reason,
        restock: input.restock ? 1 : 0,
        status: card ? 'pending' : 'succeeded',
        provider_refund_id: null,
        requested_by: input.userId,
        created_at: at,
        updated_at: at,
        succeeded_at: card ? null : at,
      })
      .execute()
    await audit(trx, {
      actorUserId: input.userId,
      action: 'payment.refund',
      targetType: 'sub_order',
      targetId: info.sub.id,
      ip: input.ip ?? null,
      details: { amount: input.amount, reason: input.reason, restock: input.restock },
    })
    if (!card) await settleSubOrderRefund(trx, info.sub.id, now)
  })
  if (!card) return { id, status: 'succeeded' as const }
  try {
    const r = await provider!.refund({
      paymentIntentId: payment.provider_payment_intent_id!,
      amount: input.amount,
      idempotencyKey: `mitra-lipas:refund:${id}`,
      reason: 'requested_by_customer',
      metadata: { sub_order: info.sub.number },
    })
    await db
      .updateTable('refunds')
      .set({ provider_refund_id: r.refundId, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
  } catch {
    await db
      .updateTable('refunds')
      .set({ status: 'failed', updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute()
    throw new DomainError('refund.providerFailed')
  }
  return { id, status: 'pending' as const }
}

/** Paid sub-orders of a UPT with their payment method, newest first, for the finance page. */
export async function paidSubOrders(db: DB, uptId: string, page: number, pageSize: number) {
  const q = db
    .selectFrom('sub_orders as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .where('s.upt_id', '=', uptId)
    .where('s.status', 'in', [...REFUNDABLE, 'refunded'])
  const [rows, count] = await Promise.all([
    q
      .select(['s.id', 's.number', 's.status', 's.subtotal', 's.shipping_fee', 's.total', 'o.buyer_name', 'o.paid_at'])
      // a transfer paid for this sub-order alone: what the buyer sent, unique code included
      .select((eb) =>
        eb
          .selectFrom('payments as tp')
          .select('tp.amount')
          .where('tp.sub_order_id', '=', eb.ref('s.id'))
          .where('tp.method', '=', 'bank_transfer')
          .where('tp.status', '=', 'paid')
          .limit(1)
          .as('transfer_amount'),
      )
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('payments as p')
              .select('p.id')
              .where('p.status', '=', 'paid')
              .where((w) =>
                w.or([
                  w.and([w('p.method', '=', 'card'), w('p.order_id', '=', w.ref('s.order_id'))]),
                  w('p.sub_order_id', '=', w.ref('s.id')),
                ]),
              ),
          )
          .as('has_payment'),
      )
      .orderBy('s.created_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    rows: rows.map((r) => ({
      ...r,
      money: subOrderMoney(
        r,
        r.transfer_amount === null ? null : { method: 'bank_transfer', amount: r.transfer_amount },
        0,
      ).paid,
    })),
    total: Number(count.n),
  }
}
