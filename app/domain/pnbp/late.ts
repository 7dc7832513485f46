/** How a late PNBP deposit is judged (a setting national finance can change). */
export type DepositRule = { kind: 'next_working_day'; holidays: string[] } | { kind: 'monthly_deadline'; day: number }

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay()
  return dow !== 0 && dow !== 6 && !holidays.has(day)
}

/** First working day after `day` (weekends and listed holidays skipped). */
export function nextWorkingDay(day: string, holidays: readonly string[]): string {
  const set = new Set(holidays)
  let d = addDays(day, 1)
  while (!isWorkingDay(d, set)) d = addDays(d, 1)
  return d
}

/** The last day a receipt on `day` may be deposited. */
export function depositDeadline(day: string, rule: DepositRule): string {
  if (rule.kind === 'next_working_day') return nextWorkingDay(day, rule.holidays)
  const [y, m] = day.split('-').map(Number) as [number, number]
  const next = new Date(Date.UTC(y, m, 1))
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return `${next.toISOString().slice(0, 7)}-${String(Math.min(rule.day, last)).padStart(2, '0')}`
}

export interface LateResult {
  /** PNBP (rupiah) still not deposited although its deadline has passed. */
  lateAmount: number
  late: boolean
  /** Whole days from the oldest missed deadline to `today` (0 when nothing is late). */
  daysLate: number
  /** The oldest missed deadline of what is still not deposited, or null. */
  lateSince: string | null
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * What is late now: the month's PNBP (receipts net of refunds) less what was deposited for it is
 * still owed; deposits and refunds settle the oldest receipts first, so what is owed is the newest
 * receipts' PNBP, and each rupiah of it is late once its receipt's deadline has passed (`today` is
 * after it). A fully deposited month is never late, however late its deposits were paid.
 */
export function lateDeposits(
  receipts: { day: string; amount: number }[],
  deposits: { paidDate: string; amount: number }[],
  rule: DepositRule,
  today: string,
): LateResult {
  const due = receipts.reduce((s, r) => s + r.amount, 0)
  const deposited = deposits.filter((d) => d.amount > 0).reduce((s, d) => s + d.amount, 0)
  let owed = due - deposited
  let lateAmount = 0
  let lateSince: string | null = null
  const newestFirst = receipts.filter((r) => r.amount > 0).sort((a, b) => b.day.localeCompare(a.day))
  for (const r of newestFirst) {
    if (owed <= 0) break
    const take = Math.min(owed, r.amount)
    owed -= take
    const deadline = depositDeadline(r.day, rule)
    if (today > deadline) {
      lateAmount += take
      if (lateSince === null || deadline < lateSince) lateSince = deadline
    }
  }
  return { lateAmount, late: lateAmount > 0, daysLate: lateSince ? daysBetween(lateSince, today) : 0, lateSince }
}
