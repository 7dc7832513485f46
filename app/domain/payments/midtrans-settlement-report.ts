import { parse } from 'csv-parse/sync'
import { decodeStatement, normalizeText } from '#app/domain/pnbp/statement-parse.ts'

/**
 * Reading Midtrans' settlement report (the CSV from its dashboard, ADR 028): one row per settled
 * transaction with its order id, gross amount, fee (MDR), net amount and settlement date. Pure:
 * every bad row is named by its line number and column, and a report with any bad row is refused
 * as a whole (nothing is booked from a partial picture).
 *
 * Amounts are whole rupiah written as Midtrans writes them (`125000` or `125000.00`); anything
 * else, notably a spreadsheet's `1.250.000,00` or `1,250,000`, is refused rather than guessed, since
 * `1.250` could be one thousand two hundred and fifty or one and a quarter.
 */

export interface SettlementLine {
  row: number
  orderId: string
  gross: number
  fee: number
  net: number
  settledOn: string
}

export interface ReportError {
  /** Line in the file (1-based; 0 for the file as a whole). */
  row: number
  code: string
  /** The order id or the cell that is wrong, so the person can find it. */
  value: string
  params?: Record<string, string | number>
}

export type ReportResult =
  { ok: true; lines: SettlementLine[]; settledOn: string } | { ok: false; errors: ReportError[] }

/** Column names as Midtrans' dashboard and its API spell them, lower case, spaces as `_`. */
const COLUMNS = {
  orderId: ['order_id', 'orderid', 'transaction_id'],
  gross: ['gross_amount', 'gross', 'amount'],
  fee: ['fee', 'fee_amount', 'mdr', 'fee_mdr'],
  net: ['net_amount', 'net', 'settlement_amount'],
  settledOn: ['settlement_date', 'settlement_time', 'settled_at'],
} as const
type Column = keyof typeof COLUMNS

export const MAX_REPORT_LINES = 5_000

const key = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')

/** `125000` or `125000.00` (sen must be zero: the books are in whole rupiah). */
export function readRupiah(text: string): number | null {
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m || (m[2] && Number(m[2]) !== 0)) return null
  return Number(m[1])
}

/** `2026-12-04`, optionally with a time (`2026-12-04 10:15:00`, ISO): the date part. */
export function readDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?.*)?$/.exec(text.trim())
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null
}

export function readSettlementReport(bytes: Uint8Array, today: string): ReportResult {
  let rows: string[][]
  try {
    const text = normalizeText(decodeStatement(bytes))
    // One delimiter per file, the one the header row uses most: Excel in Indonesia writes `;`
    // and then `,` is the decimal comma inside a cell, not a column break.
    const head = text.split('\n', 1)[0] ?? ''
    const delimiter = ([',', ';', '\t'] as const)
      .map((d) => [d, head.split(d).length] as const)
      .sort((x, y) => y[1] - x[1])[0]![0]
    rows = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][]
  } catch {
    return { ok: false, errors: [{ row: 0, code: 'mtSettle.unreadable', value: '' }] }
  }
  if (rows.length < 2) return { ok: false, errors: [{ row: 0, code: 'mtSettle.empty.file', value: '' }] }
  if (rows.length - 1 > MAX_REPORT_LINES)
    return { ok: false, errors: [{ row: 0, code: 'mtSettle.tooMany', value: '', params: { max: MAX_REPORT_LINES } }] }
  const header = rows[0]!.map(key)
  const index = {} as Record<Column, number>
  const missing: string[] = []
  for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const i = header.findIndex((h) => names.includes(h))
    if (i < 0) missing.push(names[0]!)
    index[col] = i
  }
  if (missing.length) return { ok: false, errors: [{ row: 1, code: 'mtSettle.columns', value: missing.join(', ') }] }

  const errors: ReportError[] = []
  const lines: SettlementLine[] = []
  const seen = new Set<string>()
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2
    const cell = (c: Column) => (cells[index[c]] ?? '').trim()
    const orderId = cell('orderId')
    if (!orderId) return void errors.push({ row, code: 'mtSettle.noOrderId', value: '' })
    if (seen.has(orderId)) return void errors.push({ row, code: 'mtSettle.duplicate', value: orderId })
    seen.add(orderId)
    const amounts = { gross: readRupiah(cell('gross')), fee: readRupiah(cell('fee')), net: readRupiah(cell('net')) }
    for (const c of ['gross', 'fee', 'net'] as const) {
      if (amounts[c] === null)
        errors.push({
          row,
          code: 'mtSettle.amount',
          value: orderId,
          params: { column: rows[0]![index[c]] ?? c, cell: cell(c).slice(0, 40) },
        })
    }
    const settledOn = readDay(cell('settledOn'))
    if (!settledOn)
      errors.push({ row, code: 'mtSettle.date', value: orderId, params: { cell: cell('settledOn').slice(0, 40) } })
    else if (settledOn > today)
      errors.push({ row, code: 'mtSettle.future', value: orderId, params: { date: settledOn } })
    const { gross, fee, net } = amounts
    if (gross === null || fee === null || net === null || !settledOn) return
    if (net !== gross - fee)
      return void errors.push({ row, code: 'mtSettle.netMismatch', value: orderId, params: { gross, fee, net } })
    lines.push({ row, orderId, gross, fee, net, settledOn })
  })
  if (!errors.length) {
    const days = [...new Set(lines.map((l) => l.settledOn))]
    if (days.length > 1) errors.push({ row: 0, code: 'mtSettle.manyDates', value: days.sort().join(', ') })
  }
  return errors.length ? { ok: false, errors } : { ok: true, lines, settledOn: lines[0]!.settledOn }
}
