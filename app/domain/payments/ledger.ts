import type { DB } from '#db/client.ts'

/**
 * The one place payments talk to the PNBP ledger. Each call runs inside the transaction that
 * applies the payment's effects, and the ledger is idempotent by reference, so a replayed event
 * posts nothing twice.
 */
export interface SubOrderMoney {
  subOrderId: string
  uptId: string
  amount: number
}

export async function ledgerPaymentConfirmed(_trx: DB, _input: { provider: 'stripe' | 'bank_transfer'; reference: string; paidAt: string; subOrders: SubOrderMoney[] }) {
  // wired to postPaymentConfirmed once the ledger lands
}

export async function ledgerRefund(_trx: DB, _input: { provider: 'stripe' | 'bank_transfer'; reference: string; at: string; subOrderId: string; uptId: string; amount: number }) {
  // wired to postRefund once the ledger lands
}
