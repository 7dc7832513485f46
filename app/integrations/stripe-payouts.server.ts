import type { DB } from '#db/client.ts'
import type { PayoutTxn, StripePayout } from '#app/domain/payments/payout-plan.ts'
import { idOf, stripeClient } from '#app/integrations/payments/stripe.server.ts'
import { allocatePayout, notePayoutAttempt, payoutsToAllocate, recordPayout } from '#app/domain/payments/payouts.ts'
import { audit } from '#app/domain/audit/log.ts'
import { log } from '#app/lib/log.server.ts'

/** A safety stop for one sync: a platform with more payouts than this in the window syncs again. */
const MAX_ITEMS = 1000

/** Paid payouts that arrived since `arrivalAfter` (unix seconds). */
export async function listPaidPayouts(secretKey: string, arrivalAfter: number): Promise<StripePayout[]> {
  const out: StripePayout[] = []
  for await (const p of stripeClient(secretKey).payouts.list({
    status: 'paid',
    limit: 100,
    arrival_date: { gte: arrivalAfter },
  })) {
    out.push({ id: p.id, amount: p.amount, currency: p.currency, status: p.status, arrival_date: p.arrival_date })
    if (out.length >= MAX_ITEMS) break
  }
  return out
}

/** Each transaction's source (charge or refund) inline, for its payment intent and refund id. */
const EXPAND_SOURCE = ['data.source']

/** The balance transactions a payout paid out, with their sources expanded (charge or refund). */
export async function listPayoutTransactions(secretKey: string, payoutId: string): Promise<PayoutTxn[]> {
  const out: PayoutTxn[] = []
  for await (const t of stripeClient(secretKey).balanceTransactions.list({
    payout: payoutId,
    limit: 100,
    expand: EXPAND_SOURCE,
  })) {
    const source = (t.source && typeof t.source === 'object' ? t.source : null) as {
      object?: string
      id?: string
      payment_intent?: unknown
    } | null
    out.push({
      id: t.id,
      type: t.type,
      amount: t.amount,
      fee: t.fee,
      currency: t.currency,
      created: t.created,
      paymentIntentId: source ? idOf(source.payment_intent) : null,
      refundId: source?.object === 'refund' ? (source.id ?? null) : null,
    })
    if (out.length >= 100 * MAX_ITEMS) break
  }
  return out
}

/**
 * Allocates recorded payouts: for each, the balance transactions are fetched with no database
 * transaction open, then posted in one short transaction. A fetch that fails leaves the payout
 * pending (attempt counted) for the next run.
 */
export async function allocatePendingPayouts(
  db: DB,
  secretKey: string,
  input: { includeReview?: boolean; now?: Date } = {},
) {
  const counts = { allocated: 0, review: 0, failed: 0 }
  for (const p of await payoutsToAllocate(db, { includeReview: input.includeReview })) {
    let txns: PayoutTxn[] = []
    try {
      // A payout that is not whole rupiah is refused on its face; no need to ask Stripe.
      if (p.currency === 'idr' && p.amount_minor % 100 === 0) txns = await listPayoutTransactions(secretKey, p.id)
    } catch (error) {
      log.warn({ err: error, payoutId: p.id }, 'payout balance transactions unavailable')
      await notePayoutAttempt(db, p.id, input.now)
      counts.failed++
      continue
    }
    const outcome = await allocatePayout(db, p.id, txns, input.now)
    if (outcome.state === 'allocated') counts.allocated++
    if (outcome.state === 'needs_review') counts.review++
  }
  return counts
}

/** Pulls paid payouts from Stripe, records the new ones, then allocates what is pending. */
export async function syncStripePayouts(db: DB, secretKey: string, arrivalAfter: number, now: Date = new Date()) {
  const payouts = await listPaidPayouts(secretKey, arrivalAfter)
  let recorded = 0
  for (const p of payouts) {
    const r = await recordPayout(db, p, 'api', now)
    if (r.recorded) recorded++
  }
  return { seen: payouts.length, recorded, ...(await allocatePendingPayouts(db, secretKey, { now })) }
}

/**
 * National finance asks for payouts from Stripe: `sync` pulls the paid payouts of the last
 * `days` and allocates what is pending; `retry` allocates pending payouts and those waiting for
 * review. Audited with the counts. Throws when Stripe cannot be reached.
 */
export async function fetchPayoutsFor(
  db: DB,
  secretKey: string,
  input: { intent: 'sync' | 'retry'; days: number; actorUserId: string; ip?: string | null },
) {
  const counts =
    input.intent === 'sync'
      ? await syncStripePayouts(db, secretKey, Math.floor(Date.now() / 1000) - input.days * 86_400)
      : { seen: 0, recorded: 0, ...(await allocatePendingPayouts(db, secretKey, { includeReview: true })) }
  await audit(db, {
    actorUserId: input.actorUserId,
    action: `payments.payout.${input.intent}`,
    ip: input.ip,
    details: counts,
  })
  return counts
}
