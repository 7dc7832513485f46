import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { EmptyState, Money, Pagination } from '#app/components/ui/misc.tsx'
import { reconciliationState, statementLine, statementLinesPage } from '#app/domain/pnbp/reconcile.ts'
import { MatchLineSchema, StatementUploadSchema } from '#app/domain/pnbp/schemas.ts'
import { defaultAccount, registeredAccount } from '#app/domain/pnbp/statements.server.ts'
import {
  type MappingValues,
  type PreviewView,
  autoMatch,
  matchLine,
  parseStatementForm,
  previewOrImport,
  statementReply,
  unmatchLine,
} from '#app/web/actions/statements.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptFinance } from '#app/web/guards.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'

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

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptFinance(request, params.uptId)
  const formData = await readForm(request)
  const submission = parseStatementForm(formData)
  if (submission.status !== 'success') return statementReply(submission.reply())
  // One handler per intent (app/web/actions/statements.server.ts).
  const intent = { request, uptId: upt.id, actor: session.user.id, submission }
  const v = submission.value
  switch (v.intent) {
    case 'auto':
      return autoMatch(intent)
    case 'match':
      return matchLine(intent, v)
    case 'unmatch':
      return unmatchLine(intent, v)
    default:
      return previewOrImport(intent, v, formData)
  }
}

export default function StatementsPage() {
  const t = useT()
  const { upt, account, registered, lines, unmatchedCount, open, matching, unmatching, page, pages } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const preview = actionData?.preview ?? null
  const [form, fields] = useForm<z.input<typeof StatementUploadSchema>>({
    id: 'upload',
    lastResult: matching || preview ? undefined : actionData?.result,
    constraint: getZodConstraint(StatementUploadSchema),
    defaultValue: { account },
  })
  const [matchForm, matchFields] = useForm<z.input<typeof MatchLineSchema>>({
    id: 'match',
    lastResult: matching ? actionData?.result : undefined,
    constraint: getZodConstraint(MatchLineSchema),
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
              selectProps={{
                ...getSelectProps(matchFields.references),
                multiple: true,
                size: Math.min(8, Math.max(2, open.length)),
              }}
              options={open.map((c) => ({
                value: c.reference,
                label: `${c.day} · ${c.kind} · ${c.reference} · Rp ${c.amount}`,
              }))}
            />
            <TextareaField
              label={t('statement.comment')}
              errors={matchFields.comment.errors}
              errorId={matchFields.comment.errorId}
              textareaProps={getTextareaProps(matchFields.comment)}
            />
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
        <ConfirmDialog
          id="unmatch-q"
          question={t('statement.unmatchConfirm')}
          fields={{ intent: 'unmatch', lineId: unmatching.id }}
          cancelTo={`/finance/upt/${upt.id}/statements`}
        >
          <p>
            {formatDate(unmatching.date)} · <Money amount={unmatching.amount} /> · {unmatching.description}
          </p>
        </ConfirmDialog>
      ) : null}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('statement.upload')}</h2>
        {preview ? (
          <ImportPreview
            key={preview.key}
            preview={preview}
            formErrors={actionData?.result.error?.[''] ?? null}
            uptId={upt.id}
          />
        ) : (
          <>
            <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
              <FormErrors errors={form.errors} />
              <Field
                label={t('statements.account')}
                hint={
                  registered
                    ? t('statements.accountHint', { bank: registered.bank, number: registered.number })
                    : t('statements.accountHintNone')
                }
                errors={fields.account.errors}
                errorId={fields.account.errorId}
                inputProps={{
                  ...getInputProps(fields.account, { type: 'text' }),
                  inputMode: 'numeric',
                  autoComplete: 'off',
                }}
              />
              <Field
                label={t('statement.file')}
                errors={fields.file.errors}
                errorId={fields.file.errorId}
                inputProps={{
                  name: 'file',
                  id: 'file',
                  type: 'file',
                  required: true,
                  accept: '.csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values',
                  'aria-describedby': fields.file.errors?.length ? fields.file.errorId : undefined,
                }}
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
                    <span className="muted">{l.matches.map((m) => m.target_ref).join(', ')}</span> ·{' '}
                    <Link to={`?page=${page}&unmatch=${l.id}`}>{t('statement.unmatch')}</Link>
                  </>
                ) : (
                  <>
                    <span className="badge badge-warn">{t('statement.unmatched')}</span> ·{' '}
                    <Link to={`?page=${page}&match=${l.id}`}>{t('statement.manual')}</Link>
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
function ImportPreview({
  preview,
  formErrors,
  uptId,
}: {
  preview: PreviewView
  formErrors: string[] | null
  uptId: string
}) {
  const t = useT()
  const { mapping, mappingProblems: problems, counts } = preview
  const columns = preview.columns.map((c) => ({ value: c, label: c }))
  const select = (
    name: keyof MappingValues,
    label: string,
    options: { value: string; label: string }[],
    placeholder?: string,
  ) => (
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
            <p>
              {t(
                preview.mappingSource === 'saved'
                  ? 'statements.mappingSaved'
                  : preview.mappingSource === 'guessed'
                    ? 'statements.mappingFirst'
                    : 'statements.mappingGiven',
              )}
            </p>
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
                {e.value
                  ? t('statements.lineErrorValue', { row: e.row, column: e.column, value: e.value, message: t(e.code) })
                  : t('pnbp.lineError', { row: e.row, column: e.column, message: t(e.code) })}
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
                  <span
                    className={`badge ${l.status === 'new' ? 'badge-ok' : l.status === 'similar' ? 'badge-warn' : 'badge-muted'}`}
                  >
                    {t(`statements.status.${l.status}`)}
                  </span>{' '}
                  <span className="muted small">
                    {t('statements.row')} {l.row}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          {preview.moreLines ? (
            <p className="muted">{t('statements.moreLines', { count: preview.moreLines })}</p>
          ) : null}
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

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.statements') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
