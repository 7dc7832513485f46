import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import type { z } from 'zod'
import { DomainError } from '#app/domain/errors.ts'
import { autoReconcile, matchManually, unmatch } from '#app/domain/pnbp/reconcile.ts'
import {
  type Delimiter,
  type LineError,
  type Period,
  type StatementMapping,
  decodeStatement,
  rowRanges,
} from '#app/domain/pnbp/statement-parse.ts'
import {
  StatementError,
  type StatementPreview,
  importStatement,
  previewKey,
  previewStatement,
} from '#app/domain/pnbp/statements.server.ts'
import {
  MAX_STATEMENT_BYTES,
  type MatchLineSchema,
  StatementActionSchema,
  type StatementUploadSchema,
  type UnmatchLineSchema,
} from '#app/domain/pnbp/schemas.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { replyWithDomainError } from '#app/web/forms.server.ts'
import { getT } from '#app/web/i18n.server.ts'
import { clientIp } from '#app/web/request.server.ts'

/**
 * The intents of the bank statements page (/finance/upt/<id>/statements), one handler each; the
 * route guards, parses and dispatches. Every answer is `{ result, preview }`: a redirect with a
 * flash message once something is written, the preview (200) or the form's errors (400).
 */

const DEFAULT_FILE_NAME = 'rekening-koran.csv'
/** The preview shows this many lines and problems; the counts and the import cover all. */
const PREVIEW_LINES = 200
const PREVIEW_PROBLEMS = 100
const DELIMITER_OF = { comma: ',', semicolon: ';', tab: '\t' } as const satisfies Record<string, Delimiter>
const DELIMITER_NAME = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const

export type MappingValues = {
  delimiter: keyof typeof DELIMITER_OF
  dateFormat: StatementMapping['dateFormat']
  dateColumn: string
  descriptionColumn: string
  referenceColumn: string
  amountColumn: string
  markerColumn: string
  debitColumn: string
  creditColumn: string
}
export type PreviewView = {
  key: string
  csv: string
  fileName: string
  account: string
  accountInFile: string | null
  period: Period | null
  headerRow: number
  ignored: string
  columns: string[]
  mapping: MappingValues
  mappingSource: StatementPreview['mappingSource']
  mappingProblems: Partial<Record<keyof MappingValues, string>>
  counts: { fresh: number; duplicate: number; similar: number; bad: number }
  lines: {
    row: number
    date: string
    amount: number
    description: string
    reference: string | null
    status: 'new' | 'duplicate' | 'similar'
  }[]
  moreLines: number
  problems: LineError[]
  moreProblems: number
}

const FIELD_OF = {
  date: 'dateColumn',
  description: 'descriptionColumn',
  reference: 'referenceColumn',
  amount: 'amountColumn',
  marker: 'markerColumn',
  debit: 'debitColumn',
  credit: 'creditColumn',
  delimiter: 'delimiter',
  dateFormat: 'dateFormat',
} as const

function mappingFrom(v: z.infer<typeof StatementUploadSchema>): StatementMapping | null {
  if (!v.delimiter && !v.dateColumn) return null
  return {
    // only where to look first: the table is found with whichever delimiter has it
    delimiter: DELIMITER_OF[v.delimiter ?? 'comma'],
    dateFormat: v.dateFormat ?? 'dmy',
    date: v.dateColumn ?? '',
    description: v.descriptionColumn ?? '',
    reference: v.referenceColumn || null,
    amount: v.amountColumn || null,
    marker: v.markerColumn || null,
    debit: v.debitColumn || null,
    credit: v.creditColumn || null,
  }
}

function previewView(p: StatementPreview, csv: string, fileName: string): PreviewView {
  const m = p.mapping
  const mapping: MappingValues = {
    delimiter: DELIMITER_NAME[m.delimiter],
    dateFormat: m.dateFormat,
    dateColumn: m.date,
    descriptionColumn: m.description,
    referenceColumn: m.reference ?? '',
    amountColumn: m.amount ?? '',
    markerColumn: m.marker ?? '',
    debitColumn: m.debit ?? '',
    creditColumn: m.credit ?? '',
  }
  const problems = Object.fromEntries(
    Object.entries(p.mappingProblems).map(([k, code]) => [FIELD_OF[k as keyof typeof FIELD_OF], code]),
  )
  const count = (s: string) => p.lines.filter((l) => l.status === s).length
  return {
    key: previewKey(p, csv),
    csv,
    fileName,
    account: p.account,
    accountInFile: p.accountInFile,
    period: p.period,
    headerRow: p.headerRow,
    ignored: rowRanges(p.ignored),
    columns: p.columns,
    mapping,
    mappingSource: p.mappingSource,
    mappingProblems: problems,
    counts: {
      fresh: p.lines.length - count('duplicate'),
      duplicate: count('duplicate'),
      similar: count('similar'),
      bad: new Set(p.errors.map((e) => e.row)).size,
    },
    lines: p.lines.slice(0, PREVIEW_LINES).map(({ row, date, amount, description, reference, status }) => ({
      row,
      date,
      amount,
      description,
      reference,
      status,
    })),
    moreLines: Math.max(0, p.lines.length - PREVIEW_LINES),
    problems: p.errors.slice(0, PREVIEW_PROBLEMS),
    moreProblems: Math.max(0, p.errors.length - PREVIEW_PROBLEMS),
  }
}

export function parseStatementForm(formData: FormData) {
  return parseWithZod(formData, { schema: StatementActionSchema })
}
type StatementSubmission = ReturnType<typeof parseStatementForm>

/** The page's one answer shape: the form's result and, after a preview, what the file holds. */
export function statementReply(
  result: ReturnType<StatementSubmission['reply']>,
  preview: PreviewView | null = null,
  status = 400,
) {
  return data({ result, preview }, { status })
}

/** What every intent acts on: the UPT of the URL, who acts, and the parsed form. */
export interface StatementIntent {
  request: Request
  uptId: string
  actor: string
  submission: StatementSubmission
}

/** Runs an intent; a refusal of the domain becomes the form's errors (400), the file's own next to the file field. */
async function answering(intent: StatementIntent, work: () => Promise<ReturnType<typeof statementReply>>) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof Response) throw error
    // A file refused as a whole: the message (with its numbers) next to the file field.
    if (error instanceof StatementError)
      return statementReply(
        intent.submission.reply({ fieldErrors: { file: [getT(intent.request)(error.code, error.params)] } }),
      )
    if (error instanceof DomainError) return statementReply(replyWithDomainError(intent.submission, error).data)
    throw error
  }
}

const back = (uptId: string, flash: string) =>
  redirect(`/finance/upt/${uptId}/statements`, { headers: { 'Set-Cookie': flash } })

/** Runs the automatic matching ladder over the unmatched lines. */
export function autoMatch(intent: StatementIntent) {
  return answering(intent, async () => {
    const { matched } = await autoReconcile(getDb(), intent.uptId, intent.actor)
    throw back(intent.uptId, flashCookie('statement.autoMatched', { matched }))
  })
}

/** Matches one line to ledger movements by hand. */
export function matchLine(intent: StatementIntent, v: z.infer<typeof MatchLineSchema>) {
  return answering(intent, async () => {
    await matchManually(getDb(), {
      uptId: intent.uptId,
      lineId: v.lineId,
      references: v.references,
      comment: v.comment,
      actorUserId: intent.actor,
    })
    throw back(intent.uptId, flashCookie('statement.matchedDone'))
  })
}

/** Undoes a line's matches. */
export function unmatchLine(intent: StatementIntent, v: z.infer<typeof UnmatchLineSchema>) {
  return answering(intent, async () => {
    await unmatch(getDb(), {
      uptId: intent.uptId,
      lineId: v.lineId,
      comment: v.comment ?? '',
      actorUserId: intent.actor,
    })
    throw back(intent.uptId, flashCookie('statement.unmatchedDone'))
  })
}

/**
 * Previews an uploaded statement (writes nothing) or imports what the preview showed. The first
 * preview reads the uploaded bytes; later ones, and the import, the decoded text it sent back.
 */
export function previewOrImport(intent: StatementIntent, v: z.infer<typeof StatementUploadSchema>, formData: FormData) {
  const { submission, uptId } = intent
  return answering(intent, async () => {
    const file = formData.get('file')
    let text = v.csv ?? ''
    let fileName = v.fileName || DEFAULT_FILE_NAME
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_STATEMENT_BYTES)
        return statementReply(submission.reply({ fieldErrors: { file: ['field.tooLong'] } }))
      text = decodeStatement(new Uint8Array(await file.arrayBuffer()))
      fileName = file.name || DEFAULT_FILE_NAME
    }
    if (!text.trim()) return statementReply(submission.reply({ fieldErrors: { file: ['field.required'] } }))
    const input = { uptId, account: v.account ?? v.bank ?? '', text, mapping: mappingFrom(v) }
    const db = getDb()
    const preview = await previewStatement(db, input)
    const view = previewView(preview, text, fileName)
    const mappingErrors = Object.fromEntries(Object.entries(view.mappingProblems).map(([k, code]) => [k, [code]]))
    if (v.intent === 'preview') return statementReply(submission.reply({ fieldErrors: mappingErrors }), view, 200)
    if (Object.keys(mappingErrors).length)
      return statementReply(
        submission.reply({ formErrors: ['pnbp.mappingIncomplete'], fieldErrors: mappingErrors }),
        view,
      )
    if (!preview.lines.length)
      return statementReply(submission.reply({ formErrors: ['pnbp.statementNoGoodLines'] }), view)
    const result = await importStatement(db, {
      ...input,
      fileName,
      actorUserId: intent.actor,
      ip: clientIp(intent.request),
    })
    throw back(
      uptId,
      flashCookie('statements.imported', {
        imported: result.imported,
        skipped: result.skipped,
        rejected: result.rejected,
      }),
    )
  })
}
