/** How a late PNBP deposit is judged (a setting national finance can change). */
export type DepositRule =
  | { kind: 'next_working_day'; holidays: string[] }
  | { kind: 'monthly_deadline'; day: number }

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
  /** PNBP (rupiah) deposited after its deadline, or still not deposited past it. */
  lateAmount: number
  late: boolean
}

/**
 * Deposits settle receipts first-in first-out. A rupiah of PNBP is late when the deposit that
 * covered it was paid after its receipt's deadline, or when it is uncovered and the deadline
 * has passed (`today` is after it).
 */
export function lateDeposits(
  receipts: { day: string; amount: number }[],
  deposits: { paidDate: string; amount: number }[],
  rule: DepositRule,
  today: string,
): LateResult {
  const queue = receipts.filter((r) => r.amount > 0).sort((a, b) => a.day.localeCompare(b.day)).map((r) => ({ ...r }))
  const paid = deposits.filter((d) => d.amount > 0).sort((a, b) => a.paidDate.localeCompare(b.paidDate))
  let lateAmount = 0
  let i = 0
  for (const d of paid) {
    let left = d.amount
    while (left > 0 && i < queue.length) {
      const r = queue[i]!
      const take = Math.min(left, r.amount)
      if (d.paidDate > depositDeadline(r.day, rule)) lateAmount += take
      r.amount -= take
      left -= take
      if (r.amount === 0) i++
    }
  }
  for (; i < queue.length; i++) {
    const r = queue[i]!
    if (r.amount > 0 && today > depositDeadline(r.day, rule)) lateAmount += r.amount
  }
  return { lateAmount, late: lateAmount > 0 }
}
