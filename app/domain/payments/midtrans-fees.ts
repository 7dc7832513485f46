import { apportion } from '#app/domain/ledger/split.ts'

/**
 * What Midtrans keeps from a settled transaction (its MDR), by the channel the buyer used, in
 * whole rupiah: Midtrans' published rates when this was written (docs/decisions/022). Midtrans
 * reports no fee per transaction in its API, so the portal books the rate it agreed; a contract
 * with other rates changes this table, and finance checks it against Midtrans' settlement report.
 */
export const MIDTRANS_RATES: Record<string, { percentBp: number; flat: number }> = {
  qris: { percentBp: 70, flat: 0 },
  gopay: { percentBp: 200, flat: 0 },
  shopeepay: { percentBp: 200, flat: 0 },
  bank_transfer: { percentBp: 0, flat: 4_000 },
  echannel: { percentBp: 0, flat: 4_000 },
  credit_card: { percentBp: 290, flat: 2_000 },
}

/** Midtrans' fee on `gross` rupiah paid by `paymentType` (unknown channels: the VA rate, the most common flat fee). */
export function midtransFee(paymentType: string | null, gross: number): number {
  const rate = MIDTRANS_RATES[paymentType ?? ''] ?? MIDTRANS_RATES.bank_transfer!
  // Percentages round half up to the rupiah, as Midtrans' settlement report shows them.
  return Math.min(gross, Math.floor((gross * rate.percentBp + 5_000) / 10_000) + rate.flat)
}

/**
 * One transaction can pay several UPTs' sub-orders: its fee is shared by their gross (largest
 * remainder), so the parts sum exactly to the fee, as for Stripe (docs/decisions/010).
 */
export function feeShares(fee: number, subs: { id: string; gross: number }[]): Record<string, number> {
  const weights = Object.fromEntries(subs.map((s) => [s.id, s.gross])) as Record<string, number>
  return apportion(
    fee,
    weights,
    subs.map((s) => s.id),
  )
}
