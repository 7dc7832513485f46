import type { DB } from '#db/client.ts'
import { type Posted, postPayout } from './postings.ts'

/** The fields of a Stripe payout object the ledger needs (webhook `payout.paid` or the API). */
export interface StripePayout {
  id: string
  amount: number
  currency: string
  status: string
  arrival_date: number
}

export type PayoutOutcome = { posted: Posted } | { skipped: 'not_paid' | 'not_idr' | 'fractional' }

/**
 * A paid IDR payout moves money from Stripe clearing to the bank. Stripe sends IDR with two
 * decimals (rupiah x 100), so anything that is not whole rupiah is refused rather than rounded.
 * Idempotent by `stripe:<payout id>`.
 */
export async function postStripePayout(trx: DB, uptId: string, payout: StripePayout): Promise<PayoutOutcome> {
  if (payout.status !== 'paid') return { skipped: 'not_paid' }
  if (payout.currency.toLowerCase() !== 'idr') return { skipped: 'not_idr' }
  if (payout.amount % 100 !== 0) return { skipped: 'fractional' }
  const posted = await postPayout(trx, {
    reference: `stripe:${payout.id}`,
    uptId,
    provider: 'stripe',
    amount: payout.amount / 100,
    at: new Date(payout.arrival_date * 1000).toISOString(),
  })
  return { posted }
}
