import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { StripePayoutRow } from '#db/schema.ts'
import { audit } from '#app/domain/audit/log.ts'
import { postPayout, postProviderFee } from '#app/domain/ledger/postings.ts'
import { nowIso } from '#app/lib/time.ts'
import {
  type ChargeShare,
  type PayoutLookup,
  type PayoutTxn,
  type RefundShare,
  type StripePayout,
  planPayout,
} from './payout-plan.ts'

/**
 * Stripe payouts in the books (ADR 010). A payout is recorded the moment it is known (webhook
 * or API), in the same transaction as the event id, so an acknowledged payout is never lost.
 * Allocation needs the payout's balance transactions from Stripe, fetched outside any
 * transaction by `#app/integrations/stripe-payouts.server.ts`, then `allocatePayout` posts, per
 * UPT, the provider fees of its charges and its share of the payout, all in one transaction.
 */

export const payoutReference = (payoutId: string, uptId: string) => `stripe:${payoutId}:${uptId}`

/** Records a paid payout once (by id). Payouts that are not paid are not money yet: ignored. */
export async function recordPayout(
  db: DB,
  payout: StripePayout,
  via: 'webhook' | 'api' | 'demo',
  now: Date = new Date(),
) {
  return inTransaction(db, async (trx) => {
    if (payout.status !== 'paid') return { recorded: false as const, reason: 'not_paid' as const }
    const at = nowIso(now)
    const r = await trx
      .insertInto('stripe_payouts')
      .values({
        id: payout.id,
        amount_minor: payout.amount,
        currency: payout.currency.toLowerCase(),
        arrival_date: new Date(payout.arrival_date * 1000).toISOString(),
        state: 'pending',
        problem: null,
        attempts: 0,
        received_via: via,
        received_at: at,
        updated_at: at,
        allocated_at: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    return { recorded: Number(r.numInsertedOrUpdatedRows ?? 0) === 1, reason: null }
  })
}

/** What the ledger knows about the charges and refunds of a payout, loaded up front. */
async function ledgerLookup(trx: DB, txns: PayoutTxn[]): Promise<PayoutLookup> {
  const charges = new Map<string, ChargeShare[]>()
  for (const pi of new Set(txns.map((t) => t.paymentIntentId).filter((x): x is string => !!x))) {
    // Card payments post one entry per sub-order: `stripe:<payment intent>:<sub-order number>`.
    const rows = await trx
      .selectFrom('ledger_entries')
      .select(['upt_id', 'reference', 'amount'])
      .where('kind', '=', 'payment')
      .where('reference', '>=', `stripe:${pi}:`)
      .where('reference', '<', `stripe:${pi};`)
      .execute()
    charges.set(
      pi,
      rows.map((r) => ({ uptId: r.upt_id, key: r.reference.slice(`stripe:${pi}:`.length), gross: r.amount })),
    )
  }
  const refunds = new Map<string, RefundShare>()
  const refundIds = txns.map((t) => t.refundId).filter((x): x is string => !!x)
  if (refundIds.length) {
    const rows = await trx
      .selectFrom('refunds as r')
      .innerJoin('ledger_entries as e', (j) => j.on(sql<boolean>`e.reference = 'refund:' || r.id`))
      .select(['r.provider_refund_id', 'e.upt_id', 'e.amount'])
      .where('r.provider_refund_id', 'in', refundIds)
      .execute()
    for (const r of rows) refunds.set(r.provider_refund_id!, { uptId: r.upt_id, amount: r.amount })
  }
  return { charge: (pi) => charges.get(pi) ?? [], refund: (id) => refunds.get(id) ?? null }
}

export type AllocationOutcome =
  { state: 'allocated'; upts: number } | { state: 'needs_review'; problems: string } | { state: 'already' }

/**
 * Allocates a recorded payout from its balance transactions. Idempotent: an allocated payout
 * is left alone, and every posting is unique by reference. A payout the ledger cannot fully
 * explain moves to `needs_review` with its problems and posts nothing.
 */
export async function allocatePayout(
  db: DB,
  payoutId: string,
  txns: PayoutTxn[],
  now: Date = new Date(),
): Promise<AllocationOutcome> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('stripe_payouts').selectAll().where('id', '=', payoutId).executeTakeFirstOrThrow()
    if (row.state === 'allocated') return { state: 'already' }
    const at = nowIso(now)
    const payout: StripePayout = {
      id: row.id,
      amount: row.amount_minor,
      currency: row.currency,
      status: 'paid',
      arrival_date: Date.parse(row.arrival_date) / 1000,
    }
    const plan = planPayout(payout, txns, await ledgerLookup(trx, txns))
    if (!plan.ok) {
      const problems = JSON.stringify(plan.problems)
      await trx
        .updateTable('stripe_payouts')
        .set({ state: 'needs_review', problem: problems, attempts: row.attempts + 1, updated_at: at })
        .where('id', '=', row.id)
        .execute()
      return { state: 'needs_review', problems }
    }
    for (const f of plan.fees) {
      await postProviderFee(trx, {
        reference: f.reference,
        uptId: f.uptId,
        provider: 'stripe',
        amount: f.amount,
        at: f.at,
        sourceType: 'stripe_balance_transaction',
        sourceId: f.txnId,
      })
    }
    for (const a of plan.allocations) {
      if (a.net !== 0) {
        await postPayout(trx, {
          reference: payoutReference(row.id, a.uptId),
          uptId: a.uptId,
          provider: 'stripe',
          amount: Math.abs(a.net),
          returned: a.net < 0,
          at: row.arrival_date,
          sourceType: 'stripe_payout',
          sourceId: row.id,
        })
      }
      await trx
        .insertInto('stripe_payout_allocations')
        .values({ payout_id: row.id, ...snake(a) })
        .execute()
    }
    await trx
      .updateTable('stripe_payouts')
      .set({ state: 'allocated', problem: null, attempts: row.attempts + 1, allocated_at: at, updated_at: at })
      .where('id', '=', row.id)
      .execute()
    await audit(trx, {
      actorUserId: null,
      action: 'payments.payout.allocated',
      targetType: 'stripe_payout',
      targetId: row.id,
      details: {
        amount: row.amount_minor / 100,
        upts: plan.allocations.map((a) => ({ upt: a.uptId, net: a.net, fees: a.fees })),
      },
    })
    return { state: 'allocated', upts: plan.allocations.length }
  })
}

const snake = (a: {
  uptId: string
  charges: number
  refunds: number
  fees: number
  net: number
  transactions: number
}) => ({
  upt_id: a.uptId,
  charges: a.charges,
  refunds: a.refunds,
  fees: a.fees,
  net: a.net,
  transactions: a.transactions,
})

/** Marks a fetch failure on a pending payout (it stays pending and is retried). */
export async function notePayoutAttempt(db: DB, payoutId: string, now: Date = new Date()) {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('stripe_payouts')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: nowIso(now) }))
      .where('id', '=', payoutId)
      .where('state', '=', 'pending')
      .execute()
  })
}

/** Pending payouts (the job), or also those waiting for review when a person asks to retry. */
export async function payoutsToAllocate(
  db: DB,
  input: { includeReview?: boolean; limit?: number } = {},
): Promise<StripePayoutRow[]> {
  return db
    .selectFrom('stripe_payouts')
    .selectAll()
    .where('state', 'in', input.includeReview ? ['pending', 'needs_review'] : ['pending'])
    .orderBy('arrival_date')
    .limit(input.limit ?? 20)
    .execute()
}

export const PAYOUTS_PAGE_SIZE = 25

/** Payouts for national finance (all UPTs) or one UPT (only payouts with a share for it), newest first. */
export async function listPayouts(db: DB, input: { uptId: string | null; page: number }) {
  let q = db.selectFrom('stripe_payouts as p')
  if (input.uptId)
    q = q.innerJoin('stripe_payout_allocations as a', (j) =>
      j.onRef('a.payout_id', '=', 'p.id').on('a.upt_id', '=', input.uptId!),
    )
  const [rows, count] = await Promise.all([
    q
      .selectAll('p')
      .orderBy('p.arrival_date', 'desc')
      .orderBy('p.id')
      .limit(PAYOUTS_PAGE_SIZE)
      .offset((input.page - 1) * PAYOUTS_PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const ids = rows.map((r) => r.id)
  let aq = db
    .selectFrom('stripe_payout_allocations as a')
    .innerJoin('upts as u', 'u.id', 'a.upt_id')
    .leftJoin('upt_bank_accounts as b', 'b.upt_id', 'a.upt_id')
    .select([
      'a.payout_id',
      'a.upt_id',
      'u.name as upt_name',
      'a.charges',
      'a.refunds',
      'a.fees',
      'a.net',
      'a.transactions',
      'b.bank_name',
      'b.account_number',
    ])
    .orderBy('u.name')
  if (input.uptId) aq = aq.where('a.upt_id', '=', input.uptId)
  const allocations = ids.length ? await aq.where('a.payout_id', 'in', ids).execute() : []
  return {
    total: Number(count.n),
    payouts: rows.map((r) => ({
      ...r,
      amount: r.amount_minor / 100,
      problems: r.problem ? (JSON.parse(r.problem) as { code: string; ref: string }[]) : [],
      allocations: allocations.filter((a) => a.payout_id === r.id),
    })),
  }
}
