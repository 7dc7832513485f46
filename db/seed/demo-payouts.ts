import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import type { PayoutTxn } from '../../app/domain/payments/payout-plan.ts'
import { allocatePayout, recordPayout } from '../../app/domain/payments/payouts.ts'
import { simulatedCardFeeMinor } from '../../app/integrations/payments/simulated.ts'

/**
 * The demo's paid card orders were paid out by (simulated) Stripe: one payout, allocated to the
 * selling UPTs through the same code as a real payout, so /finance/payouts and each UPT's ledger
 * show fees and payouts, and Stripe clearing is back to zero.
 */
export async function seedPayoutsDemo(db: Kysely<Database>, now: Date = new Date()) {
  const payments = await db
    .selectFrom('payments')
    .select(['provider_payment_intent_id as pi', 'amount', 'paid_at'])
    .where('method', '=', 'card')
    .where('status', '=', 'paid')
    .where('provider_payment_intent_id', 'like', 'pi_test_demo_%')
    .orderBy('paid_at')
    .execute()
  if (!payments.length) return
  const created = Math.floor(Date.parse(payments.at(-1)!.paid_at ?? now.toISOString()) / 1000)
  const txns: PayoutTxn[] = payments.map((p, i) => ({
    id: `txn_demo_${String(i + 1).padStart(4, '0')}`,
    type: 'charge',
    amount: p.amount * 100,
    fee: simulatedCardFeeMinor(p.amount * 100),
    currency: 'idr',
    created,
    paymentIntentId: p.pi,
    refundId: null,
  }))
  const amount = txns.reduce((s, t) => s + t.amount - t.fee, 0)
  const id = 'po_demo_0001'
  await recordPayout(db, { id, amount, currency: 'idr', status: 'paid', arrival_date: created }, 'demo', now)
  const outcome = await allocatePayout(db, id, txns, now)
  if (outcome.state !== 'allocated') throw new Error(`Demo payout not allocated: ${JSON.stringify(outcome)}`)
}
