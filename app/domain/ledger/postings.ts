import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { LedgerEntry, LedgerKind } from '#db/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { resolveSplitRule } from './split-rules.ts'
import { SHARE_KEYS, apportion, baseOf, splitAmount } from './split.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import {
  type Account,
  COMPONENTS,
  type Provider,
  SHARE_ACCOUNT,
  clearingAccount,
  componentOf,
  refundParts,
} from './chart.ts'

export interface Line {
  account: Account
  debit: number
  credit: number
}

interface EntryInput {
  reference: string
  uptId: string
  kind: LedgerKind
  provider: Provider | null
  amount: number
  occurredAt: string
  /** Reporting month (YYYY-MM); defaults to the month of occurredAt in the UPT's zone. */
  month?: string
  day?: string
  splitRuleId?: string | null
  originalEntryId?: string | null
  sourceType?: string | null
  sourceId?: string | null
  lines: Line[]
}

export interface Posted {
  entry: LedgerEntry
  /** false when the reference was already posted and the existing entry is returned. */
  created: boolean
}

export async function uptZone(trx: DB, uptId: string): Promise<string> {
  const row = await trx
    .selectFrom('upts as u')
    .innerJoin('provinces as p', 'p.id', 'u.province_id')
    .select(sql<string>`coalesce(u.timezone, p.timezone)`.as('zone'))
    .where('u.id', '=', uptId)
    .executeTakeFirst()
  if (!row) throw new DomainError('ledger.unknownUpt', 'uptId')
  return row.zone
}

export function localDay(iso: string, zone: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) throw new DomainError('field.invalidDate')
  return todayIn(zone, d)
}

function assertAmount(amount: number, allowZero = false) {
  if (!Number.isSafeInteger(amount) || amount < 0 || (!allowZero && amount === 0)) {
    throw new DomainError('ledger.badAmount', 'amount')
  }
}

async function existing(trx: DB, reference: string) {
  return trx.selectFrom('ledger_entries').selectAll().where('reference', '=', reference).executeTakeFirst()
}

/** Writes one balanced entry, or returns the entry already posted under this reference. */
async function post(trx: DB, input: EntryInput): Promise<Posted> {
  const found = await existing(trx, input.reference)
  if (found) return { entry: found, created: false }
  const lines = input.lines.filter((l) => l.debit !== 0 || l.credit !== 0)
  const debits = lines.reduce((s, l) => s + l.debit, 0)
  const credits = lines.reduce((s, l) => s + l.credit, 0)
  if (debits !== credits || lines.some((l) => l.debit < 0 || l.credit < 0 || (l.debit > 0 && l.credit > 0))) {
    throw new Error(`Unbalanced entry ${input.reference}: ${debits} != ${credits}`)
  }
  const zone = await uptZone(trx, input.uptId)
  const day = input.day ?? localDay(input.occurredAt, zone)
  const month = input.month ?? day.slice(0, 7)
  const entry: LedgerEntry = {
    id: newId(),
    upt_id: input.uptId,
    reference: input.reference,
    kind: input.kind,
    provider: input.provider,
    amount: input.amount,
    occurred_at: new Date(input.occurredAt).toISOString(),
    day,
    month,
    split_rule_id: input.splitRuleId ?? null,
    original_entry_id: input.originalEntryId ?? null,
    source_type: input.sourceType ?? null,
    source_id: input.sourceId ?? null,
    created_at: nowIso(),
  }
  await trx.insertInto('ledger_entries').values(entry).execute()
  if (lines.length) {
    await trx
      .insertInto('ledger_lines')
      .values(
        lines.map((l) => ({
          id: newId(),
          entry_id: entry.id,
          upt_id: input.uptId,
          month,
          day,
          kind: input.kind,
          account: l.account,
          debit: l.debit,
          credit: l.credit,
        })),
      )
      .execute()
  }
  return { entry, created: true }
}

export interface PaymentConfirmedInput {
  reference: string
  uptId: string
  provider: Provider
  /** everything the buyer paid for this sub-order: goods + shipping + unique code */
  grossAmount: number
  /** the part of grossAmount that is shipping (never split; ADR 013) */
  shippingAmount?: number
  /** the part of grossAmount that is a bank transfer's unique code (never split; ADR 013) */
  uniqueCodeAmount?: number
  costAmount?: number
  paidAt: string
  programId?: string | null
  /**
   * The goods by the program that made them (order lines grouped by their product's program),
   * summing to the goods; without it all goods belong to `programId`.
   */
  goodsByProgram?: { programId: string | null; amount: number }[]
  agreementId?: string | null
  sourceType: string
  sourceId: string
}

function goodsGroups(input: PaymentConfirmedInput, goods: number) {
  const groups = (input.goodsByProgram ?? []).filter((g) => g.amount !== 0)
  if (!groups.length) return [{ programId: input.programId ?? null, amount: goods }]
  for (const g of groups) assertAmount(g.amount)
  if (groups.reduce((s, g) => s + g.amount, 0) !== goods) throw new DomainError('ledger.badAmount', 'amount')
  return groups
}

/**
 * Money for a sale reached the provider: debit its clearing account with everything paid, credit
 * the split of the base (rule in force on the payment date in the UPT's zone) and, for
 * profit-based rules, the recorded production cost back to cost recovery. The base is the goods
 * only: shipping and a transfer's unique code go to their own accounts, unsplit (ADR 013).
 */
export async function postPaymentConfirmed(trx: DB, input: PaymentConfirmedInput): Promise<Posted> {
  const found = await existing(trx, input.reference)
  if (found) return { entry: found, created: false }
  assertAmount(input.grossAmount)
  const cost = input.costAmount ?? 0
  assertAmount(cost, true)
  const shipping = input.shippingAmount ?? 0
  const code = input.uniqueCodeAmount ?? 0
  assertAmount(shipping, true)
  assertAmount(code, true)
  const goods = input.grossAmount - shipping - code
  if (goods < 0) throw new DomainError('ledger.badAmount', 'amount')
  const zone = await uptZone(trx, input.uptId)
  const day = localDay(input.paidAt, zone)
  // The goods of one sub-order may come from several programs, each with its own rule in force
  // (program > UPT > national, or the agreement's): each program's goods are split by its rule.
  const groups = goodsGroups(input, goods)
  const costs = apportion(
    cost,
    Object.fromEntries(groups.map((g, i) => [String(i), g.amount])),
    groups.map((_, i) => String(i)),
  )
  const credits = new Map<Account, number>()
  const credit = (account: Account, amount: number) => credits.set(account, (credits.get(account) ?? 0) + amount)
  const ruleIds = new Set<string>()
  for (const [i, g] of groups.entries()) {
    const rule = await resolveSplitRule(trx, {
      uptId: input.uptId,
      programId: g.programId,
      agreementId: input.agreementId ?? null,
      date: day,
    })
    if (!rule) throw new DomainError('pnbp.noRule')
    ruleIds.add(rule.id)
    const base = baseOf(rule, g.amount, costs[String(i)]!)
    const parts = splitAmount(base, {
      pnbp: rule.pnbp_bp,
      premi: rule.premi_bp,
      production: rule.production_bp,
      partner: rule.partner_bp,
      operations: rule.operations_bp,
    })
    for (const k of SHARE_KEYS) credit(SHARE_ACCOUNT[k], parts[k])
    credit('cost_recovery', g.amount - base)
  }
  const lines: Line[] = [{ account: clearingAccount(input.provider), debit: input.grossAmount, credit: 0 }]
  for (const k of SHARE_KEYS)
    lines.push({ account: SHARE_ACCOUNT[k], debit: 0, credit: credits.get(SHARE_ACCOUNT[k]) ?? 0 })
  lines.push({ account: 'cost_recovery', debit: 0, credit: credits.get('cost_recovery') ?? 0 })
  lines.push({ account: 'shipping_payable', debit: 0, credit: shipping })
  lines.push({ account: 'unique_codes', debit: 0, credit: code })
  return post(trx, {
    reference: input.reference,
    uptId: input.uptId,
    kind: 'payment',
    provider: input.provider,
    amount: input.grossAmount,
    occurredAt: input.paidAt,
    day,
    // One rule for the whole sale is named; a sale split by several programs' rules names none.
    splitRuleId: ruleIds.size === 1 ? [...ruleIds][0] : null,
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    lines,
  })
}

export interface RefundInput {
  reference: string
  uptId: string
  provider: Provider
  amount: number
  refundedAt: string
  originalReference: string
}

/**
 * Reverses a payment: the refund comes off the goods first, then shipping, then the unique code
 * (ADR 013, `refundParts`); the goods part reverses the split in proportion to what is still
 * unreversed on each account (largest remainder), so partial refunds never over-reverse and a
 * full refund clears exactly. Entries posted before ADR 013 have only goods accounts.
 */
export async function postRefund(trx: DB, input: RefundInput): Promise<Posted> {
  const found = await existing(trx, input.reference)
  if (found) return { entry: found, created: false }
  assertAmount(input.amount)
  const original = await existing(trx, input.originalReference)
  if (!original || original.kind !== 'payment' || original.upt_id !== input.uptId) {
    throw new DomainError('ledger.originalNotFound', 'originalReference')
  }
  const rows = await trx
    .selectFrom('ledger_lines as l')
    .innerJoin('ledger_entries as e', 'e.id', 'l.entry_id')
    .select(['l.account', sql<number>`sum(l.credit) - sum(l.debit)`.as('remaining')])
    .where((eb) => eb.or([eb('e.id', '=', original.id), eb('e.original_entry_id', '=', original.id)]))
    .where('l.account', 'not like', 'clearing:%')
    .groupBy('l.account')
    .orderBy('l.account')
    .execute()
  const remaining = Object.fromEntries(rows.map((r) => [r.account, Number(r.remaining)])) as Record<string, number>
  const accounts = rows.map((r) => r.account)
  const total = accounts.reduce((s, a) => s + remaining[a]!, 0)
  if (input.amount > total) throw new DomainError('ledger.refundTooLarge', 'amount')
  const left = { goods: 0, shipping: 0, unique_code: 0 }
  for (const a of accounts) left[componentOf(a)] += remaining[a]!
  const byComponent = refundParts(left, input.amount)
  const lines: Line[] = []
  for (const c of COMPONENTS) {
    const mine = accounts.filter((a) => componentOf(a) === c)
    const parts = apportion(byComponent[c], remaining, mine)
    for (const a of mine) lines.push({ account: a as Account, debit: parts[a]!, credit: 0 })
  }
  lines.push({ account: clearingAccount(input.provider), debit: 0, credit: input.amount })
  return post(trx, {
    reference: input.reference,
    uptId: input.uptId,
    kind: 'refund',
    provider: input.provider,
    amount: input.amount,
    occurredAt: input.refundedAt,
    originalEntryId: original.id,
    splitRuleId: original.split_rule_id,
    sourceType: original.source_type,
    sourceId: original.source_id,
    lines,
  })
}

export interface MovementInput {
  reference: string
  uptId: string
  provider: Provider
  amount: number
  at: string
  sourceType?: string | null
  sourceId?: string | null
}

/** The provider kept a fee out of the clearing balance. */
export async function postProviderFee(trx: DB, input: MovementInput): Promise<Posted> {
  assertAmount(input.amount)
  return post(trx, {
    reference: input.reference,
    uptId: input.uptId,
    kind: 'fee',
    provider: input.provider,
    amount: input.amount,
    occurredAt: input.at,
    sourceType: input.sourceType ?? null,
    sourceId: input.sourceId ?? null,
    lines: [
      { account: 'provider_fees', debit: input.amount, credit: 0 },
      { account: clearingAccount(input.provider), debit: 0, credit: input.amount },
    ],
  })
}

/** Source type of a payout entry that took money back from the UPT's bank (a negative share). */
export const PAYOUT_RETURN = 'payout_return'

/**
 * Money left the provider's clearing balance and arrived in the UPT's bank account. With
 * `returned`, the UPT's share of a payout was negative (its refunds outweighed its sales in
 * that payout): the money goes the other way, from the bank back to clearing.
 */
export async function postPayout(trx: DB, input: MovementInput & { returned?: boolean }): Promise<Posted> {
  assertAmount(input.amount)
  const clearing = clearingAccount(input.provider)
  return post(trx, {
    reference: input.reference,
    uptId: input.uptId,
    kind: 'payout',
    provider: input.provider,
    amount: input.amount,
    occurredAt: input.at,
    sourceType: input.returned ? PAYOUT_RETURN : (input.sourceType ?? null),
    sourceId: input.sourceId ?? null,
    lines: input.returned
      ? [
          { account: clearing, debit: input.amount, credit: 0 },
          { account: 'bank', debit: 0, credit: input.amount },
        ]
      : [
          { account: 'bank', debit: input.amount, credit: 0 },
          { account: clearing, debit: 0, credit: input.amount },
        ],
  })
}

/**
 * A bank transfer goes straight to the UPT's account: once finance confirms it, the money is in
 * the bank, so bank-transfer clearing is emptied at once (`received:<payment reference>`).
 * Reconciliation matches statement lines to the payment entry, not to this one.
 */
export async function postTransferReceived(
  trx: DB,
  input: { paymentReference: string; uptId: string; amount: number; at: string },
): Promise<Posted> {
  return postPayout(trx, {
    reference: `received:${input.paymentReference}`,
    uptId: input.uptId,
    provider: 'bank_transfer',
    amount: input.amount,
    at: input.at,
    sourceType: TRANSFER_RECEIVED,
    sourceId: input.paymentReference,
  })
}
export const TRANSFER_RECEIVED = 'transfer_received'

/**
 * A bank-transfer refund is paid back from the UPT's account when finance records it, so the
 * money leaves the bank at once and bank-transfer clearing returns to zero (ADR 013):
 * `refund-paid:<refund reference>`, Dr clearing:bank_transfer / Cr bank.
 */
export async function postTransferRefundPaid(
  trx: DB,
  input: { refundReference: string; uptId: string; amount: number; at: string },
): Promise<Posted> {
  assertAmount(input.amount)
  return post(trx, {
    reference: `refund-paid:${input.refundReference}`,
    uptId: input.uptId,
    kind: 'payout',
    provider: 'bank_transfer',
    amount: input.amount,
    occurredAt: input.at,
    sourceType: TRANSFER_REFUND_PAID,
    sourceId: input.refundReference,
    lines: [
      { account: 'clearing:bank_transfer', debit: input.amount, credit: 0 },
      { account: 'bank', debit: 0, credit: input.amount },
    ],
  })
}
export const TRANSFER_REFUND_PAID = 'transfer_refund_paid'

export interface DepositInput {
  reference: string
  uptId: string
  amount: number
  /** Paid date (YYYY-MM-DD) of the SIMPONI billing. */
  paidDate: string
  /** The month whose PNBP this deposit settles (YYYY-MM). */
  period: string
  sourceId: string
}

/** PNBP paid to the state treasury: settles PNBP payable from the bank. Called by billings. */
export async function postPnbpDeposit(trx: DB, input: DepositInput): Promise<Posted> {
  assertAmount(input.amount)
  return post(trx, {
    reference: input.reference,
    uptId: input.uptId,
    kind: 'deposit',
    provider: null,
    amount: input.amount,
    occurredAt: `${input.paidDate}T00:00:00.000Z`,
    day: input.paidDate,
    month: input.period,
    sourceType: 'pnbp_deposit',
    sourceId: input.sourceId,
    lines: [
      { account: 'pnbp_payable', debit: input.amount, credit: 0 },
      { account: 'bank', debit: 0, credit: input.amount },
    ],
  })
}
