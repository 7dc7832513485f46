import type { DB } from '#db/client.ts'
import { log } from '#app/lib/log.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { feeShares, midtransFee } from './midtrans-fees.ts'
import type { Provider } from '#app/domain/ledger/chart.ts'
import {
  postPaymentConfirmed,
  postProviderFee,
  postRefund,
  postTransferReceived,
  postTransferRefundPaid,
} from '#app/domain/ledger/postings.ts'

/**
 * The one place payments talk to the PNBP ledger. Each call runs inside the transaction that
 * applies the payment's effects, and the ledger is idempotent by reference, so a replayed event
 * posts nothing twice. References: card `stripe:<payment intent>:<sub-order number>` (one entry
 * per UPT, since a card payment can cover several UPTs), bank transfer `transfer:<payment id>`,
 * refunds `refund:<refund id>`.
 */
export async function paymentReferences(trx: DB, paymentId: string, subOrderIds: string[]) {
  const p = await trx
    .selectFrom('payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .selectAll('p')
    .select('o.agreement_id')
    .where('p.id', '=', paymentId)
    .executeTakeFirstOrThrow()
  const subs = subOrderIds.length
    ? await trx
        .selectFrom('sub_orders')
        .select(['id', 'number', 'upt_id', 'subtotal', 'shipping_fee', 'total'])
        .where('id', 'in', subOrderIds)
        .execute()
    : []
  return subs.map((s) => {
    const card = p.method === 'card'
    // A transfer's unique code is money received too, but no sale: its own account (ADR 013).
    const gross = card ? s.total : p.amount
    // A hosted-page payment books to its provider's clearing account (Stripe, Midtrans: ADR 022).
    const provider: Provider = card ? (p.provider === 'midtrans' ? 'midtrans' : 'stripe') : 'bank_transfer'
    return {
      payment: p,
      sub: s,
      provider,
      reference: card
        ? `${provider}:${p.provider_payment_intent_id ?? p.provider_session_id}:${s.number}`
        : `transfer:${p.id}`,
      gross,
      shipping: s.shipping_fee,
      uniqueCode: gross - s.total,
    }
  })
}

/**
 * Money already received must never be refused because the books are not set up: without a split
 * rule in force (or without the original entry for a refund) the posting is skipped with a warning
 * and the payment itself still counts. National finance must keep a national split rule.
 */
const SKIPPABLE = new Set(['pnbp.noRule', 'ledger.originalNotFound', 'ledger.refundTooLarge'])
async function postOrSkip(what: string, post: () => Promise<unknown>) {
  try {
    await post()
  } catch (error) {
    if (error instanceof DomainError && SKIPPABLE.has(error.code)) {
      log.warn({ posting: what, code: error.code }, 'ledger posting skipped')
      return
    }
    throw error
  }
}

/** A sub-order's goods by the program that made them (a product may belong to no program). */
async function goodsByProgram(trx: DB, subOrderId: string, goods: number) {
  const rows = await trx
    .selectFrom('order_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['p.program_id as programId', (eb) => eb.fn.sum<number>('l.line_total').as('amount')])
    .where('l.sub_order_id', '=', subOrderId)
    .groupBy('p.program_id')
    .orderBy('p.program_id')
    .execute()
  const groups = rows.map((r) => ({ programId: r.programId, amount: Number(r.amount) }))
  // The lines always add up to the sub-order's subtotal; if they ever did not, the whole sale
  // is split by one rule rather than the payment being refused.
  return groups.reduce((s, g) => s + g.amount, 0) === goods ? groups : undefined
}

export async function ledgerPaymentConfirmed(
  trx: DB,
  input: { paymentId: string; subOrderIds: string[]; paidAt: string },
) {
  for (const r of await paymentReferences(trx, input.paymentId, input.subOrderIds)) {
    await postOrSkip(r.reference, async () => {
      await postPaymentConfirmed(trx, {
        reference: r.reference,
        uptId: r.sub.upt_id,
        provider: r.provider,
        grossAmount: r.gross,
        shippingAmount: r.shipping,
        uniqueCodeAmount: r.uniqueCode,
        goodsByProgram: await goodsByProgram(trx, r.sub.id, r.gross - r.shipping - r.uniqueCode),
        paidAt: input.paidAt,
        agreementId: r.payment.agreement_id,
        sourceType: 'sub_order',
        sourceId: r.sub.id,
      })
      // A confirmed transfer is already in the UPT's account; card money waits for Stripe's payout.
      if (r.provider === 'bank_transfer')
        await postTransferReceived(trx, {
          paymentReference: r.reference,
          uptId: r.sub.upt_id,
          amount: r.gross,
          at: input.paidAt,
        })
    })
  }
}

export async function ledgerRefund(trx: DB, input: { refundId: string; at: string }) {
  const rf = await trx
    .selectFrom('refunds')
    .select(['id', 'payment_id', 'sub_order_id', 'amount', 'succeeded_at'])
    .where('id', '=', input.refundId)
    .executeTakeFirstOrThrow()
  const [r] = await paymentReferences(trx, rf.payment_id, [rf.sub_order_id])
  if (!r) return
  const at = rf.succeeded_at ?? input.at
  await postOrSkip(`refund:${rf.id}`, async () => {
    await postRefund(trx, {
      reference: `refund:${rf.id}`,
      uptId: r.sub.upt_id,
      provider: r.provider,
      amount: rf.amount,
      refundedAt: at,
      originalReference: r.reference,
    })
    // Finance pays a transfer back from the UPT's account when it records the refund.
    if (r.provider === 'bank_transfer')
      await postTransferRefundPaid(trx, {
        refundReference: `refund:${rf.id}`,
        uptId: r.sub.upt_id,
        amount: rf.amount,
        at,
      })
  })
}

/**
 * Midtrans keeps its fee when it settles, so the fee is known (from the channel's rate) the
 * moment the payment is: posted with the payment, shared across the UPTs' sub-orders by gross
 * (`midtrans-fee:<transaction>:<sub-order>`, Dr provider_fees / Cr clearing:midtrans).
 */
export async function ledgerMidtransFees(
  trx: DB,
  input: { paymentId: string; subOrderIds: string[]; channel: string | null; paidAt: string },
) {
  const refs = await paymentReferences(trx, input.paymentId, input.subOrderIds)
  if (!refs.length) return
  const payment = refs[0]!.payment
  const gross = refs.reduce((s, r) => s + r.gross, 0)
  const shares = feeShares(
    midtransFee(input.channel, gross),
    refs.map((r) => ({ id: r.sub.id, gross: r.gross })),
  )
  for (const r of refs) {
    const amount = shares[r.sub.id] ?? 0
    if (amount <= 0) continue
    await postProviderFee(trx, {
      reference: `midtrans-fee:${payment.provider_payment_intent_id ?? payment.provider_session_id}:${r.sub.number}`,
      uptId: r.sub.upt_id,
      provider: 'midtrans',
      amount,
      at: input.paidAt,
      sourceType: 'payment',
      sourceId: payment.id,
    })
  }
}
