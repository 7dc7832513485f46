import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { EmptyState, Pagination, StatusBadge } from '#app/components/ui/misc.tsx'
import { authorize } from '#app/domain/identity/authorize.ts'
import { decideAndEmail } from '#app/domain/partners/emails.server.ts'
import {
  listLegalDocuments,
  listPartnersForReview,
  partnerHistory,
  reviewKanwilsOf,
  verificationGaps,
} from '#app/domain/partners/queries.ts'
import { requiredDocuments } from '#app/domain/partners/legal-rules.ts'
import { LegalDocumentList } from '#app/components/legal-documents.tsx'
import { requireAdmin, denied } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { formatDateTime } from '#app/lib/format.ts'
import { getLang } from '#app/web/i18n.server.ts'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { clientIp } from '#app/web/request.server.ts'

const DECISIONS = ['verify', 'reject', 'suspend', 'reinstate'] as const
const DecisionSchema = z.object({
  partnerId: z.string().min(1).max(64),
  decision: z.enum(DECISIONS),
  reason: z.string().trim().max(1000, { error: 'field.tooLong' }).optional(),
})
const STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { kanwilId } = await requireAdmin(request)
  const url = new URL(request.url)
  const s = url.searchParams.get('status')
  const status = (STATUSES as readonly string[]).includes(s ?? '') ? (s as (typeof STATUSES)[number]) : 'pending'
  const page = pageFrom(url)
  const db = getDb()
  const result = await listPartnersForReview(db, kanwilId, status, page)
  const ids = result.items.map((p) => p.id)
  const [history, documents, gaps] = await Promise.all([
    partnerHistory(db, ids),
    listLegalDocuments(db, ids),
    verificationGaps(db, ids),
  ])
  const items = result.items.map((p) => ({ ...p, required: requiredDocuments(p.org_type) }))
  return { ...result, items, history, documents, gaps, status, page, pages: pageCount(result.total) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, kanwilId } = await requireAdmin(request)
  const submission = parseWithZod(await readForm(request), { schema: DecisionSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const db = getDb()
  const v = submission.value
  const kanwilIds = await reviewKanwilsOf(db, v.partnerId)
  if (!kanwilIds) throw data({ message: 'error.notFound' }, { status: 404 })
  if (!authorize(session.principal, 'partner.verify', { kanwilIds }))
    await denied(request, session.user.id, 'partner.verify', { kanwilIds })
  let decided
  try {
    // The email to the partner is queued with the decision and sent once it is committed.
    decided = await decideAndEmail(db, {
      partnerId: v.partnerId,
      decision: v.decision,
      reason: v.reason,
      actorUserId: session.user.id,
      kanwilId,
      ip: clientIp(request),
      lang: getLang(request),
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/admin/partners?status=${decided.status}`, {
    headers: { 'Set-Cookie': flashCookie(`decision.${v.decision}.done`, { partner: decided.name }) },
  })
}

/** Audit actions on a partner, said in words in its history (others show their code). */
const HISTORY_ACTIONS = [
  'partner.signup',
  'partner.profileUpdated',
  'partner.memberRemoved',
  'partner.impactVisibility',
  'partner.verify',
  'partner.reject',
  'partner.suspend',
  'partner.reinstate',
  'partner.documentUploaded',
]

const ACTIONS: Record<string, (typeof DECISIONS)[number][]> = {
  pending: ['verify', 'reject'],
  verified: ['suspend'],
  suspended: ['reinstate'],
  rejected: ['reinstate'],
}

export default function AdminPartnersPage() {
  const t = useT()
  const { items, history, documents, gaps, total, status, page, pages } = useLoaderData<typeof loader>()
  const lang = useLang()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const confirmId = params.get('decide')
  const confirmDecision = params.get('d') as (typeof DECISIONS)[number] | null
  const confirming = items.find((p) => p.id === confirmId)
  const errors =
    lastResult && 'error' in lastResult ? (lastResult.error as Record<string, string[]> | undefined) : undefined
  return (
    <div className="stack">
      <p>
        <Link to="/admin">← {t('admin.title')}</Link>
      </p>
      <h1>{t('adminPartners.title')}</h1>
      <nav aria-label={t('common.status')} className="button-row">
        {STATUSES.map((s) => (
          <Link
            key={s}
            to={`?status=${s}`}
            aria-current={s === status ? 'page' : undefined}
            className={s === status ? 'button' : 'button button-secondary'}
          >
            {t(`partner.status.${s}`)}
          </Link>
        ))}
      </nav>
      <FormErrors errors={errors?.[''] ?? errors?.partnerId} />
      {confirming && confirmDecision && DECISIONS.includes(confirmDecision) ? (
        <ConfirmDialog
          id="decide-q"
          tone="info"
          danger={confirmDecision !== 'verify' && confirmDecision !== 'reinstate'}
          question={
            <>
              {t(`decision.${confirmDecision}.confirm`)} <strong>{confirming.name}</strong>
            </>
          }
          fields={{ partnerId: confirming.id, decision: confirmDecision }}
          confirmLabel={t(`decision.${confirmDecision}`)}
          cancelTo={`?status=${status}`}
        >
          {confirmDecision === 'reject' || confirmDecision === 'suspend' ? (
            <TextareaField
              label={t('partner.reason')}
              errors={errors?.reason}
              textareaProps={{ id: 'reason', name: 'reason', required: true }}
            />
          ) : null}
        </ConfirmDialog>
      ) : null}
      <p>{t('dir.results', { n: total })}</p>
      {items.length === 0 ? (
        <EmptyState title={t('adminPartners.empty')}>
          <p>{t('adminPartners.emptyNext')}</p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {items.map((p) => (
            <li key={p.id} className="card">
              <h2>{p.name}</h2>
              <p>
                {t(`orgType.${p.org_type}`)} · <StatusBadge status={p.status} label={t(`partner.status.${p.status}`)} />
              </p>
              <dl className="dl">
                <dt>{t('partner.contact')}</dt>
                <dd>{p.contact_email}</dd>
                <dt>{t('partner.nib')}</dt>
                <dd>{p.nib ?? t('common.none')}</dd>
                <dt>{t('partner.npwp')}</dt>
                <dd>{p.npwp ?? t('common.none')}</dd>
                {p.status_reason ? (
                  <>
                    <dt>{t('partner.reason')}</dt>
                    <dd>{p.status_reason}</dd>
                  </>
                ) : null}
              </dl>
              <h3>{t('legalDoc.title')}</h3>
              <LegalDocumentList
                documents={documents.filter((d) => d.partnerId === p.id)}
                required={p.required}
                headingLevel="h4"
              />
              {p.status === 'pending' && gaps.find((g) => g.partnerId === p.id)?.emailUnconfirmed ? (
                <p className="alert alert-warn">{t('partner.emailUnconfirmed')}</p>
              ) : null}
              <h3>{t('partnerHistory.title')}</h3>
              {history.some((h) => h.partnerId === p.id) ? null : <p className="muted">{t('partnerHistory.none')}</p>}
              <ol className="partner-history">
                {history
                  .filter((h) => h.partnerId === p.id)
                  .map((h) => (
                    <li key={h.id}>
                      <time dateTime={h.at}>{formatDateTime(h.at, 'Asia/Jakarta', lang)}</time> ·{' '}
                      {HISTORY_ACTIONS.includes(h.action) ? t(`partnerHistory.${h.action}`) : h.action}
                      {h.actorName ? ` · ${h.actorName}` : ''}
                    </li>
                  ))}
              </ol>
              <div className="button-row">
                {(ACTIONS[p.status] ?? []).map((d) => (
                  <Link
                    key={d}
                    to={`?status=${status}&decide=${p.id}&d=${d}`}
                    className="button button-secondary"
                    aria-label={`${t(`decision.${d}`)}: ${p.name}`}
                  >
                    {t(`decision.${d}`)}
                  </Link>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.adminPartners') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
