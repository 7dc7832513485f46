import type { ShareKey } from './split.ts'

export type Provider = 'stripe' | 'midtrans' | 'bank_transfer'
export const PROVIDERS: Provider[] = ['stripe', 'midtrans', 'bank_transfer']

/**
 * Chart of accounts, shared by every UPT (lines carry the UPT). Normal side: assets and
 * expenses are debit-normal, the rest credit-normal.
 */
export const ACCOUNTS = {
  'clearing:stripe': { type: 'asset', id: 'Kliring Stripe', en: 'Stripe clearing' },
  'clearing:midtrans': { type: 'asset', id: 'Kliring Midtrans', en: 'Midtrans clearing' },
  'clearing:bank_transfer': { type: 'asset', id: 'Kliring transfer bank', en: 'Bank transfer clearing' },
  bank: { type: 'asset', id: 'Rekening bank', en: 'Bank' },
  pnbp_payable: { type: 'liability', id: 'Utang PNBP', en: 'PNBP payable' },
  premi_pool: { type: 'liability', id: 'Dana premi WBP', en: 'Premi pool' },
  production_capital: { type: 'equity', id: 'Modal produksi', en: 'Production capital' },
  partner_payable: { type: 'liability', id: 'Utang bagian mitra', en: 'Partner payable' },
  operations: { type: 'equity', id: 'Operasional', en: 'Operations' },
  cost_recovery: { type: 'equity', id: 'Pengembalian biaya produksi', en: 'Production cost recovery' },
  // What a buyer pays beyond the goods is never split (ADR 013): each has its own account.
  shipping_payable: {
    type: 'liability',
    id: 'Ongkos kirim (titipan kurir)',
    en: 'Shipping collected (owed to the courier)',
  },
  unique_codes: { type: 'liability', id: 'Kode unik transfer (titipan)', en: 'Transfer unique codes (held)' },
  refunds: { type: 'liability', id: 'Pengembalian dana pembeli', en: 'Refunds' },
  provider_fees: { type: 'expense', id: 'Biaya penyedia pembayaran', en: 'Provider fees' },
} as const
export type Account = keyof typeof ACCOUNTS

export const clearingAccount = (p: Provider): Account => `clearing:${p}`

/** Where each share of a split is credited. */
export const SHARE_ACCOUNT: Record<ShareKey, Account> = {
  pnbp: 'pnbp_payable',
  premi: 'premi_pool',
  production: 'production_capital',
  partner: 'partner_payable',
  operations: 'operations',
}

/**
 * The parts of what a buyer pays for one sub-order (ADR 013): the goods (quantity x unit price,
 * the only part that is split), shipping, and a bank transfer's 3-digit unique code.
 */
export const COMPONENTS = ['goods', 'shipping', 'unique_code'] as const
export type Component = (typeof COMPONENTS)[number]
export type Components = Record<Component, number>

/** Which part of a payment an account's credit belongs to (the split and cost recovery are goods). */
export function componentOf(account: string): Component {
  if (account === 'shipping_payable') return 'shipping'
  if (account === 'unique_codes') return 'unique_code'
  return 'goods'
}

/**
 * How much of a refund comes off each part, given what is still unrefunded of each: goods
 * first, then shipping, then the unique code (ADR 013). Applied to cumulative totals it gives
 * the same answer as applied refund by refund, so pages and the ledger agree.
 */
export function refundParts(left: Components, amount: number): Components {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad amount ${amount}`)
  const out = { goods: 0, shipping: 0, unique_code: 0 }
  let rest = amount
  for (const c of COMPONENTS) {
    const take = Math.min(rest, Math.max(0, left[c]))
    out[c] = take
    rest -= take
  }
  if (rest > 0) throw new RangeError(`refund ${amount} exceeds what is left`)
  return out
}
