import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { OutcomeForm, OutcomeTable } from '#app/components/outcome-form.tsx'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { PublicationForm } from '#app/components/publication-records.tsx'
import { Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { EmptyState, Pagination, StatusBadge } from '#app/components/ui/misc.tsx'
import { listPksDocuments } from '#app/domain/agreements/pks-documents.server.ts'
import { CancelSchema } from '#app/domain/agreements/schemas.ts'
import { listOutcomes } from '#app/domain/outcomes/records.ts'
import {
  endAgreement,
  isPksUpload,
  recordAgreementOutcome,
  recordAgreementPublication,
  uploadPks,
} from '#app/web/actions/agreement.server.ts'
import { requireAgreement, denied } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { formatDate, formatDateTime, formatNumber, formatRupiah } from '#app/lib/format.ts'
import { recordTitle, useLang, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'
import { clientIp } from '#app/web/request.server.ts'
import { todayIn } from '#app/lib/time.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { a, side } = await requireAgreement(request, params.agreementId)
  const page = pageFrom(request.url)
  const [outcomes, documents] = await Promise.all([
    listOutcomes(getDb(), { agreementId: a.id }, page, PAGE_SIZE),
    listPksDocuments(getDb(), a.id),
  ])
  return { a, side, outcomes, documents, page, pages: pageCount(outcomes.total), today: todayIn() }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, a, side } = await requireAgreement(request, params.agreementId)
  if (!side) return denied(request, session.user.id, 'agreement.act', { partnerId: a.partner_id, uptId: a.upt_id })
  // One handler per intent (app/web/actions/agreement.server.ts).
  const intent = { request, session, a, side, actor: { userId: session.user.id, ip: clientIp(request) } }
  if (isPksUpload(request)) return uploadPks(intent)
  const formData = await readForm(request)
  const name = formData.get('intent')
  if (name === 'outcome') return recordAgreementOutcome(intent, formData)
  if (name === 'publication') return recordAgreementPublication(intent, formData)
  return endAgreement(intent, formData)
}

function formatSize(bytes: number, lang: ReturnType<typeof useLang>): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} KB`
  return `${(bytes / (1024 * 1024)).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 })} MB`
}

export default function AgreementPage() {
  const t = useT()
  const lang = useLang()
  const { a, side, outcomes, documents, page, pages, today } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const pksError = result && 'pksError' in result ? result.pksError : null
  const reply = result && !('pksError' in result) ? result : undefined
  const [params] = useSearchParams()
  const intent = (reply?.initialValue as { intent?: string } | undefined)?.intent
  const current = documents[0]
  const [cancel, cf] = useForm({
    id: 'cancel',
    lastResult: intent === 'cancel' ? reply : undefined,
    constraint: getZodConstraint(CancelSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelSchema }),
    shouldRevalidate: 'onBlur',
  })
  const confirming = params.get('confirm')
  const active = a.status === 'active'
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/agreements">{t('agreement.listTitle')}</Link>
      </p>
      <h1>
        {t('agreement.title')} {a.number}
      </h1>
      <p>
        <StatusBadge status={a.status} label={t(`agreement.status.${a.status}`)} />
      </p>
      <dl className="dl">
        <dt>{t('match.kind')}</dt>
        <dd>{t(`kind.${a.kind}`)}</dd>
        <dt>{t('match.partner')}</dt>
        <dd>
          <Link to={`/partners/${a.partner_slug}`}>{a.partner_name}</Link>
        </dd>
        <dt>{t('match.forOffer')}</dt>
        <dd>{a.offer_title}</dd>
        <dt>{t('match.program')}</dt>
        <dd>
          {a.program_title} ({a.upt_name})
        </dd>
        <dt>{t('agreement.quantity')}</dt>
        <dd>
          {formatNumber(a.quantity, lang)} {t(`unit.${a.unit}`)}
        </dd>
        <dt>{t('agreement.period')}</dt>
        <dd>
          {formatDate(a.start_date, lang)} – {formatDate(a.end_date, lang)}
        </dd>
        {a.pks_number || current || a.pks_document_url ? (
          <>
            <dt>PKS</dt>
            <dd>
              {current ? (
                <a href={`/agreements/${a.id}/pks/${current.version}`} download>
                  {a.pks_number ?? t('pks.title')} ({t('pks.version', { n: current.version })}, PDF)
                </a>
              ) : a.pks_document_url ? (
                // Agreements from before uploads may only have a link to the document.
                <a href={a.pks_document_url} rel="noopener noreferrer nofollow">
                  {a.pks_number ?? t('pks.link')}
                </a>
              ) : (
                a.pks_number
              )}
            </dd>
          </>
        ) : null}
        <dt>{t('agreement.terms')}</dt>
        <dd>{a.terms}</dd>
        {a.cancel_reason ? (
          <>
            <dt>{t('agreement.cancelReason')}</dt>
            <dd>{a.cancel_reason}</dd>
          </>
        ) : null}
      </dl>

      {active && side ? (
        confirming === 'complete' ? (
          <ConfirmDialog
            id="complete-q"
            tone="info"
            question={t('agreement.completeConfirm')}
            fields={{ intent: 'complete' }}
            cancelTo={`/agreements/${a.id}`}
          />
        ) : confirming === 'cancel' || intent === 'cancel' ? (
          <ConfirmDialog
            id="cancel-q"
            question={t('agreement.cancelConfirm')}
            fields={{ intent: 'cancel' }}
            confirmLabel={t('agreement.cancel')}
            cancelTo={`/agreements/${a.id}`}
            errors={cancel.errors}
            formProps={getFormProps(cancel)}
          >
            <TextareaField
              label={t('agreement.cancelReason')}
              errors={cf.reason.errors}
              errorId={cf.reason.errorId}
              textareaProps={getTextareaProps(cf.reason)}
            />
          </ConfirmDialog>
        ) : (
          <div className="button-row">
            <Link to="?confirm=complete" className="button button-secondary">
              {t('agreement.complete')}
            </Link>
            <Link to="?confirm=cancel" className="button button-secondary">
              {t('agreement.cancel')}
            </Link>
          </div>
        )
      ) : null}
      {intent === 'complete' && reply?.error?.[''] ? <FormErrors errors={reply.error['']} /> : null}

      <section aria-labelledby="pks" className="stack">
        <h2 id="pks">{t('pks.title')}</h2>
        {documents.length === 0 ? (
          <p className="muted">{t('pks.none')}</p>
        ) : (
          <ol className="pks-versions" aria-label={t('pks.versions')}>
            {documents.map((d) => (
              <li key={d.id} className="card">
                <p>
                  <strong>{t('pks.version', { n: d.version })}</strong>{' '}
                  {d === current ? <span className="badge badge-ok">{t('pks.current')}</span> : null}
                </p>
                {d.original_name ? <p className="pks-name">{d.original_name}</p> : null}
                <p className="muted small">
                  {t('pks.uploadedBy', {
                    name: d.uploaded_by_name,
                    at: formatDateTime(d.created_at, 'Asia/Jakarta', lang),
                  })}{' '}
                  · {formatSize(d.size_bytes, lang)}
                </p>
                <p>
                  <a href={`/agreements/${a.id}/pks/${d.version}`} download>
                    {t('pks.download', { n: d.version })}
                  </a>
                </p>
              </li>
            ))}
          </ol>
        )}
        {side ? (
          <Form method="post" encType="multipart/form-data" className="form">
            <p className="muted">{t('pks.intro')}</p>
            <input type="hidden" name="intent" value="pks" />
            <Field
              label={t('pks.file')}
              hint={t('pks.fileHint')}
              errors={pksError ? [pksError] : undefined}
              inputProps={{
                id: 'pks-document',
                name: 'document',
                type: 'file',
                accept: 'application/pdf,.pdf',
                required: true,
              }}
            />
            <div className="button-row">
              <button type="submit" className="button">
                {t('pks.upload')}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="outcomes" className="stack">
        <h2 id="outcomes">{t('outcome.title')}</h2>
        {outcomes.items.length === 0 ? (
          <EmptyState title={t('outcome.none')} />
        ) : (
          <OutcomeTable
            rows={outcomes.items}
            fmtDate={(d) => formatDate(d, lang)}
            fmtNum={(n) => formatNumber(n, lang)}
            fmtMoney={formatRupiah}
          />
        )}
        <Pagination page={page} pages={pages} />
        {side && a.kind === 'publication' && a.status !== 'cancelled' ? (
          <PublicationForm lastResult={intent === 'publication' ? reply : undefined} today={today} />
        ) : null}
        {side === 'upt' && a.status !== 'cancelled' ? (
          <OutcomeForm lastResult={intent === 'outcome' ? reply : undefined} today={today} />
        ) : null}
      </section>
      {side === 'partner' && a.kind === 'absorption' && a.status === 'active' ? (
        <p>
          <Link to={`/agreements/${a.id}/offtake`} className="button">
            {t('offtake.link')}
          </Link>
        </p>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: recordTitle(matches, data?.a.number, 'title.agreement') },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
