import type { ShareKey } from '#app/domain/pnbp/split.ts'

export type Provider = 'stripe' | 'bank_transfer'
export const PROVIDERS: Provider[] = ['stripe', 'bank_transfer']

/**
 * Chart of accounts, shared by every UPT (lines carry the UPT). Normal side: assets and
 * expenses are debit-normal, the rest credit-normal.
 */
export const ACCOUNTS = {
  'clearing:stripe': { type: 'asset', id: 'Kliring Stripe', en: 'Stripe clearing' },
  'clearing:bank_transfer': { type: 'asset', id: 'Kliring transfer bank', en: 'Bank transfer clearing' },
  bank: { type: 'asset', id: 'Rekening bank', en: 'Bank' },
  pnbp_payable: { type: 'liability', id: 'Utang PNBP', en: 'PNBP payable' },
  premi_pool: { type: 'liability', id: 'Dana premi WBP', en: 'Premi pool' },
  production_capital: { type: 'equity', id: 'Modal produksi', en: 'Production capital' },
  partner_payable: { type: 'liability', id: 'Utang bagian mitra', en: 'Partner payable' },
  operations: { type: 'equity', id: 'Operasional', en: 'Operations' },
  cost_recovery: { type: 'equity', id: 'Pengembalian biaya produksi', en: 'Production cost recovery' },
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
