import { z } from 'zod'

/** The largest statement file the page takes (and the decoded text it sends back with a preview). */
export const MAX_STATEMENT_BYTES = 2 * 1024 * 1024

const column = z.string().trim().max(120, { error: 'field.tooLong' }).optional()

/** Upload a bank statement: a preview (writes nothing) or the import of what the preview showed. */
export const StatementUploadSchema = z.object({
  intent: z.enum(['preview', 'import']),
  account: z.string().trim().max(40, { error: 'field.tooLong' }).optional(),
  /** The account's label in the form before issue 11 (a bank name); `account` wins. */
  bank: z.string().trim().max(40, { error: 'field.tooLong' }).optional(),
  file: z.any().optional(),
  // After the first preview the decoded file travels in the form, with its name.
  csv: z.string().max(MAX_STATEMENT_BYTES, { error: 'field.tooLong' }).optional(),
  fileName: z.string().trim().max(200).optional(),
  // The column mapping; absent on the first preview (the saved one or a guess is used).
  // Column names without a delimiter (the form before issue 11) are a mapping too.
  delimiter: z.enum(['comma', 'semicolon', 'tab']).optional(),
  dateFormat: z.enum(['dmy', 'mdy', 'ymd']).optional(),
  dateColumn: column,
  descriptionColumn: column,
  referenceColumn: column,
  amountColumn: column,
  markerColumn: column,
  debitColumn: column,
  creditColumn: column,
})
export const AutoMatchSchema = z.object({ intent: z.literal('auto') })
/** Match one statement line to ledger movements by hand, with a comment. */
export const MatchLineSchema = z.object({
  intent: z.literal('match'),
  lineId: z.string().min(1).max(64),
  references: z
    .array(z.string().min(1).max(120), { error: 'pnbp.targetUnavailable' })
    .min(1, { error: 'pnbp.targetUnavailable' }),
  comment: z
    .string({ error: 'pnbp.commentRequired' })
    .trim()
    .min(1, { error: 'pnbp.commentRequired' })
    .max(500, { error: 'field.tooLong' }),
})
export const UnmatchLineSchema = z.object({
  intent: z.literal('unmatch'),
  lineId: z.string().min(1).max(64),
  comment: z.string().trim().max(500).optional(),
})
/** Every form of the statements page, told apart by `intent`. */
export const StatementActionSchema = z.discriminatedUnion('intent', [
  StatementUploadSchema,
  AutoMatchSchema,
  MatchLineSchema,
  UnmatchLineSchema,
])
