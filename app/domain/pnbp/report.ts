import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { todayIn } from '#app/lib/time.ts'
import { lateDeposits } from './late.ts'
import { depositRuleOf, getSettings } from './settings.ts'

export interface MonthRow {
  uptId: string
  uptName: string
  kanwilId: string
  kanwilName: string
  /** goods sold (quantity x unit price): the credits of the split and cost recovery on payments */
  grossSales: number
  /** goods refunded */
  refunds: number
  base: number
  pnbpDue: number
  deposited: number
  outstanding: number
  premi: number
  production: number
  partner: number
  operations: number
  /** shipping collected less shipping refunded (its own account, never split) */
  shipping: number
  /** transfer unique codes received less returned (their own account, never split) */
  uniqueCodes: number
  /** PNBP still not deposited past its deadline (0 when the month is fully deposited) */
  lateAmount: number
  /** days since the oldest missed deadline of that amount */
  lateDays: number
}

export const REPORT_COLUMNS = [
  'grossSales',
  'refunds',
  'base',
  'pnbpDue',
  'deposited',
  'outstanding',
  'premi',
  'production',
  'partner',
  'operations',
  'shipping',
  'uniqueCodes',
  'lateAmount',
  'lateDays',
] as const satisfies readonly (keyof MonthRow)[]

/** Columns that are not money: summed rows take their largest value (the longest delay). */
const MAX_COLUMNS: ReadonlySet<string> = new Set(['lateDays'])

const SHARE_FIELD: Record<string, keyof MonthRow> = {
  pnbp_payable: 'pnbpDue',
  premi_pool: 'premi',
  production_capital: 'production',
  partner_payable: 'partner',
  operations: 'operations',
}

/**
 * PNBP figures of one month per UPT, straight from journal lines aggregated on the indexed
 * (month, upt_id, account, kind) columns. `uptId` limits it to one UPT (finance of a UPT).
 */
export async function monthlyReport(
  db: DB,
  q: { month: string; uptId?: string | null; today?: string },
): Promise<MonthRow[]> {
  let sums = db
    .selectFrom('ledger_lines')
    .select(['upt_id', 'account', 'kind', sql<number>`sum(debit)`.as('d'), sql<number>`sum(credit)`.as('c')])
    .where('month', '=', q.month)
    .groupBy(['upt_id', 'account', 'kind'])
  if (q.uptId) sums = sums.where('upt_id', '=', q.uptId)
  const rows = await sums.execute()
  const byUpt = new Map<string, MonthRow>()
  const row = (uptId: string) => {
    let r = byUpt.get(uptId)
    if (!r) {
      r = {
        uptId,
        uptName: '',
        kanwilId: '',
        kanwilName: '',
        grossSales: 0,
        refunds: 0,
        base: 0,
        pnbpDue: 0,
        deposited: 0,
        outstanding: 0,
        premi: 0,
        production: 0,
        partner: 0,
        operations: 0,
        shipping: 0,
        uniqueCodes: 0,
        lateAmount: 0,
        lateDays: 0,
      }
      byUpt.set(uptId, r)
    }
    return r
  }
  for (const s of rows) {
    const r = row(s.upt_id)
    const d = Number(s.d)
    const c = Number(s.c)
    if (s.kind === 'payment' || s.kind === 'refund') {
      // What the buyer paid, by part (ADR 013): goods are the split and cost recovery.
      if (s.account === 'shipping_payable') r.shipping += c - d
      else if (s.account === 'unique_codes') r.uniqueCodes += c - d
      else if (s.account === 'cost_recovery' || SHARE_FIELD[s.account]) {
        if (s.kind === 'payment') r.grossSales += c - d
        else r.refunds += d - c
      }
    }
    const field = SHARE_FIELD[s.account]
    if (field && (s.kind === 'payment' || s.kind === 'refund')) {
      ;(r[field] as number) += c - d
      r.base += c - d
    }
    if (s.account === 'pnbp_payable' && s.kind === 'deposit') r.deposited += d
  }
  if (byUpt.size === 0) return []
  const upts = await db
    .selectFrom('upts as u')
    .innerJoin('kanwils as k', 'k.id', 'u.kanwil_id')
    .select(['u.id', 'u.name', 'u.kanwil_id', 'k.name as kanwil_name'])
    .where('u.id', 'in', [...byUpt.keys()])
    .execute()
  for (const u of upts)
    Object.assign(byUpt.get(u.id)!, { uptName: u.name, kanwilId: u.kanwil_id, kanwilName: u.kanwil_name })

  // Late deposits: PNBP received per day vs deposits for the period, by the configured rule.
  const settings = await getSettings(db)
  const rule = depositRuleOf(settings)
  let daily = db
    .selectFrom('ledger_lines')
    .select(['upt_id', 'day', sql<number>`sum(credit) - sum(debit)`.as('amount')])
    .where('month', '=', q.month)
    .where('account', '=', 'pnbp_payable')
    .where('kind', 'in', ['payment', 'refund'])
    .groupBy(['upt_id', 'day'])
  if (q.uptId) daily = daily.where('upt_id', '=', q.uptId)
  let deps = db.selectFrom('pnbp_deposits').select(['upt_id', 'paid_date', 'amount']).where('period', '=', q.month)
  if (q.uptId) deps = deps.where('upt_id', '=', q.uptId)
  const [dailyRows, depRows] = await Promise.all([daily.execute(), deps.execute()])
  const today = q.today ?? todayIn()
  for (const r of byUpt.values()) {
    r.outstanding = r.pnbpDue - r.deposited
    const receipts = dailyRows
      .filter((x) => x.upt_id === r.uptId)
      .map((x) => ({ day: x.day, amount: Number(x.amount) }))
    const deposits = depRows
      .filter((x) => x.upt_id === r.uptId)
      .map((x) => ({ paidDate: x.paid_date, amount: x.amount }))
    const late = lateDeposits(receipts, deposits, rule, today)
    r.lateAmount = late.lateAmount
    r.lateDays = late.daysLate
  }
  return [...byUpt.values()].sort(
    (a, b) => a.kanwilName.localeCompare(b.kanwilName) || a.uptName.localeCompare(b.uptName),
  )
}

/** National view: the month's rows summed per Kanwil. */
export function byKanwil(rows: MonthRow[]) {
  const out = new Map<
    string,
    { kanwilId: string; kanwilName: string; upts: number } & Record<(typeof REPORT_COLUMNS)[number], number>
  >()
  for (const r of rows) {
    let k = out.get(r.kanwilId)
    if (!k) {
      k = {
        kanwilId: r.kanwilId,
        kanwilName: r.kanwilName,
        upts: 0,
        ...Object.fromEntries(REPORT_COLUMNS.map((c) => [c, 0])),
      } as never
      out.set(r.kanwilId, k!)
    }
    k!.upts++
    for (const c of REPORT_COLUMNS) k![c] = MAX_COLUMNS.has(c) ? Math.max(k![c], r[c]) : k![c] + r[c]
  }
  return [...out.values()]
}

export function totals(rows: Pick<MonthRow, (typeof REPORT_COLUMNS)[number]>[]) {
  const t = Object.fromEntries(REPORT_COLUMNS.map((c) => [c, 0])) as Record<(typeof REPORT_COLUMNS)[number], number>
  for (const r of rows) for (const c of REPORT_COLUMNS) t[c] = MAX_COLUMNS.has(c) ? Math.max(t[c], r[c]) : t[c] + r[c]
  return t
}

/** Yearly PNBP target per UPT and realisation (deposits for the year's periods). */
export async function yearlyRealisation(db: DB, q: { year: number; uptId?: string | null }) {
  const y = String(q.year)
  let due = db
    .selectFrom('ledger_lines')
    .select([
      'upt_id',
      'month',
      sql<number>`sum(case when kind = 'deposit' then debit else 0 end)`.as('deposited'),
      sql<number>`sum(case when kind in ('payment','refund') then credit - debit else 0 end)`.as('due'),
    ])
    .where('account', '=', 'pnbp_payable')
    .where('month', '>=', `${y}-01`)
    .where('month', '<=', `${y}-12`)
    .groupBy(['upt_id', 'month'])
  if (q.uptId) due = due.where('upt_id', '=', q.uptId)
  let targets = db.selectFrom('pnbp_targets').select(['upt_id', 'amount']).where('year', '=', q.year)
  if (q.uptId) targets = targets.where('upt_id', '=', q.uptId)
  const [months, t] = await Promise.all([due.execute(), targets.execute()])
  const ids = new Set([...months.map((m) => m.upt_id), ...t.map((x) => x.upt_id)])
  if (ids.size === 0) return []
  const names = await db
    .selectFrom('upts')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute()
  return names
    .map((u) => {
      const mine = months.filter((m) => m.upt_id === u.id)
      return {
        uptId: u.id,
        uptName: u.name,
        target: t.find((x) => x.upt_id === u.id)?.amount ?? 0,
        due: mine.reduce((s, m) => s + Number(m.due), 0),
        deposited: mine.reduce((s, m) => s + Number(m.deposited), 0),
        byMonth: Array.from({ length: 12 }, (_, i) => {
          const m = mine.find((x) => x.month === `${y}-${String(i + 1).padStart(2, '0')}`)
          return { month: i + 1, due: Number(m?.due ?? 0), deposited: Number(m?.deposited ?? 0) }
        }),
      }
    })
    .sort((a, b) => a.uptName.localeCompare(b.uptName))
}
