import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { ProposeForm, ScoreReasons } from '#app/components/matching.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { addDays, PROPOSAL_TTL_DAYS, propose } from '#app/domain/agreements/lifecycle.ts'
import { openProposalsFor } from '#app/domain/agreements/queries.ts'
import { ProposeSchema } from '#app/domain/agreements/schemas.ts'
import { describeNeeds, describeOffers, loadNeeds, offersForNeed } from '#app/domain/matching/candidates.ts'
import { notifySides } from '#app/web/agreements.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { formatDate, formatNumber } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { denied, requireUptManager } from '#app/web/guards.server.ts'
import { todayIn } from '#app/lib/time.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptManager(request, params.uptId)
  const db = getDb()
  const needs = await loadNeeds(db, { uptId: upt.id, openOnly: true })
  const lists = await Promise.all(
    needs.map(async (n) => ({ needId: n.id, suggestions: await offersForNeed(db, n.id, 5) })),
  )
  const [needRows, offerRows] = await Promise.all([
    describeNeeds(
      db,
      needs.map((n) => n.id),
    ),
    describeOffers(db, [...new Set(lists.flatMap((l) => l.suggestions.map((s) => s.offerId)))]),
  ])
  const blocks = lists
    .map((l) => ({
      need: needRows.find((n) => n.id === l.needId)!,
      suggestions: l.suggestions.map((s) => ({ ...s, offer: offerRows.find((o) => o.id === s.offerId)! })),
    }))
    .sort(
      (a, b) =>
        (a.need.needed_by ?? '9999').localeCompare(b.need.needed_by ?? '9999') ||
        a.need.program_title.localeCompare(b.need.program_title),
    )
  return { upt: { id: upt.id, name: upt.name }, blocks, pending: await openProposalsFor(db, { uptId: upt.id }) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptManager(request, params.uptId)
  const db = getDb()
  const submission = parseWithZod(await readForm(request), { schema: ProposeSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const [need] = await describeNeeds(db, [v.needId])
  if (!need || need.upt_id !== upt.id) return denied(request, session.user.id, 'upt.manage', { uptId: need?.upt_id })
  let created
  try {
    created = await propose(
      db,
      {
        offerId: v.offerId,
        needId: v.needId,
        quantity: v.quantity,
        message: v.message,
        side: 'upt',
        actingFor: upt.id,
      },
      { userId: session.user.id, ip: clientIp(request) },
    )
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  const [offer] = await describeOffers(db, [v.offerId])
  await notifySides(db, created, ['partner'], {
    subject: 'proposal.emailSubject',
    body: 'proposal.emailBody',
    params: {
      from: upt.name,
      title: offer?.title ?? '',
      program: need.program_title,
      quantity: v.quantity,
      expires: addDays(todayIn(), PROPOSAL_TTL_DAYS),
    },
    path: `/proposals/${created.id}`,
  })
  throw redirect(`/proposals/${created.id}`, { headers: { 'Set-Cookie': flashCookie('proposal.sent') } })
}

export default function UptSuggestions() {
  const t = useT()
  const lang = useLang()
  const { upt, blocks, pending } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}`}>{upt.name}</Link> · <Link to="/agreements">{t('nav.agreements')}</Link> ·{' '}
        <Link to={`/upt/${upt.id}/outcomes`}>{t('outcome.programTitle')}</Link>
      </p>
      <h1>{t('match.uptSuggestionsTitle')}</h1>
      <p className="lead">{t('match.uptSuggestionsIntro')}</p>
      {blocks.length === 0 ? (
        <EmptyState title={t('match.noNeeds')} />
      ) : (
        blocks.map(({ need, suggestions }) => {
          const unmet = need.quantity - need.quantity_covered
          return (
            <section key={need.id} className="offer-block stack" aria-labelledby={`need-${need.id}`}>
              <h2 id={`need-${need.id}`}>
                <span className="muted">{t(`kind.${need.kind}`)} · </span>
                {need.program_title}
              </h2>
              <p className="muted">
                {t('match.unmet')}: {formatNumber(unmet, lang)} {t(`unit.${need.unit}`)}
                {need.needed_by ? ` · ${t('match.neededBy')} ${formatDate(need.needed_by, lang)}` : ''}
              </p>
              {suggestions.length === 0 ? (
                <p>{t('match.noCandidates')}</p>
              ) : (
                <ol className="suggestions">
                  {suggestions.map((s) => (
                    <li key={s.offerId} className="suggestion">
                      <div className="suggestion-head">
                        <h3>{s.offer.title}</h3>
                        <ScoreReasons score={s.score} id={`r-${need.id}-${s.offerId}`} />
                      </div>
                      <p className="muted">
                        <Link to={`/partners/${s.offer.partner_slug}`}>{s.offer.partner_name}</Link> ·{' '}
                        {t('match.remaining')}: {formatNumber(s.offer.capacity_remaining, lang)}{' '}
                        {t(`unit.${s.offer.unit}`)}
                      </p>
                      {pending[`${s.offerId}|${need.id}`] ? (
                        <p>
                          <Link to={`/proposals/${pending[`${s.offerId}|${need.id}`]}`}>
                            {t('match.alreadyProposed')}
                          </Link>
                        </p>
                      ) : (
                        <ProposeForm
                          offerId={s.offerId}
                          needId={need.id}
                          max={Math.min(unmet, s.offer.capacity_remaining)}
                          unit={need.unit}
                          reply={reply}
                        />
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          )
        })
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.uptSuggestions') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
