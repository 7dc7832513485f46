/** All timestamps are stored as ISO-8601 UTC strings; this is the one clock the app reads. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString()
}

export function addMinutes(iso: string | Date, minutes: number): string {
  const base = typeof iso === 'string' ? new Date(iso) : iso
  return new Date(base.getTime() + minutes * 60_000).toISOString()
}

/** Today's date (YYYY-MM-DD) in a time zone, by default Asia/Jakarta. */
export function todayIn(timeZone = 'Asia/Jakarta', now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}
