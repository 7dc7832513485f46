import Stripe from 'stripe'
import type { DB } from '#db/client.ts'
import { type StripePayout, postStripePayout } from '#app/domain/ledger/stripe-payouts.ts'

/** Paid payouts that arrived since `arrivalAfter` (unix seconds), newest first, one page of 100. */
export async function listPaidPayouts(secretKey: string, arrivalAfter: number): Promise<StripePayout[]> {
  const stripe = new Stripe(secretKey, { httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 2 })
  const page = await stripe.payouts.list({ status: 'paid', limit: 100, arrival_date: { gte: arrivalAfter } })
  return page.data.map((p) => ({ id: p.id, amount: p.amount, currency: p.currency, status: p.status, arrival_date: p.arrival_date }))
}

/**
 * Pulls paid payouts from Stripe (no transaction held open during the call), then posts each
 * in its own short transaction. Safe to run repeatedly: postings are idempotent by payout id.
 */
export async function syncStripePayouts(db: DB, uptId: string, secretKey: string, arrivalAfter: number) {
  const payouts = await listPaidPayouts(secretKey, arrivalAfter)
  let posted = 0
  let skipped = 0
  for (const p of payouts) {
    const outcome = await db.transaction().execute((trx) => postStripePayout(trx, uptId, p))
    if ('posted' in outcome && outcome.posted.created) posted++
    else skipped++
  }
  return { posted, skipped }
}
