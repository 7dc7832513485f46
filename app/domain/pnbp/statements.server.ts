import crypto from 'node:crypto'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import {
  type DateFormat,
  type Delimiter,
  type LineError,
  type ParsedLine,
  type Period,
  type StatementMapping,
  StatementError,
  guessMapping,
  mappingColumns,
  mappingFits,
  mappingProblems,
  normalizeText,
  readAmount,
  readDate,
  readLines,
  readTable,
} from './statement-parse.ts'

export { StatementError, type LineError, type StatementMapping } from './statement-parse.ts'

/** A date cell on its own (day first, no period): an ISO date or null. */
export function parseStatementDate(text: string): string | null {
  const r = readDate(text)
  return r.ok ? r.value : null
}

/** An amount cell on its own: whole rupiah other than zero, or null. */
export function parseStatementAmount(text: string): number | null {
  const r = readAmount(text)
  return r.ok && r.value !== 0 ? r.value : null
}

/** How an account is keyed: its digits when it has an account number, else the label as typed. */
export function accountKey(text: string): string {
  const label = text.trim().replace(/\s+/g, ' ')
  const digits = label.replace(/\D/g, '')
  return digits.length >= 6 ? digits : label.slice(0, 40)
}

const sameAccount = (a: string, b: string) => a.replace(/^0+/, '') === b.replace(/^0+/, '')

/** The receiving account registered for the UPT (payments settings), if any. */
export async function registeredAccount(db: DB, uptId: string) {
  return (
    (await db
      .selectFrom('upt_bank_accounts')
      .select(['bank_name', 'account_number'])
      .where('upt_id', '=', uptId)
      .executeTakeFirst()) ?? null
  )
}

/** What the account field starts with: the registered account, else the last one imported into. */
export async function defaultAccount(db: DB, uptId: string): Promise<string> {
  const registered = await registeredAccount(db, uptId)
  if (registered) return accountKey(registered.account_number)
  const last = await db
    .selectFrom('bank_statement_mappings')
    .select('account')
    .where('upt_id', '=', uptId)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst()
  return last?.account ?? ''
}

export async function getMapping(db: DB, uptId: string, account: string): Promise<StatementMapping | null> {
  const r = await db
    .selectFrom('bank_statement_mappings')
    .selectAll()
    .where('upt_id', '=', uptId)
    .where('account', '=', accountKey(account))
    .executeTakeFirst()
  if (!r) return null
  return {
    delimiter: r.delimiter as Delimiter,
    dateFormat: r.date_format as DateFormat,
    date: r.date_column,
    description: r.description_column,
    reference: r.reference_column,
    amount: r.amount_column,
    marker: r.marker_column,
    debit: r.debit_column,
    credit: r.credit_column,
  }
}

export async function saveMapping(
  db: DB,
  uptId: string,
  account: string,
  m: StatementMapping,
  actorUserId: string | null,
) {
  const values = {
    delimiter: m.delimiter,
    date_format: m.dateFormat,
    date_column: m.date,
    description_column: m.description,
    reference_column: m.reference,
    amount_column: m.debit && m.credit ? null : m.amount,
    marker_column: m.debit && m.credit ? null : m.marker,
    debit_column: m.debit && m.credit ? m.debit : null,
    credit_column: m.debit && m.credit ? m.credit : null,
    updated_at: nowIso(),
    updated_by: actorUserId,
  }
  await db
    .insertInto('bank_statement_mappings')
    .values({ id: newId(), upt_id: uptId, account: accountKey(account), ...values })
    .onConflict((oc) => oc.columns(['upt_id', 'account']).doUpdateSet(values))
    .execute()
}

export type LineStatus = 'new' | 'duplicate' | 'similar'
export interface PreviewLine extends ParsedLine {
  hash: string
  /** `duplicate`: this very line was imported before (skipped); `similar`: a line with the same
   * date and amount was, so it may be the same transfer in another bank's wording (imported). */
  status: LineStatus
}

export interface StatementPreview {
  account: string
  accountInFile: string | null
  period: Period | null
  delimiter: Delimiter
  headerRow: number
  columns: string[]
  mapping: StatementMapping
  /** `saved`: this account's saved mapping; `guessed`: first import, proposed from the header. */
  mappingSource: 'saved' | 'guessed' | 'given'
  mappingProblems: Partial<Record<keyof StatementMapping, string>>
  lines: PreviewLine[]
  errors: LineError[]
  ignored: number[]
}

/** Changes whenever the file, account or mapping does: the preview form's identity. */
export function previewKey(p: StatementPreview, text: string): string {
  return crypto
    .createHash('sha256')
    .update(`${p.account}\u0000${JSON.stringify(p.mapping)}\u0000${text}`)
    .digest('hex')
    .slice(0, 16)
}

export interface PreviewInput {
  uptId: string
  /** Account number or label the statement belongs to; empty: the one named in the file. */
  account: string
  text: string
  /** A mapping the person chose; null: this account's saved mapping, or a guess. */
  mapping: StatementMapping | null
}

/**
 * Identical lines inside one file get an occurrence number in their hash, so two equal
 * transfers on one day stay two lines, while the same export imported twice adds nothing.
 */
function hashLines(uptId: string, lines: ParsedLine[]) {
  const seen = new Map<string, number>()
  return lines.map((l) => {
    const key = [uptId, l.date, l.amount, l.description, l.reference ?? ''].join('|')
    const n = (seen.get(key) ?? 0) + 1
    seen.set(key, n)
    return { ...l, hash: crypto.createHash('sha256').update(`${key}|${n}`).digest('hex') }
  })
}

async function lineStatuses(db: DB, uptId: string, lines: (ParsedLine & { hash: string })[]): Promise<PreviewLine[]> {
  if (!lines.length) return []
  const known = new Set<string>()
  const hashes = lines.map((l) => l.hash)
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('bank_statement_lines')
      .select('line_hash')
      .where('upt_id', '=', uptId)
      .where('line_hash', 'in', hashes.slice(i, i + 500))
      .execute()
    for (const r of rows) known.add(r.line_hash)
  }
  const dates = lines.map((l) => l.date).sort()
  const existing = await db
    .selectFrom('bank_statement_lines')
    .select(['date', 'amount', (eb) => eb.fn.countAll<number>().as('n')])
    .where('upt_id', '=', uptId)
    .where('date', '>=', dates[0]!)
    .where('date', '<=', dates[dates.length - 1]!)
    .groupBy(['date', 'amount'])
    .execute()
  const same = new Map(existing.map((r) => [`${r.date}|${r.amount}`, Number(r.n)]))
  for (const l of lines)
    if (known.has(l.hash)) same.set(`${l.date}|${l.amount}`, (same.get(`${l.date}|${l.amount}`) ?? 0) - 1)
  return lines.map((l) => ({
    ...l,
    status: known.has(l.hash) ? 'duplicate' : (same.get(`${l.date}|${l.amount}`) ?? 0) > 0 ? 'similar' : 'new',
  }))
}

/**
 * Preview: reads the file, finds its table, takes the account's saved mapping (or proposes one
 * on a first import), and says per line what an import would do. Writes nothing. Only a file
 * that has no table, or belongs to another account, is refused as a whole.
 */
export async function previewStatement(db: DB, input: PreviewInput): Promise<StatementPreview> {
  const text = normalizeText(input.text)
  let account = accountKey(input.account)
  const saved = !input.mapping && account ? await getMapping(db, input.uptId, account) : null
  const hint = input.mapping ?? saved
  const table = readTable(text, hint ? { delimiter: hint.delimiter, expect: mappingColumns(hint) } : {})
  const inFile = table.meta.accountNumber
  if (!account && inFile) account = inFile
  if (!account) throw new DomainError('pnbp.accountRequired', 'account')
  if (inFile && /^\d+$/.test(account) && !sameAccount(inFile, account))
    throw new StatementError('pnbp.accountMismatch', { file: inFile, account })
  const savedForFile = saved ?? (input.mapping ? null : await getMapping(db, input.uptId, account))
  let mapping: StatementMapping
  let mappingSource: StatementPreview['mappingSource']
  if (input.mapping) {
    mapping = { ...input.mapping, delimiter: table.delimiter }
    mappingSource = 'given'
  } else if (savedForFile && mappingFits(savedForFile, table.columns)) {
    mapping = { ...savedForFile, delimiter: table.delimiter }
    mappingSource = 'saved'
  } else {
    mapping = guessMapping(table)
    mappingSource = 'guessed'
  }
  const problems = mappingProblems(mapping, table.columns)
  const base = {
    account,
    accountInFile: inFile,
    period: table.meta.period,
    delimiter: table.delimiter,
    headerRow: table.headerRow,
    columns: table.columns,
    mapping,
    mappingSource,
    mappingProblems: problems,
  }
  if (Object.keys(problems).length) return { ...base, lines: [], errors: [], ignored: [] }
  const { lines, errors, ignored } = readLines(table, mapping)
  return { ...base, lines: await lineStatuses(db, input.uptId, hashLines(input.uptId, lines)), errors, ignored }
}

export interface ImportInput extends PreviewInput {
  fileName: string
  actorUserId: string | null
  ip?: string | null
}

/**
 * Imports what the preview showed, in one transaction (or the caller's): the good lines not
 * imported before; bad lines and duplicates are skipped and counted. Saves the mapping for the
 * account. Refused when the mapping is incomplete or no line at all could be read.
 */
export async function importStatement(db: DB, input: ImportInput) {
  return inTransaction(db, async (trx) => {
    const preview = await previewStatement(trx, input)
    if (Object.keys(preview.mappingProblems).length) throw new DomainError('pnbp.mappingIncomplete')
    if (!preview.lines.length) throw new StatementError('pnbp.statementNoGoodLines')
    const fresh = preview.lines.filter((l) => l.status !== 'duplicate')
    const duplicates = preview.lines.length - fresh.length
    const rejectedRows = [...new Set(preview.errors.map((e) => e.row))]
    const id = newId()
    const now = nowIso()
    await trx
      .insertInto('bank_statement_imports')
      .values({
        id,
        upt_id: input.uptId,
        bank: preview.account,
        file_name: input.fileName.slice(0, 200),
        imported: fresh.length,
        skipped: duplicates,
        rejected: rejectedRows.length,
        created_at: now,
        created_by: input.actorUserId,
      })
      .execute()
    for (let i = 0; i < fresh.length; i += 500) {
      await trx
        .insertInto('bank_statement_lines')
        .values(
          fresh.slice(i, i + 500).map((l) => ({
            id: newId(),
            import_id: id,
            upt_id: input.uptId,
            line_hash: l.hash,
            date: l.date,
            amount: l.amount,
            description: l.description,
            reference: l.reference,
            created_at: now,
          })),
        )
        .execute()
    }
    await saveMapping(trx, input.uptId, preview.account, preview.mapping, input.actorUserId)
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'pnbp.statement.import',
      targetType: 'bank_statement_import',
      targetId: id,
      ip: input.ip,
      details: {
        account: preview.account,
        imported: fresh.length,
        skipped: duplicates,
        rejected: rejectedRows.length,
        rejectedRows: rejectedRows.slice(0, 50),
      },
    })
    return { importId: id, imported: fresh.length, skipped: duplicates, rejected: rejectedRows.length }
  })
}
