import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { EmptyState, Money, Pagination } from '#app/components/ui/misc.tsx'
import { DomainError } from '#app/domain/errors.ts'
import { autoReconcile, matchManually, reconciliationState, statementLine, statementLinesPage, unmatch } from '#app/domain/pnbp/reconcile.ts'
import { type Delimiter, type LineError, type Period, type StatementMapping, decodeStatement, rowRanges } from '#app/domain/pnbp/statement-parse.ts'
import { StatementError, type StatementPreview, defaultAccount, importStatement, previewKey, previewStatement, registeredAccount } from '#app/domain/pnbp/statements.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptFinance } from '#app/web/guards.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { getT } from '#app/web/i18n.server.ts'
import { useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'
import { clientIp } from '#app/web/request.server.ts'

const MAX_FILE_BYTES = 2 * 1024 * 1024
const DEFAULT_FILE_NAME = 'rekening-koran.csv'
/** The preview shows this many lines and problems; the counts and the import cover all. */
const PREVIEW_LINES = 200
const PREVIEW_PROBLEMS = 100
const DELIMITER_OF = { comma: ',', semicolon: ';', tab: '\t' } as const satisfies Record<string, Delimiter>
const DELIMITER_NAME = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const
const column = z.string().trim().max(120, { error: 'field.tooLong' }).optional()
const UploadSchema = z.object({
  intent: z.enum(['preview', 'import']),
  account: z.string().trim().max(40, { error: 'field.tooLong' }).optional(),
  /** The account's label in the form before issue 11 (a bank name); `account` wins. */
  bank: z.string().trim().max(40, { error: 'field.tooLong' }).optional(),
  file: z.any().optional(),
  // After the first preview the decoded file travels in the form, with its name.
  csv: z.string().max(MAX_FILE_BYTES, { error: 'field.tooLong' }).optional(),
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
const AutoSchema = z.object({ intent: z.literal('auto') })
const MatchSchema = z.object({
  intent: z.literal('match'),
  lineId: z.string().min(1).max(64),
  references: z.array(z.string().min(1).max(120), { error: 'pnbp.targetUnavailable' }).min(1, { error: 'pnbp.targetUnavailable' }),
  comment: z.string({ error: 'pnbp.commentRequired' }).trim().min(1, { error: 'pnbp.commentRequired' }).max(500, { error: 'field.tooLong' }),
})
const UnmatchSchema = z.object({ intent: z.literal('unmatch'), lineId: z.string().min(1).max(64), comment: z.string().trim().max(500).optional() })
const ActionSchema = z.discriminatedUnion('intent', [UploadSchema, AutoSchema, MatchSchema, UnmatchSchema])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const db = getDb()
  const url = new URL(request.url)
  const page = pageFrom(url)
  const matchId = url.searchParams.get('match')
  const unmatchId = url.searchParams.get('unmatch')
  const [list, account, registered, matching, unmatching] = await Promise.all([
    statementLinesPage(db, upt.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    defaultAccount(db, upt.id),
    registeredAccount(db, upt.id),
    matchId ? statementLine(db, upt.id, matchId) : null,
    unmatchId ? statementLine(db, upt.id, unmatchId) : null,
  ])
  const toMatch = matching && matching.matches.length === 0 ? matching : null
  return {
    upt: { id: upt.id, name: upt.name },
    account,
    registered: registered ? { bank: registered.bank_name, number: registered.account_number } : null,
    lines: list.lines,
    unmatchedCount: list.unmatched,
    // The ledger movements still open are only needed to match one line by hand.
    open: toMatch ? (await reconciliationState(db, upt.id)).open.slice(0, 200) : [],
    matching: toMatch,
    unmatching: unmatching && unmatching.matches.length > 0 ? unmatching : null,
    page,
    pages: pageCount(list.total),
  }
}

type MappingValues = {
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
type PreviewView = {
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
  lines: { row: number; date: string; amount: number; description: string; reference: string | null; status: 'new' | 'duplicate' | 'similar' }[]
  moreLines: number
  problems: LineError[]
  moreProblems: number
}

const FIELD_OF = { date: 'dateColumn', description: 'descriptionColumn', reference: 'referenceColumn', amount: 'amountColumn', marker: 'markerColumn', debit: 'debitColumn', credit: 'creditColumn', delimiter: 'delimiter', dateFormat: 'dateFormat' } as const

function mappingFrom(v: z.infer<typeof UploadSchema>): StatementMapping | null {
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
  const problems = Object.fromEntries(Object.entries(p.mappingProblems).map(([k, code]) => [FIELD_OF[k as keyof typeof FIELD_OF], code]))
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
    counts: { fresh: p.lines.length - count('duplicate'), duplicate: count('duplicate'), similar: count('similar'), bad: new Set(p.errors.map((e) => e.row)).size },
    lines: p.lines.slice(0, PREVIEW_LINES).map(({ row, date, amount, description, reference, status }) => ({ row, date, amount, description, reference, status })),
    moreLines: Math.max(0, p.lines.length - PREVIEW_LINES),
    problems: p.errors.slice(0, PREVIEW_PROBLEMS),
    moreProblems: Math.max(0, p.errors.length - PREVIEW_PROBLEMS),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptFinance(request, params.uptId)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: ActionSchema })
  const reply = (result: ReturnType<typeof submission.reply>, preview: PreviewView | null = null, status = 400) => data({ result, preview }, { status })
  if (submission.status !== 'success') return reply(submission.reply())
  const v = submission.value
  const db = getDb()
  const actor = session.user.id
  try {
    if (v.intent === 'auto') {
      const { matched } = await db.transaction().execute((trx) => autoReconcile(trx, upt.id, actor))
      throw redirect(`/finance/upt/${upt.id}/statements`, { headers: { 'Set-Cookie': flashCookie('statement.autoMatched', { matched }) } })
    }
    if (v.intent === 'match') {
      await db.transaction().execute((trx) => matchManually(trx, { uptId: upt.id, lineId: v.lineId, references: v.references, comment: v.comment, actorUserId: actor }))
      throw redirect(`/finance/upt/${upt.id}/statements`, { headers: { 'Set-Cookie': flashCookie('statement.matchedDone') } })
    }
    if (v.intent === 'unmatch') {
      await db.transaction().execute((trx) => unmatch(trx, { uptId: upt.id, lineId: v.lineId, comment: v.comment ?? '', actorUserId: actor }))
      throw redirect(`/finance/upt/${upt.id}/statements`, { headers: { 'Set-Cookie': flashCookie('statement.unmatchedDone') } })
    }
    // Import: the first preview reads the uploaded bytes; later ones the decoded text it sent back.
    const file = formData.get('file')
    let text = v.csv ?? ''
    let fileName = v.fileName || DEFAULT_FILE_NAME
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_FILE_BYTES) return reply(submission.reply({ fieldErrors: { file: ['field.tooLong'] } }))
      text = decodeStatement(new Uint8Array(await file.arrayBuffer()))
      fileName = file.name || DEFAULT_FILE_NAME
    }
    if (!text.trim()) return reply(submission.reply({ fieldErrors: { file: ['field.required'] } }))
    const input = { uptId: upt.id, account: v.account ?? v.bank ?? '', text, mapping: mappingFrom(v) }
    const preview = await previewStatement(db, input)
    const view = previewView(preview, text, fileName)
    const mappingErrors = Object.fromEntries(Object.entries(view.mappingProblems).map(([k, code]) => [k, [code]]))
    if (v.intent === 'preview') return reply(submission.reply({ fieldErrors: mappingErrors }), view, 200)
    if (Object.keys(mappingErrors).length) return reply(submission.reply({ formErrors: ['pnbp.mappingIncomplete'], fieldErrors: mappingErrors }), view)
    if (!preview.lines.length) return reply(submission.reply({ formErrors: ['pnbp.statementNoGoodLines'] }), view)
    const result = await db.transaction().execute((trx) => importStatement(trx, { ...input, fileName, actorUserId: actor, ip: clientIp(request) }))
    throw redirect(`/finance/upt/${upt.id}/statements`, { headers: { 'Set-Cookie': flashCookie('statements.imported', { imported: result.imported, skipped: result.skipped, rejected: result.rejected }) } })
  } catch (error) {
    if (error instanceof Response) throw error
    // A file refused as a whole: the message (with its numbers) next to the file field.
    if (error instanceof StatementError) return reply(submission.reply({ fieldErrors: { file: [getT(request)(error.code, error.params)] } }))
    if (error instanceof DomainError) {
      const r = replyWithDomainError(submission, error)
      return reply(r.data)
    }
    throw error
  }
}

export default function StatementsPage() {
  const t = useT()
  const { upt, account, registered, lines, unmatchedCount, open, matching, unmatching, page, pages } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const preview = actionData?.preview ?? null
  const [form, fields] = useForm<z.input<typeof UploadSchema>>({
    id: 'upload',
    lastResult: matching || preview ? undefined : actionData?.result,
    constraint: getZodConstraint(UploadSchema),
    defaultValue: { account },
  })
  const [matchForm, matchFields] = useForm<z.input<typeof MatchSchema>>({
    id: 'match',
    lastResult: matching ? actionData?.result : undefined,
    constraint: getZodConstraint(MatchSchema),
  })
  const sampleHref = `/finance/upt/${upt.id}/statements/sample.csv`
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/finance/upt/${upt.id}`}>{upt.name}</Link>
      </p>
      <h1>{t('statement.title')}</h1>

      {matching ? (
        <section className="card" aria-labelledby="match-title">
          <h2 id="match-title">{t('statement.manual')}</h2>
          <p>
            {formatDate(matching.date)} · <Money amount={matching.amount} /> · {matching.description}
          </p>
          <Form method="post" className="form" {...getFormProps(matchForm)}>
            <FormErrors errors={matchForm.errors} />
            <input type="hidden" name="intent" value="match" />
            <input type="hidden" name="lineId" value={matching.id} />
            <SelectField
              label={t('statement.target')}
              errors={matchFields.references.errors}
              errorId={matchFields.references.errorId}
              selectProps={{ ...getSelectProps(matchFields.references), multiple: true, size: Math.min(8, Math.max(2, open.length)) }}
              options={open.map((c) => ({ value: c.reference, label: `${c.day} · ${c.kind} · ${c.reference} · Rp ${c.amount}` }))}
            />
            <TextareaField label={t('statement.comment')} errors={matchFields.comment.errors} errorId={matchFields.comment.errorId} textareaProps={getTextareaProps(matchFields.comment)} />
            <div className="button-row">
              <button type="submit" className="button">
                {t('statement.manual')}
              </button>
              <Link to={`/finance/upt/${upt.id}/statements`}>{t('form.cancel')}</Link>
            </div>
          </Form>
        </section>
      ) : null}

      {unmatching ? (
        <ConfirmDialog id="unmatch-q" question={t('statement.unmatchConfirm')} fields={{ intent: 'unmatch', lineId: unmatching.id }} cancelTo={`/finance/upt/${upt.id}/statements`}>
          <p>
            {formatDate(unmatching.date)} · <Money amount={unmatching.amount} /> · {unmatching.description}
          </p>
        </ConfirmDialog>
      ) : null}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('statement.upload')}</h2>
        {preview ? (
          <ImportPreview key={preview.key} preview={preview} formErrors={actionData?.result.error?.[''] ?? null} uptId={upt.id} />
        ) : (
          <>
            <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
              <FormErrors errors={form.errors} />
              <Field
                label={t('statements.account')}
                hint={registered ? t('statements.accountHint', { bank: registered.bank, number: registered.number }) : t('statements.accountHintNone')}
                errors={fields.account.errors}
                errorId={fields.account.errorId}
                inputProps={{ ...getInputProps(fields.account, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
              />
              <Field
                label={t('statement.file')}
                errors={fields.file.errors}
                errorId={fields.file.errorId}
                inputProps={{ name: 'file', id: 'file', type: 'file', required: true, accept: '.csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values', 'aria-describedby': fields.file.errors?.length ? fields.file.errorId : undefined }}
              />
              <div className="button-row">
                <button type="submit" name="intent" value="preview" className="button">
                  {t('statement.preview')}
                </button>
              </div>
            </Form>
            <h3 className="format-title">{t('statements.formatTitle')}</h3>
            <ul>
              <li>{t('statements.format.files')}</li>
              <li>{t('statements.format.table')}</li>
              <li>{t('statements.format.columns')}</li>
              <li>{t('statements.format.values')}</li>
              <li>{t('statements.format.safe')}</li>
            </ul>
            <p>
              <a href={sampleHref} download>
                {t('statements.sample')}
              </a>
            </p>
          </>
        )}
      </section>

      <h2>{t('statement.lines')}</h2>
      {unmatchedCount > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="auto" />
          <button type="submit" className="button button-secondary">
            {t('statement.autoMatch')} ({unmatchedCount})
          </button>
        </Form>
      ) : null}
      {lines.length === 0 ? (
        <EmptyState title={t('empty.title')} />
      ) : (
        <ul className="line-list" aria-label={t('statement.lines')}>
          {lines.map((l) => (
            <li key={l.id} className="line-item">
              <span className="line-when">{formatDate(l.date)}</span>
              <span className="line-amount">
                <Money amount={l.amount} />
              </span>
              <span className="line-text">
                {l.description}
                {l.reference ? <span className="muted"> · {l.reference}</span> : null}
              </span>
              <span className="line-status">
                {l.matches.length ? (
                  <>
                    <span className="badge badge-ok">
                      {t('statement.matched')} ({t(`statement.method.${l.matches[0]!.method}`)})
                    </span>{' '}
                    <span className="muted">{l.matches.map((m) => m.target_ref).join(', ')}</span> · <Link to={`?page=${page}&unmatch=${l.id}`}>{t('statement.unmatch')}</Link>
                  </>
                ) : (
                  <>
                    <span className="badge badge-warn">{t('statement.unmatched')}</span> · <Link to={`?page=${page}&match=${l.id}`}>{t('statement.manual')}</Link>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

/** Step two: what the file holds, which column is what, the problems, and the Import button. */
function ImportPreview({ preview, formErrors, uptId }: { preview: PreviewView; formErrors: string[] | null; uptId: string }) {
  const t = useT()
  const { mapping, mappingProblems: problems, counts } = preview
  const columns = preview.columns.map((c) => ({ value: c, label: c }))
  const select = (name: keyof MappingValues, label: string, options: { value: string; label: string }[], placeholder?: string) => (
    <SelectField
      label={label}
      errors={problems[name] ? [problems[name]!] : null}
      errorId={`${name}-error`}
      selectProps={{ name, id: name, defaultValue: mapping[name] }}
      options={options}
      placeholder={placeholder}
    />
  )
  const mappingFields = (
    <>
      <div className="grid-2">
        {select('dateColumn', t('statement.dateColumn'), columns, t('statements.none'))}
        {select('descriptionColumn', t('statement.descriptionColumn'), columns, t('statements.none'))}
        {select('referenceColumn', t('statement.referenceColumn'), columns, t('statements.none'))}
      </div>
      <fieldset className="stack">
        <legend>{t('billing.amount')}</legend>
        <p className="field-hint">{t('statements.amountHint')}</p>
        <div className="grid-2">
          {select('amountColumn', t('statement.amountColumn'), columns, t('statements.none'))}
          {select('markerColumn', t('statements.markerColumn'), columns, t('statements.none'))}
          {select('debitColumn', t('statements.debitColumn'), columns, t('statements.none'))}
          {select('creditColumn', t('statements.creditColumn'), columns, t('statements.none'))}
        </div>
      </fieldset>
      <div className="grid-2">
        {select(
          'dateFormat',
          t('statements.dateFormat'),
          (['dmy', 'mdy', 'ymd'] as const).map((f) => ({ value: f, label: t(`statements.dateFormat.${f}`) })),
        )}
        {select(
          'delimiter',
          t('statements.delimiter'),
          (['comma', 'semicolon', 'tab'] as const).map((d) => ({ value: d, label: t(`statements.delimiter.${d}`) })),
        )}
      </div>
      <div className="button-row">
        <button type="submit" name="intent" value="preview" className="button button-secondary">
          {t('statements.refresh')}
        </button>
      </div>
    </>
  )
  const open = preview.mappingSource !== 'saved' || Object.keys(problems).length > 0
  return (
    <Form method="post" className="stack" aria-labelledby="preview-title">
      <h3 id="preview-title">{t('statements.previewHeading')}</h3>
      <FormErrors errors={formErrors} />
      <textarea name="csv" defaultValue={preview.csv} hidden aria-hidden="true" readOnly />
      <input type="hidden" name="fileName" value={preview.fileName} />
      <input type="hidden" name="account" value={preview.account} />
      <dl className="dl dl-stack">
        <dt>{t('statements.summary.file')}</dt>
        <dd>{preview.fileName}</dd>
        <dt>{t('statements.summary.account')}</dt>
        <dd>
          {preview.account}
          {preview.accountInFile ? <span className="muted"> · {t('statements.summary.accountInFile')}</span> : null}
        </dd>
        {preview.period ? (
          <>
            <dt>{t('statements.summary.period')}</dt>
            <dd>
              {formatDate(preview.period.from)} – {formatDate(preview.period.to)}
            </dd>
          </>
        ) : null}
        <dt>{t('statements.summary.headerRow')}</dt>
        <dd>{preview.headerRow}</dd>
        {preview.ignored ? (
          <>
            <dt>{t('statements.summary.ignored')}</dt>
            <dd>{preview.ignored}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="mapping-title" className="stack">
        <h4 id="mapping-title">{t('statements.mappingTitle')}</h4>
        {open ? (
          <>
            <p>{t(preview.mappingSource === 'saved' ? 'statements.mappingSaved' : preview.mappingSource === 'guessed' ? 'statements.mappingFirst' : 'statements.mappingGiven')}</p>
            {mappingFields}
          </>
        ) : (
          <>
            <p>{t('statements.mappingSaved')}</p>
            <details className="mapping-details">
              <summary>{t('statements.mappingChange')}</summary>
              <div className="stack">{mappingFields}</div>
            </details>
          </>
        )}
      </section>

      {preview.problems.length ? (
        <section className="alert alert-warn" aria-labelledby="problems-title">
          <h4 id="problems-title">{t('statements.problemsTitle', { count: counts.bad })}</h4>
          <ul>
            {preview.problems.map((e) => (
              <li key={`${e.row}-${e.column}-${e.code}`}>
                {e.value ? t('statements.lineErrorValue', { row: e.row, column: e.column, value: e.value, message: t(e.code) }) : t('pnbp.lineError', { row: e.row, column: e.column, message: t(e.code) })}
              </li>
            ))}
          </ul>
          {preview.moreProblems ? <p>{t('statements.moreProblems', { count: preview.moreProblems })}</p> : null}
        </section>
      ) : null}

      {preview.lines.length ? (
        <section aria-labelledby="lines-title" className="stack">
          <h4 id="lines-title">{t('statements.linesTitle', { fresh: counts.fresh, dup: counts.duplicate })}</h4>
          {counts.similar ? <p className="muted">{t('statements.similarNote')}</p> : null}
          <ul className="line-list" aria-labelledby="lines-title">
            {preview.lines.map((l) => (
              <li key={l.row} className="line-item" data-testid="preview-line">
                <span className="line-when">{formatDate(l.date)}</span>
                <span className="line-amount">
                  <Money amount={l.amount} />
                </span>
                <span className="line-text">
                  {l.description}
                  {l.reference ? <span className="muted"> · {l.reference}</span> : null}
                </span>
                <span className="line-status">
                  <span className={`badge ${l.status === 'new' ? 'badge-ok' : l.status === 'similar' ? 'badge-warn' : 'badge-muted'}`}>{t(`statements.status.${l.status}`)}</span>{' '}
                  <span className="muted small">
                    {t('statements.row')} {l.row}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          {preview.moreLines ? <p className="muted">{t('statements.moreLines', { count: preview.moreLines })}</p> : null}
        </section>
      ) : null}

      <div className="button-row">
        {counts.fresh > 0 && !Object.keys(problems).length ? (
          <button type="submit" name="intent" value="import" className="button">
            {t('statements.importButton', { count: counts.fresh })}
          </button>
        ) : preview.lines.length ? (
          <p>{t('statements.nothingNew')}</p>
        ) : null}
        <Link to={`/finance/upt/${uptId}/statements`}>{t('form.cancel')}</Link>
      </div>
    </Form>
  )
}

export const meta: MetaFunction = () => [{ title: 'Rekening koran · Mitra Lipas' }]
