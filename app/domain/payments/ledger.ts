import type { DB } from '#db/client.ts'

/**
 * The one place payments talk to the PNBP ledger. Each call runs inside the transaction that
 * applies the payment's effects, and the ledger is idempotent by reference, so a replayed event
 * posts nothing twice. References: card `stripe:<payment intent>:<sub-order number>` (one entry
 * per UPT, since a card payment can cover several UPTs), bank transfer `transfer:<payment id>`,
 * refunds `refund:<refund id>`.
 */
export async function paymentReferences(trx: DB, paymentId: string, subOrderIds: string[]) {
  const p = await trx.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow()
  const subs = subOrderIds.length ? await trx.selectFrom('sub_orders').select(['id', 'number', 'upt_id', 'total']).where('id', 'in', subOrderIds).execute() : []
  return subs.map((s) => ({
    payment: p,
    sub: s,
    reference: p.method === 'card' ? `stripe:${p.provider_payment_intent_id ?? p.provider_session_id}:${s.number}` : `transfer:${p.id}`,
    gross: p.method === 'card' ? s.total : p.amount,
  }))
}

export async function ledgerPaymentConfirmed(_trx: DB, _input: { paymentId: string; subOrderIds: string[]; paidAt: string }) {
  // wired to postPaymentConfirmed once the ledger lands
}

export async function ledgerRefund(_trx: DB, _input: { refundId: string; at: string }) {
  // wired to postRefund once the ledger lands
}
