import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { StatusBadge } from '#app/components/ui/misc.tsx'
import { listDeals } from '#app/domain/agreements/queries.ts'
import { partnerIdOf, uptIdOf, denied, requireUser } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDate, formatNumber } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request)
  const partnerId = partnerIdOf(session)
  const uptId = partnerId ? null : uptIdOf(session)
  if (!partnerId && !uptId) return denied(request, session.user.id, 'agreement.view')
  const side = partnerId ? ('partner' as const) : ('upt' as const)
  const page = pageFrom(request.url)
  const deals = await listDeals(getDb(), partnerId ? { partnerId } : { uptId: uptId! }, page, PAGE_SIZE)
  return { side, uptId, ...deals, page, pages: pageCount(deals.agreements.total) }
}

export default function AgreementsPage() {
  const t = useT()
  const lang = useLang()
  const { side, uptId, proposals, agreements, page, pages } = useLoaderData<typeof loader>()
  const incoming = proposals.filter((p) => p.status === 'proposed' && p.proposed_by_side !== side)
  const outgoing = proposals.filter((p) => p.status === 'proposed' && p.proposed_by_side === side)
  const row = (p: (typeof proposals)[number]) => (
    <li key={p.id} className="suggestion">
      <div className="suggestion-head">
        <h3>
          <Link to={`/proposals/${p.id}`}>{p.offer_title}</Link>
        </h3>
        <span className="muted">{t(`kind.${p.kind}`)}</span>
      </div>
      <p className="muted">
        {p.program_title} · {side === 'partner' ? p.upt_name : p.partner_name} · {formatNumber(p.quantity, lang)}{' '}
        {t(`unit.${p.unit}`)} · {t('proposal.expiresOn')} {formatDate(p.expires_on, lang)}
      </p>
    </li>
  )
  return (
    <div className="stack">
      <p className="muted">
        {side === 'partner' ? (
          <Link to="/partner/suggestions">{t('match.suggestionsTitle')}</Link>
        ) : (
          <Link to={`/upt/${uptId}/suggestions`}>{t('match.uptSuggestionsTitle')}</Link>
        )}
      </p>
      <h1>{t('agreement.listTitle')}</h1>
      <section aria-labelledby="incoming">
        <h2 id="incoming">{t('proposal.incoming')}</h2>
        {incoming.length ? (
          <ul className="suggestions">{incoming.map(row)}</ul>
        ) : (
          <p className="muted">{t('agreement.noProposals')}</p>
        )}
      </section>
      <section aria-labelledby="outgoing">
        <h2 id="outgoing">{t('proposal.outgoing')}</h2>
        {outgoing.length ? (
          <ul className="suggestions">{outgoing.map(row)}</ul>
        ) : (
          <p className="muted">{t('agreement.noProposals')}</p>
        )}
      </section>
      <section aria-labelledby="agreements" className="stack">
        <h2 id="agreements">{t('agreement.title')}</h2>
        <ListTable
          label={t('agreement.title')}
          rows={agreements.items}
          rowKey={(a) => a.id}
          empty={{ title: t('agreement.none') }}
          page={page}
          pages={pages}
          columns={[
            { header: t('agreement.number'), cell: (a) => <Link to={`/agreements/${a.id}`}>{a.number}</Link> },
            {
              header: t('match.forOffer'),
              cell: (a) => (
                <>
                  {a.offer_title}
                  <br />
                  <span className="muted">{a.program_title}</span>
                </>
              ),
            },
            {
              header: side === 'partner' ? t('match.upt') : t('match.partner'),
              cell: (a) => (side === 'partner' ? a.upt_name : a.partner_name),
            },
            {
              header: t('agreement.quantity'),
              num: true,
              cell: (a) => (
                <>
                  {formatNumber(a.quantity, lang)} {t(`unit.${a.unit}`)}
                </>
              ),
            },
            {
              header: t('agreement.period'),
              cell: (a) => (
                <>
                  {formatDate(a.start_date, lang)} – {formatDate(a.end_date, lang)}
                </>
              ),
            },
            {
              header: t('common.status'),
              cell: (a) => <StatusBadge status={a.status} label={t(`agreement.status.${a.status}`)} />,
            },
          ]}
        />
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.agreements') }]
