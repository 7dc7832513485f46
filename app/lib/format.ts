import type { Lang } from '#app/i18n/translate.ts'

const groupFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 })

/** Integer rupiah to `Rp 150.000` (Indonesian grouping in both languages, as on receipts). */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new TypeError(`Rupiah amounts are integers, got ${amount}`)
  const body = `Rp ${groupFormat.format(Math.abs(amount))}`
  return amount < 0 ? `-${body}` : body
}

/** An amount inside running text (a badge, a sentence): a no-break space keeps "Rp" and the figure on one line. */
export function formatRupiahInline(amount: number): string {
  return formatRupiah(amount).replace(' ', '\u00a0')
}

/**
 * A provider's amount exactly as it was sent, in minor units (IDR x100 at Stripe), with its
 * currency: `IDR 148.000,01`. For showing what arrived when it is not whole rupiah; never rounded.
 */
export function formatMinorAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new TypeError(`Minor units are integers, got ${minor}`)
  const abs = Math.abs(minor)
  const body = `${currency.toUpperCase()} ${groupFormat.format(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}`
  return minor < 0 ? `-${body}` : body
}

/**
 * Share of a target as Ditjenpas reports it: truncated (never rounded) to two decimals and
 * written with a decimal comma in Indonesian: 4,175 of 13,500 -> "30,92%". Integer arithmetic
 * avoids floating-point drift (30.925925… must never become 30.93).
 */
export function formatPercentOf(part: number, whole: number, lang: Lang = 'id'): string {
  if (whole <= 0) return '—'
  const basisPoints = Math.floor((part * 10000) / whole)
  return formatBasisPoints(basisPoints, lang)
}

/** Hundredths of a percent (3092 -> "30,92%"). */
export function formatBasisPoints(basisPoints: number, lang: Lang = 'id'): string {
  const sign = basisPoints < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(basisPoints))
  const whole = Math.floor(abs / 100)
  const frac = String(abs % 100).padStart(2, '0')
  const sep = lang === 'id' ? ',' : '.'
  const wholeStr = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US').format(whole)
  return `${sign}${wholeStr}${sep}${frac}%`
}

/** Rupiah for a chart's axis: short and whole ("Rp 1,5 jt", "Rp 250 rb"; "IDR 1.5M" in English). */
export function formatRupiahCompact(amount: number, lang: Lang = 'id'): string {
  const n = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount)
  return lang === 'id' ? `Rp ${n}` : `IDR ${n}`
}

/** A month's short name (1 -> "Jan", 5 -> "Mei" / "May"). */
export function formatMonthShort(month: number, lang: Lang = 'id'): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-US', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, 1)),
  )
}

export function formatNumber(n: number, lang: Lang = 'id'): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US').format(n)
}

const ZONE_ABBR: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

/** A UTC timestamp shown in a UPT's zone: `28 Nov 2026 09.07 WIB`. */
export function formatDateTime(iso: string, timeZone = 'Asia/Jakarta', lang: Lang = 'id'): string {
  const d = new Date(iso)
  const text = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(d)
    .replace(',', '')
  return `${text} ${ZONE_ABBR[timeZone] ?? timeZone}`
}

/** A calendar date (YYYY-MM-DD) as `28 Nov 2026`; dates carry no zone. */
export function formatDate(date: string, lang: Lang = 'id'): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`)
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(d)
}

/** A month (YYYY-MM) as `November 2026`. */
export function formatMonth(month: string, lang: Lang = 'id'): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`)
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(d)
}

export function zoneAbbreviation(timeZone: string): string {
  return ZONE_ABBR[timeZone] ?? timeZone
}

/** "Lapas Kelas IIA Kediri" -> "Kediri": the place names a bar under a chart; the table beside has the full name. */
export function shortUptName(name: string): string {
  const place = name.replace(
    /^(Lapas|Rutan|LPKA|Bapas|Cabang Rutan)(\s+(Perempuan|Narkotika|Terbuka|Industri))?(\s+Kelas\s+[IV]+[AB]?)?\s+/i,
    '',
  )
  return place || name
}
