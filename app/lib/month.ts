import { todayIn } from './time.ts'

/** ?month=YYYY-MM, or the current month in Jakarta when absent or malformed. */
export function monthFrom(url: URL): string {
  const m = url.searchParams.get('month') ?? ''
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : todayIn().slice(0, 7)
}
