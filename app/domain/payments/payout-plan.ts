import { apportion } from '#app/domain/ledger/split.ts'

/**
 * Splitting one platform-wide Stripe payout into what each UPT received (ADR 010). Pure: the
 * caller says what the ledger knows about each charge and refund; nothing here touches the
 * database, so the arithmetic is property-tested on its own.
 */

/** The fields of a Stripe payout the portal needs (webhook `payout.paid` or the API). */
export interface StripePayout {
  id: string
  /** Stripe's minor units: IDR is sent as rupiah x 100 */
  amount: number
  currency: string
  status: string
  /** unix seconds */
  arrival_date: number
}

/** One balance transaction of a payout, reduced (amounts in Stripe's minor units, signed). */
export interface PayoutTxn {
  id: string
  type: string
  amount: number
  fee: number
  currency: string
  /** unix seconds */
  created: number
  /** charge: its payment intent; refund: the refund's payment intent */
  paymentIntentId: string | null
  /** refund transactions: the Stripe refund id */
  refundId: string | null
}

/** A card payment as the ledger recorded it: one entry per sub-order (one UPT each). */
export interface ChargeShare {
  uptId: string
  /** the sub-order's number, part of the fee's ledger reference */
  key: string
  gross: number
}

export interface RefundShare {
  uptId: string
  amount: number
}

export interface PayoutLookup {
  charge(paymentIntentId: string): ChargeShare[]
  refund(refundId: string): RefundShare | null
}

export interface UptAllocation {
  uptId: string
  charges: number
  refunds: number
  fees: number
  net: number
  transactions: number
}

export interface FeePosting {
  reference: string
  uptId: string
  amount: number
  txnId: string
  /** ISO time of the balance transaction */
  at: string
}

export interface PayoutProblem {
  code:
    | 'payout.notIdr'
    | 'payout.fractional'
    | 'payout.unknownCharge'
    | 'payout.unknownRefund'
    | 'payout.unsupportedType'
    | 'payout.amountMismatch'
    | 'payout.sumMismatch'
  ref: string
}

export type PayoutPlan =
  { ok: true; allocations: UptAllocation[]; fees: FeePosting[] } | { ok: false; problems: PayoutProblem[] }

/** Transaction types that move a charge into the balance, or a refund out of it. */
const CHARGE_TYPES = new Set(['charge', 'payment'])
const REFUND_TYPES = new Set(['refund', 'payment_refund'])

const whole = (minor: number) => Number.isSafeInteger(minor) && minor % 100 === 0

/**
 * Every balance transaction of the payout must be explained by the ledger: a charge by the
 * payment entries of its sub-orders (fee apportioned by their gross, largest remainder), a
 * refund by the refund entry it produced. Anything else (adjustments, disputes, Stripe's own
 * fees) stops the plan so a person looks at it; nothing is posted from a partial picture.
 * The UPT nets sum exactly to the payout.
 */
export function planPayout(payout: StripePayout, txns: PayoutTxn[], lookup: PayoutLookup): PayoutPlan {
  const problems: PayoutProblem[] = []
  if (payout.currency.toLowerCase() !== 'idr')
    return { ok: false, problems: [{ code: 'payout.notIdr', ref: payout.id }] }
  if (!whole(payout.amount)) return { ok: false, problems: [{ code: 'payout.fractional', ref: payout.id }] }
  const byUpt = new Map<string, UptAllocation>()
  const slot = (uptId: string) => {
    let a = byUpt.get(uptId)
    if (!a) byUpt.set(uptId, (a = { uptId, charges: 0, refunds: 0, fees: 0, net: 0, transactions: 0 }))
    return a
  }
  const fees: FeePosting[] = []
  for (const t of txns) {
    if (t.type === 'payout') continue
    if (t.currency.toLowerCase() !== 'idr') {
      problems.push({ code: 'payout.notIdr', ref: t.id })
      continue
    }
    if (!whole(t.amount) || !whole(t.fee) || t.fee < 0) {
      problems.push({ code: 'payout.fractional', ref: t.id })
      continue
    }
    const amount = t.amount / 100
    const fee = t.fee / 100
    const at = new Date(t.created * 1000).toISOString()
    if (CHARGE_TYPES.has(t.type)) {
      const shares = t.paymentIntentId ? lookup.charge(t.paymentIntentId) : []
      if (!shares.length) {
        problems.push({ code: 'payout.unknownCharge', ref: t.id })
        continue
      }
      if (shares.reduce((s, x) => s + x.gross, 0) !== amount) {
        problems.push({ code: 'payout.amountMismatch', ref: t.id })
        continue
      }
      const keys = shares.map((s) => s.key)
      const parts = apportion(fee, Object.fromEntries(shares.map((s) => [s.key, s.gross])), keys)
      for (const s of shares) {
        const a = slot(s.uptId)
        a.charges += s.gross
        a.fees += parts[s.key]!
        a.transactions++
        if (parts[s.key]! > 0)
          fees.push({
            reference: `stripe-fee:${t.id}:${s.key}`,
            uptId: s.uptId,
            amount: parts[s.key]!,
            txnId: t.id,
            at,
          })
      }
    } else if (REFUND_TYPES.has(t.type)) {
      const r = t.refundId ? lookup.refund(t.refundId) : null
      if (!r) {
        problems.push({ code: 'payout.unknownRefund', ref: t.id })
        continue
      }
      if (r.amount !== -amount) {
        problems.push({ code: 'payout.amountMismatch', ref: t.id })
        continue
      }
      const a = slot(r.uptId)
      a.refunds += r.amount
      a.fees += fee
      a.transactions++
      if (fee > 0) fees.push({ reference: `stripe-fee:${t.id}`, uptId: r.uptId, amount: fee, txnId: t.id, at })
    } else {
      problems.push({ code: 'payout.unsupportedType', ref: `${t.type} ${t.id}` })
    }
  }
  if (problems.length) return { ok: false, problems }
  const allocations = [...byUpt.values()]
    .map((a) => ({ ...a, net: a.charges - a.refunds - a.fees }))
    .sort((x, y) => x.uptId.localeCompare(y.uptId))
  const total = allocations.reduce((s, a) => s + a.net, 0)
  if (total !== payout.amount / 100) return { ok: false, problems: [{ code: 'payout.sumMismatch', ref: payout.id }] }
  return { ok: true, allocations, fees }
}
