import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { ProposeForm, ScoreReasons } from '#app/components/matching.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { addDays, PROPOSAL_TTL_DAYS, propose } from '#app/domain/agreements/lifecycle.ts'
import { openProposalsFor } from '#app/domain/agreements/queries.ts'
import { getOfferOwner } from '#app/domain/offers/queries.ts'
import { getPartnerById } from '#app/domain/partners/queries.ts'
import { ProposeSchema } from '#app/domain/agreements/schemas.ts'
import { describeNeeds, describeOffers, loadOffers, needsForOffer } from '#app/domain/matching/candidates.ts'
import { notifySides } from '#app/web/agreements.server.ts'
import { denied, requirePartner } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { formatDate, formatNumber } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { todayIn } from '#app/lib/time.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const {
    partner: { id: partnerId },
  } = await requirePartner(request)
  const db = getDb()
  const only = new URL(request.url).searchParams.get('offer')
  const offers = (await loadOffers(db, { partnerId, openOnly: true })).filter((o) => !only || o.id === only)
  const lists = await Promise.all(
    offers.map(async (o) => ({ offerId: o.id, suggestions: await needsForOffer(db, o.id, 5) })),
  )
  const [offerRows, needRows] = await Promise.all([
    describeOffers(
      db,
      offers.map((o) => o.id),
    ),
    describeNeeds(db, [...new Set(lists.flatMap((l) => l.suggestions.map((s) => s.needId)))]),
  ])
  const pending = await openProposalsFor(db, { partnerId })
  return {
    pending,
    filtered: !!only,
    blocks: lists.map((l) => ({
      offer: offerRows.find((o) => o.id === l.offerId)!,
      suggestions: l.suggestions.map((s) => ({ ...s, need: needRows.find((n) => n.id === s.needId)! })),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const {
    session,
    partner: { id: partnerId },
  } = await requirePartner(request)
  const db = getDb()
  const submission = parseWithZod(await readForm(request), { schema: ProposeSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const offer = await getOfferOwner(db, v.offerId)
  // An offer of another organisation is refused (and audited) like any foreign id.
  if (!offer || offer.partner_id !== partnerId)
    return denied(request, session.user.id, 'partner.manage', { partnerId: offer?.partner_id })
  let created
  try {
    created = await propose(
      db,
      {
        offerId: v.offerId,
        needId: v.needId,
        quantity: v.quantity,
        message: v.message,
        side: 'partner',
        actingFor: partnerId,
      },
      { userId: session.user.id, ip: clientIp(request) },
    )
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  const [need] = await describeNeeds(db, [v.needId])
  const partner = (await getPartnerById(db, partnerId))!
  await notifySides(db, created, ['upt'], {
    subject: 'proposal.emailSubject',
    body: 'proposal.emailBody',
    params: {
      from: partner.name,
      title: offer.title,
      program: need?.program_title ?? '',
      quantity: v.quantity,
      expires: addDays(todayIn(), PROPOSAL_TTL_DAYS),
    },
    path: `/proposals/${created.id}`,
  })
  throw redirect(`/proposals/${created.id}`, { headers: { 'Set-Cookie': flashCookie('proposal.sent') } })
}

export default function PartnerSuggestions() {
  const t = useT()
  const lang = useLang()
  const { blocks, filtered, pending } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/partner">{t('nav.partner')}</Link> · <Link to="/agreements">{t('nav.agreements')}</Link> ·{' '}
        <Link to="/partner/impact">{t('impact.partnerTitle')}</Link>
      </p>
      <h1>{t('match.suggestionsTitle')}</h1>
      <p className="lead">{t('match.suggestionsIntro')}</p>
      {filtered ? <Link to="/partner/suggestions">{t('match.allOffers')}</Link> : null}
      {blocks.length === 0 ? (
        <EmptyState title={t('match.noOffers')}>
          <Link to="/partner">{t('nav.partner')}</Link>
        </EmptyState>
      ) : (
        blocks.map(({ offer, suggestions }) => (
          <section key={offer.id} className="offer-block stack" aria-labelledby={`offer-${offer.id}`}>
            <h2 id={`offer-${offer.id}`}>
              <span className="muted">{t(`kind.${offer.kind}`)} · </span>
              {offer.title}
            </h2>
            <p className="muted">
              {t('match.remaining')}: {formatNumber(offer.capacity_remaining, lang)} {t(`unit.${offer.unit}`)}
            </p>
            {suggestions.length === 0 ? (
              <p>{t('match.noCandidates')}</p>
            ) : (
              <ol className="suggestions">
                {suggestions.map((s) => {
                  const unmet = s.need.quantity - s.need.quantity_covered
                  return (
                    <li key={s.needId} className="suggestion">
                      <div className="suggestion-head">
                        <h3>
                          <Link to={`/programs/${s.need.program_slug}`}>{s.need.program_title}</Link>
                        </h3>
                        <ScoreReasons score={s.score} id={`r-${offer.id}-${s.needId}`} />
                      </div>
                      <p className="muted">
                        {s.need.upt_name} · {s.need.province_name} ·{' '}
                        {lang === 'id' ? s.need.sector_name_id : s.need.sector_name_en}
                      </p>
                      <p>
                        {t('match.unmet')}: <strong>{formatNumber(unmet, lang)}</strong> {t(`unit.${s.need.unit}`)}
                        {s.need.needed_by ? ` · ${t('match.neededBy')} ${formatDate(s.need.needed_by, lang)}` : ''}
                      </p>
                      {pending[`${offer.id}|${s.needId}`] ? (
                        <p>
                          <Link to={`/proposals/${pending[`${offer.id}|${s.needId}`]}`}>
                            {t('match.alreadyProposed')}
                          </Link>
                        </p>
                      ) : (
                        <ProposeForm
                          offerId={offer.id}
                          needId={s.needId}
                          max={Math.min(unmet, offer.capacity_remaining)}
                          unit={offer.unit}
                          reply={reply}
                        />
                      )}
                    </li>
                  )
                })}
              </ol>
            )}
          </section>
        ))
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.partnerSuggestions') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
