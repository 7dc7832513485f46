/**
 * Reading bank statements as Indonesian banks and Excel write them: comma, semicolon or tab;
 * UTF-8 with or without BOM, UTF-16 ("Unicode text") or Windows-1252; CRLF; lines of account
 * details above the table and balances below it; `1.250.000,00` as well as `1,250,000.00`;
 * dd/mm/yyyy, yyyy-mm-dd, `03-Nov-2026`, or `03/11` with the year in the header's period.
 *
 * Pure functions, no database: `readTable` finds the table, `guessMapping` proposes which column
 * is what, `readLines` turns rows into lines and names every bad row by its line number and
 * column. A bad row never spoils the others. ADR 014 explains the choices.
 */
import { DomainError } from '#app/domain/errors.ts'

export type Delimiter = ',' | ';' | '\t'
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t']
/** How a numeric date without month names is ordered: day first (Indonesia), month first, year first. */
export type DateFormat = 'dmy' | 'mdy' | 'ymd'
export const DATE_FORMATS: readonly DateFormat[] = ['dmy', 'mdy', 'ymd']

/** Which column holds what; columns are named by their header label (see `columnLabels`). */
export interface StatementMapping {
  delimiter: Delimiter
  dateFormat: DateFormat
  date: string
  description: string
  reference: string | null
  /** One signed amount column (sign, parentheses, a CR/DB suffix, or the marker column)... */
  amount: string | null
  marker: string | null
  /** ...or separate debit (money out) and credit (money in) columns. */
  debit: string | null
  credit: string | null
}

export interface Period {
  from: string
  to: string
}

export interface StatementMeta {
  /** Digits of the account number named above the table (or in an account column), if any. */
  accountNumber: string | null
  period: Period | null
}

export interface StatementTable {
  delimiter: Delimiter
  /** Line of the header row in the file (1-based). */
  headerRow: number
  columns: string[]
  rows: { row: number; cells: string[] }[]
  meta: StatementMeta
}

export interface LineError {
  row: number
  column: string
  code: string
  /** What the cell said, shortened, so the person can find it. */
  value: string
}

export interface ParsedLine {
  row: number
  date: string
  amount: number
  description: string
  reference: string | null
}

/** The file as a whole cannot be read (not one bad line: those are `LineError`s). */
export class StatementError extends DomainError {
  override name = 'StatementError'
  constructor(code: string, params?: Record<string, string | number>) {
    super(code, 'file', params)
  }
}

type Result<T> = { ok: true; value: T } | { ok: false; code: string }
const fail = (code: string): { ok: false; code: string } => ({ ok: false, code })

// ---------------------------------------------------------------------------------------------
// Bytes to text

function looksUtf16(b: Uint8Array, zeroAt: 0 | 1): boolean {
  const n = Math.min(b.length - (b.length % 2), 400)
  if (n < 4) return false
  let zeros = 0
  let other = 0
  for (let i = 0; i < n; i += 2) {
    if (b[i + zeroAt] === 0) zeros++
    if (b[i + 1 - zeroAt] === 0) other++
  }
  return zeros > n / 2 / 2 && other === 0
}

// Windows-1252 at 0x80–0x9F (Node 20's TextDecoder reads those bytes as Latin-1 controls).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

function decodeWindows1252(b: Uint8Array): string {
  let out = ''
  for (const byte of b) out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
  return out
}

/**
 * Decodes an uploaded file: BOMs for UTF-8 and UTF-16, UTF-16 without BOM, UTF-8, and
 * otherwise Windows-1252 (what Excel writes for "CSV" on an Indonesian Windows). Spreadsheets
 * and PDFs are named so the person knows what to do instead.
 */
export function decodeStatement(b: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x)
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0))
    throw new StatementError('pnbp.statementSpreadsheet')
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new StatementError('pnbp.statementPdf')
  let text: string
  if (starts(0xef, 0xbb, 0xbf)) text = new TextDecoder('utf-8').decode(b.subarray(3))
  else if (starts(0xff, 0xfe)) text = new TextDecoder('utf-16le').decode(b.subarray(2))
  else if (starts(0xfe, 0xff)) text = new TextDecoder('utf-16be').decode(b.subarray(2))
  else if (looksUtf16(b, 1)) text = new TextDecoder('utf-16le').decode(b)
  else if (looksUtf16(b, 0)) text = new TextDecoder('utf-16be').decode(b)
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(b)
    } catch {
      text = decodeWindows1252(b)
    }
  }
  if (text.includes('\u0000')) throw new StatementError('pnbp.statementUnreadable')
  return text
}

/** One kind of line break, no BOM: what every later step expects. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

// ---------------------------------------------------------------------------------------------
// Cells, amounts, dates

/** A cell as a person reads it: trimmed, without Excel's `'` text marker or `="…"` wrapper. */
export function cleanCell(raw: string): string {
  let s = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim()
  const formula = /^="(.*)"$/.exec(s)
  if (formula) s = formula[1]!.trim()
  if (s.startsWith("'")) s = s.slice(1).trim()
  return s
}

const CREDIT_MARKS = new Set(['CR', 'C', 'K', 'KR', 'KREDIT', 'CREDIT', 'CRE', 'MASUK', '+'])
const DEBIT_MARKS = new Set(['DB', 'D', 'DR', 'DEBET', 'DEBIT', 'DEB', 'KELUAR', '-'])

/** +1 for money in (CR, K, Kredit), -1 for money out (DB, D, Debet), null when not a marker. */
export function readMarker(text: string): 1 | -1 | null {
  const s = cleanCell(text).toUpperCase().replace(/\.$/, '')
  if (CREDIT_MARKS.has(s)) return 1
  if (DEBIT_MARKS.has(s)) return -1
  return null
}

export type AmountResult =
  | {
      ok: true
      /** Whole rupiah, signed: negative is money out. */
      value: number
      /** A sign, parentheses or a CR/DB suffix was written (so a marker column must agree). */
      signed: boolean
    }
  | { ok: false; code: string }

/**
 * Whole rupiah from what banks and Excel write: `1.250.000,00`, `1,250,000.00`, `Rp 1.250.000`,
 * `IDR 1250000`, `1250000`, `.00`, `-15.000`, `(15.000)`, `15.000-`, `250,000.00 CR`.
 * One separator followed by exactly three digits is a thousands separator (`1.250`, `1,250`);
 * followed by one or two digits it is the decimal comma or point. Sen other than zero are
 * refused: money is kept in whole rupiah.
 */
const GROUPED_DOT = /^[1-9]\d{0,2}(?:\.\d{3})+$/
const GROUPED_COMMA = /^[1-9]\d{0,2}(?:,\d{3})+$/

export function readAmount(text: string): AmountResult {
  let s = cleanCell(text).replace(/\s+/g, ' ')
  if (s === '' || s === '-' || s === '–') return fail('pnbp.amountMissing')
  // 0 while no sign is written; a second sign that disagrees (`-250.000 CR`) is refused.
  let sign: 0 | 1 | -1 = 0
  const setSign = (x: 1 | -1) => {
    if (sign !== 0 && sign !== x) return false
    sign = x
    return true
  }
  const suffix = /^(.*?[\d)])\s*(CR|DB|DR|K|D|C)\.?$/i.exec(s)
  if (suffix) {
    setSign(readMarker(suffix[2]!)!)
    s = suffix[1]!.trim()
  }
  const paren = /^\((.*)\)$/.exec(s)
  if (paren) {
    if (!setSign(-1)) return fail('pnbp.markerConflict')
    s = paren[1]!.trim()
  }
  // `-Rp 15.000` and `Rp -15.000` alike
  for (let i = 0; i < 2; i++) {
    const lead = /^([-−+])\s*/.exec(s)
    if (lead) {
      if (!setSign(lead[1] === '+' ? 1 : -1)) return fail('pnbp.markerConflict')
      s = s.slice(lead[0].length)
    }
    s = s.replace(/^(rp\.?|idr)\s*/i, '')
  }
  if (/\d\s*-$/.test(s)) {
    if (!setSign(-1)) return fail('pnbp.markerConflict')
    s = s.replace(/\s*-$/, '')
  }
  s = s.replace(/ /g, '')
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return fail('pnbp.badAmount')
  const lastDot = s.lastIndexOf('.')
  const lastComma = s.lastIndexOf(',')
  let whole: string
  let fraction = ''
  const grouped = (t: string, sep: string) => (sep === '.' ? GROUPED_DOT : GROUPED_COMMA).test(t)
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ','
    const thousands = dec === '.' ? ',' : '.'
    const at = Math.max(lastDot, lastComma)
    whole = s.slice(0, at)
    fraction = s.slice(at + 1)
    if (!grouped(whole, thousands) || !/^\d{1,2}$/.test(fraction)) return fail('pnbp.badAmount')
    whole = whole.split(thousands).join('')
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ','
    const parts = s.split(sep)
    if (parts.length > 2) {
      if (!grouped(s, sep)) return fail('pnbp.badAmount')
      whole = parts.join('')
    } else if (parts[1]!.length === 3 && grouped(s, sep)) {
      whole = parts.join('')
    } else if (/^\d{1,2}$/.test(parts[1]!) && /^\d*$/.test(parts[0]!)) {
      whole = parts[0] || '0'
      fraction = parts[1]!
    } else return fail('pnbp.badAmount')
  } else whole = s
  if (!/^\d+$/.test(whole)) return fail('pnbp.badAmount')
  if (/[1-9]/.test(fraction)) return fail('pnbp.amountNotWhole')
  const n = Number(whole)
  if (!Number.isSafeInteger(n)) return fail('pnbp.badAmount')
  return { ok: true, value: n === 0 ? 0 : (sign || 1) * n, signed: sign !== 0 }
}

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  peb: 2,
  februari: 2,
  pebruari: 2,
  february: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  agustus: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  nop: 11,
  nopember: 11,
  november: 11,
  des: 12,
  dec: 12,
  desember: 12,
  december: 12,
}
const TIME_SUFFIX =
  /(?:[ T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[.,]\d+)?(?:\s*(?:WIB|WITA|WIT|[AP]M|Z|[+-]\d{2}:?\d{2}))?)$/i

function isoDate(y: number, m: number, d: number): Result<string> {
  if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return fail('pnbp.dateImpossible')
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return fail('pnbp.dateImpossible')
  return { ok: true, value: date.toISOString().slice(0, 10) }
}

const fullYear = (t: string) => (t.length === 2 ? 2000 + Number(t) : Number(t))

/** Day and month of `a/b` when the declared order is `format`; null when it cannot be told. */
function dayMonth(a: number, b: number, format: DateFormat): [number, number] | null {
  if (format === 'dmy') return [a, b]
  if (format === 'mdy') return [b, a]
  // A year-first file with a day/month date in it: only when one part cannot be a month.
  if (a === b || (a > 12 && b <= 12)) return [a, b]
  if (b > 12 && a <= 12) return [b, a]
  return null
}

/**
 * An ISO date from a statement cell: `2026-11-03`, `03/11/2026`, `3-11-26`, `03.11.2026`,
 * `03-Nov-2026`, `3 Agustus 2026` (time of day ignored), or `03/11` with the year taken from
 * the statement's period. Impossible dates (31/02, month 13) and dates whose order cannot be
 * told are refused rather than guessed.
 */
export function readDate(text: string, format: DateFormat = 'dmy', period: Period | null = null): Result<string> {
  let s = cleanCell(text)
  if (!s) return fail('pnbp.dateMissing')
  if (/^pend(ing)?$/i.test(s)) return fail('pnbp.datePending')
  s = s.replace(TIME_SUFFIX, '').trim()
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s))) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
  if ((m = /^(\d{1,2})[-/. ]+([a-z]{3,9})\.?[-/., ]+(\d{4}|\d{2})$/i.exec(s))) {
    const month = MONTHS[m[2]!.toLowerCase()]
    return month ? isoDate(fullYear(m[3]!), month, Number(m[1])) : fail('pnbp.dateUnreadable')
  }
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s))) {
    const dm = dayMonth(Number(m[1]), Number(m[2]), format)
    return dm ? isoDate(fullYear(m[3]!), dm[1], dm[0]) : fail('pnbp.dateAmbiguous')
  }
  if ((m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(s))) {
    if (!period) return fail('pnbp.dateNoYear')
    const dm = dayMonth(Number(m[1]), Number(m[2]), format)
    if (!dm) return fail('pnbp.dateAmbiguous')
    const first = Number(period.from.slice(0, 4))
    const last = Number(period.to.slice(0, 4))
    let impossible = true
    for (let y = first; y <= last; y++) {
      const d = isoDate(y, dm[1], dm[0])
      if (!d.ok) continue
      impossible = false
      if (d.value >= period.from && d.value <= period.to) return d
    }
    return fail(impossible ? 'pnbp.dateImpossible' : 'pnbp.dateOutsidePeriod')
  }
  return fail('pnbp.dateUnreadable')
}

/** The order of numeric dates in a column: day first unless a value proves otherwise. */
export function guessDateFormat(values: string[]): DateFormat {
  let iso = 0
  let dayFirst = 0
  let monthFirst = 0
  for (const v of values) {
    const s = cleanCell(v)
    if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(s)) iso++
    const m = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.]\d{2,4})?(?:$|[ T])/.exec(s)
    if (!m) continue
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) dayFirst++
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) monthFirst++
  }
  if (iso > 0 && dayFirst + monthFirst === 0) return 'ymd'
  return monthFirst > 0 && dayFirst === 0 ? 'mdy' : 'dmy'
}

// ---------------------------------------------------------------------------------------------
// Finding the table

type Role = 'date' | 'description' | 'reference' | 'amount' | 'debit' | 'credit' | 'marker' | 'balance' | 'account'

const key = (label: string) =>
  label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

// Checked in this order: a balance is never an amount, "Db/Cr" is a marker and not a debit.
const ROLES: [Role, RegExp][] = [
  ['balance', /^(saldo|balance|runningbalance|ledgerbalance)/],
  [
    'marker',
    /^(dk|kd|dbcr|crdb|drcr|crdr|cd|dc|debitcredit|debetkredit|creditdebit|kreditdebet|tipe|type|jenis|jenistransaksi|posisi|sign|tanda)$/,
  ],
  ['account', /^(accountno|accountnumber|account|norekening|nomorrekening|rekening|norek|noacc|acctno)$/],
  ['debit', /^(debet|debit|mutasidebet|mutasidebit|dr|db|penarikan|keluar|uangkeluar|withdrawals?|pengeluaran)/],
  ['credit', /^(kredit|credit|mutasikredit|cr|setoran|masuk|uangmasuk|deposits?|penerimaan)/],
  ['amount', /^(jumlah|nominal|amount|mutasi|nilai|transactionamount|besaran)/],
  [
    'date',
    /^(tanggal|tgl|date|postdate|postingdate|transactiondate|transdate|trxdate|txndate|bookingdate|valuedate|effectivedate)/,
  ],
  [
    'description',
    /^(keterangan|uraian|description|deskripsi|rincian|remarks?|narasi|narrative|berita|details?|transactiondetails?|particulars|catatan)/,
  ],
  [
    'reference',
    /^(referensi|noreferensi|nomorreferensi|noref|reference|referenceno|refno|ref|nojurnal|journalno|journal|nobukti|bukti)/,
  ],
]

function roleOf(label: string): Role | null {
  const k = key(label)
  if (!k) return null
  for (const [role, re] of ROLES) if (re.test(k)) return role
  return null
}

/** Header labels made unique: empty headers become "Kolom 5", repeats get "(2)". */
export function columnLabels(cells: string[]): string[] {
  const seen = new Map<string, number>()
  return cells.map((c, i) => {
    const base = cleanCell(c).replace(/\s+/g, ' ').slice(0, 60) || `Kolom ${i + 1}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n === 1 ? base : `${base} (${n})`
  })
}

/**
 * CSV records with the line each starts on. Quotes as RFC 4180 writes them (`""` inside a quoted
 * field, line breaks inside quotes); a quote inside an unquoted field is an ordinary character.
 * A quote that never closes must not cost the whole file: its line is read again as if quotes
 * were ordinary characters, and reading goes on from the next line. (csv-parse makes an error
 * object for every record whose width differs from the first, which made a 2 MB statement with
 * a preamble take seconds.)
 */
function parseRecords(text: string, delimiter: Delimiter): { row: number; cells: string[] }[] {
  const out: { row: number; cells: string[] }[] = []
  const n = text.length
  let i = 0
  let line = 1
  while (i < n) {
    const start = i
    const startLine = line
    const cells: string[] = []
    let cell = ''
    let quoted = false
    let fieldStart = true
    let ended = false
    while (i < n) {
      const c = text[i]!
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"'
            i += 2
          } else {
            quoted = false
            i++
          }
          continue
        }
        if (c === '\n') line++
        cell += c
        i++
        continue
      }
      if (c === '"' && fieldStart) {
        quoted = true
        fieldStart = false
        i++
        continue
      }
      fieldStart = false
      if (c === delimiter) {
        cells.push(cell)
        cell = ''
        fieldStart = true
        i++
        continue
      }
      if (c === '\n') {
        line++
        i++
        ended = true
        break
      }
      cell += c
      i++
    }
    if (quoted) {
      // Unclosed: this line alone, quotes literal; continue after it.
      const eol = text.indexOf('\n', start)
      const stop = eol < 0 ? n : eol
      out.push({ row: startLine, cells: text.slice(start, stop).split(delimiter).map(cleanCell) })
      i = stop + 1
      line = startLine + 1
      continue
    }
    cells.push(cell)
    out.push({ row: startLine, cells: cells.map(cleanCell) })
    if (!ended) break
  }
  return out
}

const MAX_HEADER_SEARCH = 100

function headerScore(cells: string[]): number {
  const filled = cells.filter(Boolean)
  if (filled.length < 3) return 0
  const roles = new Set(cells.map(roleOf).filter(Boolean))
  if (!roles.has('date') || !(roles.has('amount') || roles.has('debit') || roles.has('credit'))) return 0
  return roles.size
}

const looksLikeValue = (c: string) => readDate(c).ok || readAmount(c).ok

/** A header by shape: labels only, followed closely by a row of the same width with a date. */
function shapeHeader(records: { row: number; cells: string[] }[]): number {
  for (let i = 0; i < Math.min(records.length, MAX_HEADER_SEARCH); i++) {
    const cells = records[i]!.cells
    if (cells.filter(Boolean).length < 3 || cells.some((c) => c && looksLikeValue(c))) continue
    const next = records
      .slice(i + 1, i + 4)
      .find((r) => r.cells.length === cells.length && r.cells.some((c) => readDate(c).ok))
    if (next) return i
  }
  return -1
}

function readMeta(preamble: { cells: string[] }[], columns: string[], rows: { cells: string[] }[]): StatementMeta {
  let accountNumber: string | null = null
  let period: Period | null = null
  for (const { cells } of preamble) {
    const line = cells.filter(Boolean).join(' ')
    const label =
      /(?:\b(?:no|nomor|nomer)\b\.?\s*(?:rek(?:ening)?|account|acc(?:ount)?|a\/c)\b|\baccount\s*(?:no|number|#)|\brekening\b)/i.exec(
        line,
      )
    if (!accountNumber && label) {
      const digits = /\d[\d\-. ]{4,}\d/.exec(line.slice(label.index + label[0].length))?.[0].replace(/\D/g, '')
      if (digits && digits.length >= 6 && digits.length <= 20) accountNumber = digits
    }
    if (!period && /\bperiod[e]?\b/i.test(line)) {
      const tokens =
        line.match(/\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-/ ][A-Za-z]{3,9}\.?[-/ ,]+\d{4}/g) ??
        []
      const dates = tokens.map((t) => readDate(t)).flatMap((d) => (d.ok ? [d.value] : []))
      if (dates.length) period = { from: dates[0]!, to: dates[dates.length - 1]! }
    }
  }
  if (!accountNumber) {
    // Exports without a preamble (Mandiri's) repeat the account number on every line.
    const at = columns.findIndex((c) => roleOf(c) === 'account')
    const values = new Set(
      rows.map((r) => (r.cells[at] ?? '').replace(/\D/g, '')).filter((v) => v.length >= 6 && v.length <= 20),
    )
    if (at >= 0 && values.size === 1) accountNumber = [...values][0]!
  }
  return { accountNumber, period }
}

function sepHint(text: string): Delimiter | null {
  const m = /^sep=(.)\s*$/im.exec(text.slice(0, 20))
  return m && (DELIMITERS as string[]).includes(m[1]!) ? (m[1] as Delimiter) : null
}

/**
 * Finds the table in a statement: the header row (a row naming a date and an amount, debit or
 * credit column; or the row containing every column of a saved mapping), the lines after it,
 * and what the lines above say (account number, period). Tries the given delimiter first,
 * then the others.
 */
type Records = { row: number; cells: string[] }[]

/** The header row among the first rows, by labels (or a saved mapping's columns), else by shape. */
function findHeader(
  text: string,
  order: Delimiter[],
  options: { delimiter?: Delimiter; expect?: string[] },
): { delimiter: Delimiter; row: number } | null {
  let best: { delimiter: Delimiter; row: number; score: number } | null = null
  const parsed = new Map<Delimiter, Records>()
  for (const delimiter of order) {
    const records = parseRecords(text, delimiter).slice(0, MAX_HEADER_SEARCH)
    parsed.set(delimiter, records)
    for (const r of records) {
      const labels = columnLabels(r.cells)
      const expected = options.expect?.length && options.expect.every((c) => labels.includes(c))
      const score = expected ? 1000 : headerScore(r.cells)
      if (score > (best?.score ?? 0)) best = { delimiter, row: r.row, score }
      if (score) break
    }
    if (best && (best.score >= 1000 || (best.delimiter === options.delimiter && delimiter === options.delimiter))) break
  }
  if (best) return best
  let width = 0
  for (const delimiter of order) {
    const records = parsed.get(delimiter)!
    const index = shapeHeader(records)
    if (index >= 0 && records[index]!.cells.length > width) {
      width = records[index]!.cells.length
      best = { delimiter, row: records[index]!.row, score: 1 }
    }
  }
  return best
}

/**
 * Finds the table in a statement: the header row (a row naming a date and an amount, debit or
 * credit column; or the row containing every column of a saved mapping), the lines after it,
 * and what the lines above say (account number, period). Tries the given delimiter first,
 * then the others, on the first lines only; the whole file is read once, with the one found.
 */
export function readTable(input: string, options: { delimiter?: Delimiter; expect?: string[] } = {}): StatementTable {
  const text = normalizeText(input)
  if (!text.trim()) throw new StatementError('pnbp.statementEmpty')
  const hint = options.delimiter ?? sepHint(text)
  const counts = (d: string) => text.slice(0, 4000).split(d).length
  const order = [...DELIMITERS].sort((a, b) => (a === hint ? -1 : b === hint ? 1 : counts(b) - counts(a)))
  const found = findHeader(text.split('\n', MAX_HEADER_SEARCH + 5).join('\n'), order, options)
  if (!found) throw new StatementError('pnbp.headerNotFound')
  const records = parseRecords(text, found.delimiter)
  // The same line in the whole file (a quote left open in the first lines could shift records).
  let index = records.findIndex((r) => r.row === found.row)
  if (index < 0) {
    const again = findHeader(text, [found.delimiter], options)
    index = again ? records.findIndex((r) => r.row === again.row) : -1
  }
  if (index < 0) throw new StatementError('pnbp.headerNotFound')
  const columns = columnLabels(records[index]!.cells)
  const rows = records.slice(index + 1)
  return {
    delimiter: found.delimiter,
    headerRow: records[index]!.row,
    columns,
    rows,
    meta: readMeta(records.slice(0, index), columns, rows),
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping

const cellOf = (table: StatementTable, cells: string[], column: string | null) =>
  column ? (cells[table.columns.indexOf(column)] ?? '') : ''

/** Which column is what, from the header labels and (for CR/DB markers) the values. */
export function guessMapping(table: StatementTable): StatementMapping {
  const byRole = (role: Role) => table.columns.filter((c) => roleOf(c) === role)
  // Prefer the transaction or posting date over a value date.
  const dates = byRole('date').sort((a, b) => Number(/valu|effective/i.test(a)) - Number(/valu|effective/i.test(b)))
  const date = dates[0] ?? ''
  const debit = byRole('debit')[0] ?? null
  const credit = byRole('credit')[0] ?? null
  const split = !!debit && !!credit
  const amount = split ? null : (byRole('amount')[0] ?? null)
  let marker = split ? null : (byRole('marker')[0] ?? null)
  if (!split && !marker) {
    const taken = new Set([date, amount, ...byRole('balance'), ...byRole('description'), ...byRole('reference')])
    const sample = table.rows.slice(0, 50)
    marker =
      table.columns.find((c) => {
        if (taken.has(c)) return false
        const values = sample.map((r) => cellOf(table, r.cells, c)).filter(Boolean)
        return (
          values.length > 0 &&
          values.filter((v) => readMarker(v) !== null).length >= values.length * 0.9 &&
          values.some((v) => /[a-z]/i.test(v))
        )
      }) ?? null
  }
  const descriptions = byRole('description')
  const description = descriptions[0] ?? ''
  // A second description column (Mandiri repeats "Description") carries what the payer wrote,
  // which is what reconciliation looks for; a bank's own journal number is the fallback.
  const reference = descriptions[1] ?? byRole('reference')[0] ?? null
  return {
    delimiter: table.delimiter,
    dateFormat: guessDateFormat(table.rows.slice(0, 200).map((r) => cellOf(table, r.cells, date))),
    date,
    description,
    reference,
    amount,
    marker,
    debit: split ? debit : null,
    credit: split ? credit : null,
  }
}

/** What is wrong with a mapping for this table, per mapping field (i18n keys). */
export function mappingProblems(
  m: StatementMapping,
  columns: string[],
): Partial<Record<keyof StatementMapping, string>> {
  const problems: Partial<Record<keyof StatementMapping, string>> = {}
  const check = (field: keyof StatementMapping, value: string | null, required: boolean) => {
    if (!value) {
      if (required) problems[field] = 'pnbp.chooseColumn'
    } else if (!columns.includes(value)) problems[field] = 'pnbp.columnMissing'
  }
  check('date', m.date, true)
  check('description', m.description, true)
  check('reference', m.reference, false)
  if (m.debit || m.credit) {
    check('debit', m.debit, true)
    check('credit', m.credit, true)
    if (m.amount) problems.amount = 'pnbp.amountOrDebitCredit'
    if (m.marker) problems.marker = 'pnbp.markerWithAmount'
  } else {
    check('amount', m.amount, true)
    check('marker', m.marker, false)
  }
  const used = new Map<string, keyof StatementMapping>()
  for (const field of ['date', 'description', 'reference', 'amount', 'marker', 'debit', 'credit'] as const) {
    const v = m[field]
    if (!v) continue
    if (used.has(v) && !problems[field]) problems[field] = 'pnbp.columnTwice'
    used.set(v, field)
  }
  return problems
}

/** The mapping fits a file when every column it names is a column of the file's table. */
export function mappingFits(m: StatementMapping, columns: string[]): boolean {
  return Object.keys(mappingProblems(m, columns)).length === 0
}

export function mappingColumns(m: StatementMapping): string[] {
  return [m.date, m.description, m.reference, m.amount, m.marker, m.debit, m.credit].filter((c): c is string => !!c)
}

// ---------------------------------------------------------------------------------------------
// Lines

// Balances and totals above, inside or below the table are not transactions.
const SUMMARY_LABEL =
  /^(saldo|total|jumlah|mutasi|opening|closing|beginning|ending|balance|sub ?total|grand ?total|ringkasan|summary|dicetak|printed|halaman|page|catatan|note|akhir laporan|end of)/i
const BALANCE_LINE =
  /^(saldo\s+(awal|akhir)|opening\s+balance|closing\s+balance|beginning\s+balance|ending\s+balance)\b/i

const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s)

/**
 * Every row after the header as a line or as errors (row, column, reason). Blank rows, a
 * repeated header, balances and totals are passed over and listed in `ignored`.
 */
export function readLines(
  table: StatementTable,
  m: StatementMapping,
): { lines: ParsedLine[]; errors: LineError[]; ignored: number[] } {
  const lines: ParsedLine[] = []
  const errors: LineError[] = []
  const ignored: number[] = []
  const headerKey = table.columns.join('\u0001')
  for (const { row, cells } of table.rows) {
    const get = (c: string | null) => cellOf(table, cells, c)
    const filled = cells.filter(Boolean)
    const dateText = get(m.date)
    const description = get(m.description).replace(/\s+/g, ' ').slice(0, 500)
    const dated = /^\d/.test(dateText)
    if (
      filled.length === 0 ||
      (cells[0] === table.columns[0] && columnLabels(cells).join('\u0001') === headerKey) ||
      BALANCE_LINE.test(description) ||
      (!dated && SUMMARY_LABEL.test(filled[0]!)) ||
      (!dated && filled.length < 2)
    ) {
      ignored.push(row)
      continue
    }
    const problems: LineError[] = []
    const bad = (column: string, code: string, value: string) =>
      problems.push({ row, column, code, value: shorten(value) })
    const date = readDate(dateText, m.dateFormat, table.meta.period)
    if (!date.ok) bad(m.date, date.code, dateText)
    let amount: number | null = null
    if (m.debit && m.credit) {
      const side = (column: string) => {
        const r = readAmount(get(column))
        if (r.ok) return Math.abs(r.value)
        if (r.code === 'pnbp.amountMissing') return 0
        bad(column, r.code, get(column))
        return null
      }
      const out = side(m.debit)
      const into = side(m.credit)
      if (out !== null && into !== null) {
        if (out && into) bad(`${m.debit} / ${m.credit}`, 'pnbp.debitAndCredit', `${get(m.debit)} / ${get(m.credit)}`)
        else if (!out && !into) bad(`${m.debit} / ${m.credit}`, 'pnbp.amountMissing', '')
        else amount = into || -out
      }
    } else if (m.amount) {
      const r = readAmount(get(m.amount))
      if (!r.ok) bad(m.amount, r.code, get(m.amount))
      else if (r.value === 0) bad(m.amount, 'pnbp.amountZero', get(m.amount))
      else if (m.marker) {
        const mark = readMarker(get(m.marker))
        if (mark === null) bad(m.marker, 'pnbp.badMarker', get(m.marker))
        else if (r.signed && Math.sign(r.value) !== mark)
          bad(m.marker, 'pnbp.markerConflict', `${get(m.amount)} ${get(m.marker)}`)
        else amount = Math.abs(r.value) * mark
      } else amount = r.value
    }
    if (problems.length || !date.ok || amount === null) {
      errors.push(...problems)
      continue
    }
    lines.push({
      row,
      date: date.value,
      amount,
      description,
      reference: m.reference ? get(m.reference).slice(0, 100) || null : null,
    })
  }
  return { lines, errors, ignored }
}

/** `1–6, 14, 16–18`: rows as a person would list them. */
export function rowRanges(rows: number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b)
  const out: string[] = []
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++
    out.push(start === sorted[i] ? String(start) : `${start}–${sorted[i]}`)
  }
  return out.join(', ')
}
