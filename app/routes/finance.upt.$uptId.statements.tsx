import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { EmptyState, Money, Pagination } from '#app/components/ui/misc.tsx'
import { DomainError } from '#app/domain/errors.ts'
import { autoReconcile, matchManually, reconciliationState, unmatch } from '#app/domain/pnbp/reconcile.ts'
import { StatementError, getMapping, importStatement, previewStatement } from '#app/domain/pnbp/statements.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { requireUptFinance } from '#app/utils/finance.server.ts'
import { flashCookie } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { readForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/utils/pagination.ts'
import { clientIp } from '#app/utils/request.server.ts'

const MAX_FILE_BYTES = 2 * 1024 * 1024
const DEFAULT_FILE_NAME = 'statement.csv'
const column = z.string({ error: 'field.required' }).trim().min(1).max(60, { error: 'field.tooLong' })
const UploadSchema = z.object({
  intent: z.enum(['preview', 'import']),
  bank: z.string({ error: 'field.required' }).trim().min(2).max(40, { error: 'field.tooLong' }),
  dateColumn: column,
  amountColumn: column,
  descriptionColumn: column,
  referenceColumn: z.string().trim().max(60).optional(),
  csv: z.string().max(MAX_FILE_BYTES).optional(),
  file: z.any().optional(),
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
  const bank = url.searchParams.get('bank') ?? 'BRI'
  const [state, mapping] = await Promise.all([reconciliationState(db, upt.id), getMapping(db, upt.id, bank)])
  const lines = [...state.lines].reverse()
  return {
    upt: { id: upt.id, name: upt.name },
    bank,
    mapping: mapping ?? { date: 'Tanggal', amount: 'Jumlah', description: 'Keterangan', reference: 'Referensi' },
    lines: lines.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    unmatchedCount: state.lines.filter((l) => l.matches.length === 0).length,
    open: state.open.slice(0, 200),
    page,
    pages: pageCount(lines.length),
  }
}

type Preview = { lines: { row: number; date: string; amount: number; description: string; duplicate: boolean }[]; csv: string } | null
type LineErrors = { row: number; column: string; code: string }[]

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptFinance(request, params.uptId)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: ActionSchema })
  const reply = (result: ReturnType<typeof submission.reply>, extra: { lineErrors?: LineErrors; preview?: Preview } = {}, status = 400) =>
    data({ result, lineErrors: extra.lineErrors ?? [], preview: extra.preview ?? null }, { status })
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
    const file = formData.get('file')
    let text = v.csv ?? ''
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_FILE_BYTES) return reply(submission.reply({ fieldErrors: { file: ['field.tooLong'] } }))
      text = await file.text()
    }
    if (!text.trim()) return reply(submission.reply({ fieldErrors: { file: ['field.required'] } }))
    const mapping = { date: v.dateColumn, amount: v.amountColumn, description: v.descriptionColumn, reference: v.referenceColumn || null }
    const input = { uptId: upt.id, bank: v.bank, fileName: (file instanceof File && file.name) || DEFAULT_FILE_NAME, text, mapping }
    if (v.intent === 'preview') {
      const preview = await previewStatement(db, input)
      return reply(submission.reply(), { preview: { lines: preview.lines.map(({ hash: _h, reference: _r, ...l }) => l), csv: text } }, 200)
    }
    const result = await db.transaction().execute((trx) => importStatement(trx, { ...input, actorUserId: actor, ip: clientIp(request) }))
    throw redirect(`/finance/upt/${upt.id}/statements?bank=${encodeURIComponent(v.bank)}`, { headers: { 'Set-Cookie': flashCookie('statement.imported', { imported: result.imported, skipped: result.skipped }) } })
  } catch (error) {
    if (error instanceof Response) throw error
    if (error instanceof StatementError) return reply(submission.reply({ formErrors: [error.code] }), { lineErrors: error.lineErrors })
    if (error instanceof DomainError) {
      const r = replyWithDomainError(submission, error)
      return reply(r.data)
    }
    throw error
  }
}

export default function StatementsPage() {
  const t = useT()
  const { upt, bank, mapping, lines, unmatchedCount, open, page, pages } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const matching = lines.find((l) => l.id === params.get('match') && l.matches.length === 0)
  const unmatching = lines.find((l) => l.id === params.get('unmatch') && l.matches.length > 0)
  const [form, fields] = useForm<z.input<typeof UploadSchema>>({
    id: 'upload',
    lastResult: matching ? undefined : actionData?.result,
    constraint: getZodConstraint(UploadSchema),
    defaultValue: { bank, dateColumn: mapping.date, amountColumn: mapping.amount, descriptionColumn: mapping.description, referenceColumn: mapping.reference ?? '' },
  })
  const [matchForm, matchFields] = useForm<z.input<typeof MatchSchema>>({
    id: 'match',
    lastResult: matching ? actionData?.result : undefined,
    constraint: getZodConstraint(MatchSchema),
  })
  const preview = actionData?.preview
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
        <div className="alert alert-error" role="alertdialog" aria-labelledby="unmatch-q">
          <p id="unmatch-q">{t('statement.unmatchConfirm')}</p>
          <p>
            {formatDate(unmatching.date)} · <Money amount={unmatching.amount} /> · {unmatching.description}
          </p>
          <Form method="post" className="button-row">
            <input type="hidden" name="intent" value="unmatch" />
            <input type="hidden" name="lineId" value={unmatching.id} />
            <button type="submit" className="button button-danger">
              {t('common.confirm')}
            </button>
            <Link to={`/finance/upt/${upt.id}/statements`}>{t('form.cancel')}</Link>
          </Form>
        </div>
      ) : null}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('statement.upload')}</h2>
        <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          {actionData?.lineErrors.length ? (
            <ul className="alert alert-error" aria-label={t('pnbp.statementInvalid')}>
              {actionData.lineErrors.map((e) => (
                <li key={`${e.row}-${e.column}-${e.code}`}>{t('pnbp.lineError', { row: e.row, column: e.column, message: t(e.code) })}</li>
              ))}
            </ul>
          ) : null}
          {preview ? (
            <textarea name="csv" defaultValue={preview.csv} hidden aria-hidden="true" readOnly />
          ) : (
            <Field label={t('statement.file')} errors={fields.file.errors} errorId={fields.file.errorId} inputProps={{ name: 'file', id: 'file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': fields.file.errors?.length ? fields.file.errorId : undefined }} />
          )}
          <div className="grid-2">
            <Field label={t('statement.bank')} errors={fields.bank.errors} errorId={fields.bank.errorId} inputProps={getInputProps(fields.bank, { type: 'text' })} />
            <Field label={t('statement.dateColumn')} errors={fields.dateColumn.errors} errorId={fields.dateColumn.errorId} inputProps={getInputProps(fields.dateColumn, { type: 'text' })} />
            <Field label={t('statement.amountColumn')} errors={fields.amountColumn.errors} errorId={fields.amountColumn.errorId} inputProps={getInputProps(fields.amountColumn, { type: 'text' })} />
            <Field label={t('statement.descriptionColumn')} errors={fields.descriptionColumn.errors} errorId={fields.descriptionColumn.errorId} inputProps={getInputProps(fields.descriptionColumn, { type: 'text' })} />
            <Field label={t('statement.referenceColumn')} errors={fields.referenceColumn.errors} errorId={fields.referenceColumn.errorId} inputProps={getInputProps(fields.referenceColumn, { type: 'text' })} />
          </div>
          {preview ? (
            <>
              <h3>{t('statement.previewTitle', { fresh: preview.lines.filter((l) => !l.duplicate).length, dup: preview.lines.filter((l) => l.duplicate).length })}</h3>
              <div className="table-wrap" tabIndex={0} role="region" aria-label={t('statement.previewTitle', { fresh: preview.lines.filter((l) => !l.duplicate).length, dup: preview.lines.filter((l) => l.duplicate).length })}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('common.date')}</th>
                      <th scope="col">{t('billing.amount')}</th>
                      <th scope="col">{t('statement.description')}</th>
                      <th scope="col">{t('common.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.lines.map((l) => (
                      <tr key={l.row}>
                        <td>{l.row}</td>
                        <td>{formatDate(l.date)}</td>
                        <td>
                          <Money amount={l.amount} />
                        </td>
                        <td>{l.description}</td>
                        <td>{l.duplicate ? <span className="badge badge-muted">{t('statement.duplicate')}</span> : <span className="badge badge-ok">{t('statement.new')}</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="button-row">
                <button type="submit" name="intent" value="import" className="button">
                  {t('statement.import')}
                </button>
                <Link to={`/finance/upt/${upt.id}/statements`}>{t('form.cancel')}</Link>
              </div>
            </>
          ) : (
            <button type="submit" name="intent" value="preview" className="button">
              {t('statement.preview')}
            </button>
          )}
        </Form>
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
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('statement.lines')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('billing.amount')}</th>
                <th scope="col">{t('statement.description')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{formatDate(l.date)}</td>
                  <td>
                    <Money amount={l.amount} />
                  </td>
                  <td>
                    {l.description}
                    {l.reference ? <span className="muted"> · {l.reference}</span> : null}
                  </td>
                  <td>
                    {l.matches.length ? (
                      <>
                        <span className="badge badge-ok">
                          {t('statement.matched')} ({t(`statement.method.${l.matches[0]!.method}`)})
                        </span>
                        <br />
                        <span className="muted">{l.matches.map((m) => m.target_ref).join(', ')}</span>
                        <br />
                        <Link to={`?unmatch=${l.id}`}>{t('statement.unmatch')}</Link>
                      </>
                    ) : (
                      <>
                        <span className="badge badge-warn">{t('statement.unmatched')}</span>
                        <br />
                        <Link to={`?match=${l.id}`}>{t('statement.manual')}</Link>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Rekening koran · Mitra Lipas' }]
