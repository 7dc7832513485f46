import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { OutcomeForm, OutcomeTable } from '#app/components/outcome-form.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { listOutcomes, recordOutcome } from '#app/domain/outcomes/records.ts'
import { OutcomeSchema, outcomeFieldsOnly } from '#app/domain/outcomes/schemas.ts'
import { listRecordablePrograms } from '#app/domain/programs/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { formatDate, formatNumber, formatRupiah } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'
import { clientIp } from '#app/web/request.server.ts'
import { todayIn } from '#app/lib/time.ts'
import { requireUptManager } from '#app/web/guards.server.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptManager(request, params.uptId)
  const db = getDb()
  const page = pageFrom(request.url)
  const [programs, outcomes] = await Promise.all([
    listRecordablePrograms(db, upt.id),
    listOutcomes(db, { uptId: upt.id }, page, PAGE_SIZE),
  ])
  return {
    upt: { id: upt.id, name: upt.name },
    programs,
    outcomes,
    page,
    pages: pageCount(outcomes.total),
    today: todayIn(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptManager(request, params.uptId)
  const submission = parseWithZod(outcomeFieldsOnly(await readForm(request)), { schema: OutcomeSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  if (!submission.value.programId)
    return data(submission.reply({ fieldErrors: { programId: ['field.required'] } }), { status: 400 })
  try {
    // The program must belong to this UPT (checked in the domain: a foreign id is refused).
    await recordOutcome(getDb(), upt.id, { programId: submission.value.programId }, submission.value, {
      userId: session.user.id,
      ip: clientIp(request),
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/upt/${upt.id}/outcomes`, { headers: { 'Set-Cookie': flashCookie('outcome.saved') } })
}

export default function UptOutcomes() {
  const t = useT()
  const lang = useLang()
  const { upt, programs, outcomes, page, pages, today } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}`}>{upt.name}</Link> ·{' '}
        <Link to={`/upt/${upt.id}/suggestions`}>{t('match.uptSuggestionsTitle')}</Link> ·{' '}
        <Link to="/agreements">{t('nav.agreements')}</Link> ·{' '}
        <Link to={`/impact?upt=${upt.id}`}>{t('impact.realisation')}</Link>
      </p>
      <h1>{t('outcome.programTitle')}</h1>
      <p className="lead">{t('outcome.programIntro')}</p>
      {programs.length === 0 ? (
        <EmptyState title={t('match.noNeeds')} />
      ) : (
        <OutcomeForm lastResult={reply} today={today} programs={programs} />
      )}
      <h2>{t('outcome.title')}</h2>
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
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.outcomes') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
