import { randomInt } from 'node:crypto'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { applySubOrderEvent, settleOrderStatus } from '#app/domain/orders/fulfilment.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { ledgerPaymentConfirmed } from './ledger.ts'
import { newPaymentRow } from './rows.ts'
import { getPaymentSettings } from './settings.ts'

const ACTIVE = ['pending', 'awaiting_second'] as const

/**
 * Bank transfer: one transfer per UPT sub-order to that UPT's account, for the sub-order's total
 * plus a 3-digit code unique among the UPT's open transfers, so finance can tell transfers of the
 * same amount apart on the statement. The reservation is extended to the transfer deadline.
 */
export async function startBankTransfer(db: DB, input: { orderId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const at = nowIso(now)
  const settings = await getPaymentSettings(db)
  const deadline = addMinutes(now, settings.transferDeadlineHours * 60)
  return inTransaction(db, async (trx) => {
    const order = await trx.selectFrom('orders').selectAll().where('id', '=', input.orderId).executeTakeFirstOrThrow()
    if (order.status !== 'pending_payment' || order.reserved_until <= at) throw new DomainError('payment.notPayable')
    const subs = await trx
      .selectFrom('sub_orders as s')
      .innerJoin('upts as u', 'u.id', 's.upt_id')
      .leftJoin('upt_bank_accounts as b', 'b.upt_id', 's.upt_id')
      .select(['s.id', 's.upt_id', 's.number', 's.total', 'u.name as upt_name', 'b.account_number'])
      .where('s.order_id', '=', order.id)
      .where('s.status', '=', 'pending_payment')
      .execute()
    const missing = subs.find((s) => !s.account_number)
    if (missing) throw new DomainError('payment.noBankAccount', undefined, { upt: missing.upt_name })
    let created = 0
    for (const s of subs) {
      const open = await trx
        .selectFrom('payments')
        .select('id')
        .where('sub_order_id', '=', s.id)
        .where('method', '=', 'bank_transfer')
        .where('status', 'in', [...ACTIVE])
        .executeTakeFirst()
      if (open) continue
      const used = new Set(
        (
          await trx
            .selectFrom('payments')
            .select('unique_code')
            .where('upt_id', '=', s.upt_id)
            .where('method', '=', 'bank_transfer')
            .where('status', 'in', [...ACTIVE])
            .execute()
        ).map((r) => r.unique_code),
      )
      let code = randomInt(1, 1000)
      for (let i = 0; used.has(code) && i < 1000; i++) code = (code % 999) + 1
      if (used.has(code)) throw new DomainError('payment.noCodeLeft')
      await trx
        .insertInto('payments')
        .values(
          newPaymentRow({
            order_id: order.id,
            sub_order_id: s.id,
            upt_id: s.upt_id,
            method: 'bank_transfer',
            status: 'pending',
            amount: s.total + code,
            unique_code: code,
            reference: s.number,
            deadline,
            created_at: at,
          }),
        )
        .execute()
      created++
    }
    await trx
      .updateTable('orders')
      .set({ reserved_until: deadline, updated_at: at })
      .where('id', '=', order.id)
      .where('status', '=', 'pending_payment')
      .where('reserved_until', '<', deadline)
      .execute()
    return { created, deadline }
  })
}

/** The payment attempts of an order with the UPT bank details a buyer needs. */
export async function paymentsForOrder(db: DB, orderId: string) {
  return db
    .selectFrom('payments as p')
    .leftJoin('upt_bank_accounts as b', 'b.upt_id', 'p.upt_id')
    .leftJoin('upts as u', 'u.id', 'p.upt_id')
    .select([
      'p.id',
      'p.method',
      'p.status',
      'p.amount',
      'p.unique_code',
      'p.reference',
      'p.deadline',
      'p.sub_order_id',
      'p.proof_uploaded_at',
      'p.reject_reason',
      'p.flag_reason',
      'p.created_at',
      'b.bank_name',
      'b.account_number',
      'b.account_holder',
      'u.name as upt_name',
    ])
    .where('p.order_id', '=', orderId)
    .orderBy('p.created_at', 'desc')
    .execute()
}

export async function attachProof(db: DB, input: { orderId: string; paymentId: string; fileName: string; now?: Date }) {
  const at = nowIso(input.now)
  const r = await db
    .updateTable('payments')
    .set({ proof_file: input.fileName, proof_uploaded_at: at, updated_at: at })
    .where('id', '=', input.paymentId)
    .where('order_id', '=', input.orderId)
    .where('method', '=', 'bank_transfer')
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1) throw new DomainError('payment.notPayable', 'proof')
}

export type ConfirmResult = { status: 'paid'; subOrderId: string } | { status: 'awaiting_second' }

/**
 * Finance of the selling UPT confirms a transfer arrived. Above the four-eyes threshold the first
 * confirmation waits for a second, different finance person. Conditional updates: two people
 * confirming at once cannot both pay the sub-order.
 */
export async function confirmBankTransfer(
  db: DB,
  input: { uptId: string; paymentId: string; userId: string; ip?: string | null; now?: Date },
): Promise<ConfirmResult> {
  const now = input.now ?? new Date()
  const at = nowIso(now)
  const { fourEyesThreshold } = await getPaymentSettings(db)
  return inTransaction(db, async (trx) => {
    const p = await trx
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', input.paymentId)
      .where('upt_id', '=', input.uptId)
      .where('method', '=', 'bank_transfer')
      .executeTakeFirst()
    if (!p || !p.sub_order_id) throw new DomainError('error.notFound')
    if (!ACTIVE.includes(p.status as (typeof ACTIVE)[number])) throw new DomainError('payment.alreadyDecided')
    const sub = await trx
      .selectFrom('sub_orders')
      .select(['id', 'status', 'order_id', 'upt_id', 'total'])
      .where('id', '=', p.sub_order_id)
      .executeTakeFirstOrThrow()
    if (sub.status !== 'pending_payment') throw new DomainError('payment.notPayable')
    if (p.amount > fourEyesThreshold) {
      if (p.status === 'pending') {
        const r = await trx
          .updateTable('payments')
          .set({ status: 'awaiting_second', first_confirmed_by: input.userId, first_confirmed_at: at, updated_at: at })
          .where('id', '=', p.id)
          .where('status', '=', 'pending')
          .executeTakeFirst()
        if (Number(r.numUpdatedRows) !== 1) throw new DomainError('order.changed')
        await audit(trx, {
          actorUserId: input.userId,
          action: 'payment.transfer.firstConfirm',
          targetType: 'payment',
          targetId: p.id,
          ip: input.ip ?? null,
          details: { amount: p.amount },
        })
        return { status: 'awaiting_second' }
      }
      if (p.first_confirmed_by === input.userId) throw new DomainError('payment.secondPersonRequired')
    }
    const r = await trx
      .updateTable('payments')
      .set({
        status: 'paid',
        decided_by: input.userId,
        decided_at: at,
        paid_at: at,
        amount_received: p.amount,
        updated_at: at,
      })
      .where('id', '=', p.id)
      .where('status', '=', p.status)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new DomainError('order.changed')
    await applySubOrderEvent(trx, sub.id, 'pay', { actorUserId: input.userId, note: `transfer ${p.reference}`, now })
    await settleOrderStatus(trx, sub.order_id, at)
    await ledgerPaymentConfirmed(trx, { paymentId: p.id, subOrderIds: [sub.id], paidAt: at })
    await audit(trx, {
      actorUserId: input.userId,
      action: 'payment.transfer.confirm',
      targetType: 'payment',
      targetId: p.id,
      ip: input.ip ?? null,
      details: { amount: p.amount },
    })
    return { status: 'paid', subOrderId: sub.id }
  })
}

export async function rejectBankTransfer(
  db: DB,
  input: { uptId: string; paymentId: string; userId: string; reason: string; ip?: string | null; now?: Date },
) {
  const at = nowIso(input.now)
  return inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable('payments')
      .set({
        status: 'rejected',
        reject_reason: input.reason,
        decided_by: input.userId,
        decided_at: at,
        updated_at: at,
      })
      .where('id', '=', input.paymentId)
      .where('upt_id', '=', input.uptId)
      .where('method', '=', 'bank_transfer')
      .where('status', 'in', [...ACTIVE])
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new DomainError('payment.alreadyDecided')
    await audit(trx, {
      actorUserId: input.userId,
      action: 'payment.transfer.reject',
      targetType: 'payment',
      targetId: input.paymentId,
      ip: input.ip ?? null,
      details: { reason: input.reason },
    })
  })
}

/** Transfers waiting for finance of one UPT (sub-order still unpaid), newest first. */
export async function transfersToReview(db: DB, uptId: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('sub_orders as s', 's.id', 'p.sub_order_id')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .leftJoin('users as fu', 'fu.id', 'p.first_confirmed_by')
    .select([
      'p.id',
      'p.status',
      'p.amount',
      'p.unique_code',
      'p.reference',
      'p.deadline',
      'p.proof_file',
      'p.proof_uploaded_at',
      'p.first_confirmed_by',
      'fu.name as first_confirmed_name',
      'o.buyer_name',
      's.total',
    ])
    .where('p.upt_id', '=', uptId)
    .where('p.method', '=', 'bank_transfer')
    .where('p.status', 'in', [...ACTIVE])
    .where('s.status', '=', 'pending_payment')
    .orderBy('p.proof_uploaded_at', 'desc')
    .orderBy('p.created_at', 'desc')
    .limit(100)
    .execute()
}

export async function setBankAccount(
  db: DB,
  input: {
    uptId: string
    bankName: string
    accountNumber: string
    accountHolder: string
    userId: string
    ip?: string | null
  },
) {
  await inTransaction(db, async (trx) => {
    const values = {
      bank_name: input.bankName,
      account_number: input.accountNumber,
      account_holder: input.accountHolder,
      updated_by: input.userId,
      updated_at: nowIso(),
    }
    await trx
      .insertInto('upt_bank_accounts')
      .values({ upt_id: input.uptId, ...values })
      .onConflict((oc) => oc.column('upt_id').doUpdateSet(values))
      .execute()
    await audit(trx, {
      actorUserId: input.userId,
      action: 'payment.bankAccount.set',
      targetType: 'upt',
      targetId: input.uptId,
      ip: input.ip ?? null,
      details: { bank: input.bankName },
    })
  })
}

/** The account a UPT's buyers transfer to, if it has set one. */
export async function bankAccountOf(db: DB, uptId: string) {
  return db
    .selectFrom('upt_bank_accounts')
    .select(['bank_name', 'account_number', 'account_holder'])
    .where('upt_id', '=', uptId)
    .executeTakeFirst()
}

/** Payments flagged for a person to look at (wrong amount or currency) of orders with a sub-order at the UPT. */
export async function flaggedPayments(db: DB, uptId: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .innerJoin('sub_orders as s', 's.order_id', 'o.id')
    .select([
      'p.id',
      'p.reference',
      'p.amount',
      'p.amount_received',
      'p.received_minor',
      'p.received_currency',
      'p.flag_reason',
    ])
    .distinct()
    .where('p.status', '=', 'flagged')
    .where('s.upt_id', '=', uptId)
    .execute()
}

/** The stored name of a payment's proof of transfer, only for a payment to that UPT. */
export async function proofFileOf(db: DB, uptId: string, paymentId: string): Promise<string | null> {
  const p = await db
    .selectFrom('payments')
    .select('proof_file')
    .where('id', '=', paymentId)
    .where('upt_id', '=', uptId)
    .executeTakeFirst()
  return p?.proof_file ?? null
}
