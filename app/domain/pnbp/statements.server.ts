import crypto from 'node:crypto'
import { parse } from 'csv-parse/sync'
import type { DB } from '#db/client.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/identity/audit.ts'
import { newId } from '#app/utils/ids.ts'
import { nowIso } from '#app/utils/time.ts'

export interface ColumnMapping {
  date: string
  amount: string
  description: string
  reference: string | null
}

export interface StatementLine {
  row: number
  date: string
  amount: number
  description: string
  reference: string | null
  hash: string
}

export interface LineError {
  row: number
  column: string
  code: string
}

export class StatementError extends DomainError {
  constructor(readonly lineErrors: LineError[], code = 'pnbp.statementInvalid') {
    super(code, 'file')
  }
}

/** `2026-11-05`, `05/11/2026` or `05-11-2026` to an ISO date; null when it is not a real date. */
export function parseStatementDate(text: string): string | null {
  const s = text.trim()
  let y: number, m: number, d: number
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  else if ((match = /^(\d{2})[/-](\d{2})[/-](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])]
  else return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** Whole rupiah from `1.500.000`, `1,500,000.00`, `Rp 1.500.000,00`, `-250000`; null otherwise. */
export function parseStatementAmount(text: string): number | null {
  let s = text.trim().replace(/^rp\.?\s*/i, '').replace(/\s/g, '')
  let sign = 1
  if (s.startsWith('-')) {
    sign = -1
    s = s.slice(1)
  }
  let whole: string
  let m: RegExpExecArray | null
  if ((m = /^(\d+)$/.exec(s))) whole = m[1]!
  else if ((m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{2}))?$/.exec(s)) && (!m[2] || m[2] === '00')) whole = m[1]!.replace(/\./g, '')
  else if ((m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{2}))?$/.exec(s)) && (!m[2] || m[2] === '00')) whole = m[1]!.replace(/,/g, '')
  else if ((m = /^(\d+)[.,]00$/.exec(s))) whole = m[1]!
  else return null
  const n = Number(whole)
  return Number.isSafeInteger(n) && n > 0 ? sign * n : null
}

/**
 * Reads a bank statement CSV with a column mapping. Every bad row is reported with its row
 * number and column; a file with any error imports nothing. Identical lines inside one file
 * get an occurrence number in their hash so two equal transfers on one day stay two lines.
 */
export function parseStatement(uptId: string, text: string, mapping: ColumnMapping): { lines: StatementLine[]; errors: LineError[]; columns: string[] } {
  let records: Record<string, string>[]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: false })
  } catch {
    throw new StatementError([], 'pnbp.statementUnreadable')
  }
  const columns = records.length ? Object.keys(records[0]!) : []
  const needed = [mapping.date, mapping.amount, mapping.description, ...(mapping.reference ? [mapping.reference] : [])]
  const missing = needed.filter((c) => !columns.includes(c))
  if (records.length === 0) throw new StatementError([], 'pnbp.statementEmpty')
  if (missing.length) throw new StatementError(missing.map((c) => ({ row: 1, column: c, code: 'pnbp.columnMissing' })))
  const errors: LineError[] = []
  const lines: StatementLine[] = []
  const seen = new Map<string, number>()
  records.forEach((r, i) => {
    const row = i + 2 // header is row 1
    const date = parseStatementDate(r[mapping.date] ?? '')
    const amount = parseStatementAmount(r[mapping.amount] ?? '')
    if (!date) errors.push({ row, column: mapping.date, code: 'pnbp.badDate' })
    if (amount === null) errors.push({ row, column: mapping.amount, code: 'pnbp.badAmount' })
    if (!date || amount === null) return
    const description = (r[mapping.description] ?? '').slice(0, 500)
    const reference = mapping.reference ? (r[mapping.reference] ?? '').slice(0, 100) || null : null
    const key = [uptId, date, amount, description, reference ?? ''].join('|')
    const n = (seen.get(key) ?? 0) + 1
    seen.set(key, n)
    lines.push({ row, date, amount, description, reference, hash: crypto.createHash('sha256').update(`${key}|${n}`).digest('hex') })
  })
  return { lines, errors, columns }
}

export interface ImportInput {
  uptId: string
  bank: string
  fileName: string
  text: string
  mapping: ColumnMapping
  actorUserId: string | null
  ip?: string | null
}

/** Which lines of a parsed file are already imported (same hash for this UPT). */
async function knownHashes(db: DB, uptId: string, hashes: string[]) {
  const known = new Set<string>()
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db.selectFrom('bank_statement_lines').select('line_hash').where('upt_id', '=', uptId).where('line_hash', 'in', hashes.slice(i, i + 500)).execute()
    for (const r of rows) known.add(r.line_hash)
  }
  return known
}

/** Preview: what an import would add and skip, without writing anything. */
export async function previewStatement(db: DB, input: Omit<ImportInput, 'actorUserId'>) {
  const parsed = parseStatement(input.uptId, input.text, input.mapping)
  if (parsed.errors.length) throw new StatementError(parsed.errors)
  const known = await knownHashes(db, input.uptId, parsed.lines.map((l) => l.hash))
  return { lines: parsed.lines.map((l) => ({ ...l, duplicate: known.has(l.hash) })) }
}

/** Imports a statement in one transaction (call inside one): all lines or none. */
export async function importStatement(trx: DB, input: ImportInput) {
  const { lines } = await previewStatement(trx, input)
  const fresh = lines.filter((l) => !l.duplicate)
  const id = newId()
  const now = nowIso()
  await trx.insertInto('bank_statement_imports').values({ id, upt_id: input.uptId, bank: input.bank, file_name: input.fileName.slice(0, 200), imported: fresh.length, skipped: lines.length - fresh.length, created_at: now, created_by: input.actorUserId }).execute()
  for (const l of fresh) {
    await trx.insertInto('bank_statement_lines').values({ id: newId(), import_id: id, upt_id: input.uptId, line_hash: l.hash, date: l.date, amount: l.amount, description: l.description, reference: l.reference, created_at: now }).execute()
  }
  await saveMapping(trx, input.uptId, input.bank, input.mapping)
  await audit(trx, { actorUserId: input.actorUserId, action: 'pnbp.statement.import', targetType: 'bank_statement_import', targetId: id, ip: input.ip, details: { bank: input.bank, imported: fresh.length, skipped: lines.length - fresh.length } })
  return { importId: id, imported: fresh.length, skipped: lines.length - fresh.length }
}

export async function saveMapping(db: DB, uptId: string, bank: string, m: ColumnMapping) {
  const now = nowIso()
  await db
    .insertInto('bank_column_mappings')
    .values({ id: newId(), upt_id: uptId, bank, date_column: m.date, amount_column: m.amount, description_column: m.description, reference_column: m.reference, updated_at: now })
    .onConflict((oc) => oc.columns(['upt_id', 'bank']).doUpdateSet({ date_column: m.date, amount_column: m.amount, description_column: m.description, reference_column: m.reference, updated_at: now }))
    .execute()
}

export async function getMapping(db: DB, uptId: string, bank: string): Promise<ColumnMapping | null> {
  const r = await db.selectFrom('bank_column_mappings').selectAll().where('upt_id', '=', uptId).where('bank', '=', bank).executeTakeFirst()
  return r ? { date: r.date_column, amount: r.amount_column, description: r.description_column, reference: r.reference_column } : null
}
