import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmailConfirmBanner } from '#app/components/email-confirm-banner.tsx'
import { KindBadge, Quantity } from '#app/components/partners.tsx'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { StatusBadge } from '#app/components/ui/misc.tsx'
import { listPartnerOffers } from '#app/domain/offers/queries.ts'
import { partnerDetails } from '#app/domain/partners/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { requirePartner } from '#app/web/guards.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, partner, isOwner } = await requirePartner(request)
  const db = getDb()
  const [offers, details] = await Promise.all([listPartnerOffers(db, partner.id), partnerDetails(db, partner.id)])
  const profileComplete = (partner.national === 1 || details.provinces.length > 0) && details.sectors.length > 0
  return {
    partner: { name: partner.name, slug: partner.slug, status: partner.status, status_reason: partner.status_reason },
    isOwner,
    profileComplete,
    unconfirmedEmail: session.user.email_verified_at ? null : session.user.email,
    ...offers,
  }
}

const STATUSES = ['draft', 'open', 'fully_committed', 'closed', 'expired'] as const

export default function PartnerDashboard() {
  const t = useT()
  const lang = useLang()
  const { partner, isOwner, profileComplete, unconfirmedEmail, items, counts } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">{t('partner.dashboard')}</p>
      <h1>{partner.name}</h1>
      <p>
        {t('common.status')}: <StatusBadge status={partner.status} label={t(`partner.status.${partner.status}`)} />
      </p>
      {unconfirmedEmail ? <EmailConfirmBanner email={unconfirmedEmail} partner /> : null}
      {partner.status === 'pending' ? <p className="alert alert-info">{t('partner.pendingHelp')}</p> : null}
      {partner.status === 'rejected' || partner.status === 'suspended' ? (
        <p className="alert alert-error">
          {t(`partner.${partner.status}Help`)}{' '}
          {partner.status_reason ? `${t('partner.reason')}: ${partner.status_reason}` : ''}
        </p>
      ) : null}
      {!profileComplete ? <p className="alert alert-info">{t('partner.completeProfile')}</p> : null}
      <div className="button-row">
        <Link to="/partner/offers/new" className="button">
          {t('offer.new')}
        </Link>
        <Link to="/partner/suggestions">{t('match.suggestionsTitle')}</Link>
        <Link to="/agreements">{t('nav.agreements')}</Link>
        <Link to="/partner/impact">{t('impact.partnerTitle')}</Link>
        <Link to="/partner/stories">{t('story.authorTitle')}</Link>
        <Link to="/partner/documents">{t('legalDoc.title')}</Link>
        {isOwner ? (
          <>
            <Link to="/partner/profile" className="button button-secondary">
              {t('partner.editProfile')}
            </Link>
            <Link to="/partner/members" className="button button-secondary">
              {t('partner.members')}
            </Link>
          </>
        ) : null}
        {partner.status === 'verified' ? <Link to={`/partners/${partner.slug}`}>{t('partner.publicPage')}</Link> : null}
      </div>
      <h2>{t('partner.myOffers')}</h2>
      <ul className="status-counts" aria-label={t('dash.statusCounts')}>
        {STATUSES.map((s) => (
          <li key={s}>
            <StatusBadge status={s} label={`${t(`offer.status.${s}`)}: ${counts[s] ?? 0}`} />
          </li>
        ))}
      </ul>
      <ListTable
        label={t('partner.myOffers')}
        rows={items}
        rowKey={(o) => o.id}
        empty={{
          title: t('partner.noOffers'),
          children: (
            <p>
              <Link to="/partner/offers/new">{t('offer.new')}</Link>
            </p>
          ),
        }}
        columns={[
          { header: t('offer.titleField'), cell: (o) => <Link to={`/partner/offers/${o.id}`}>{o.title}</Link> },
          { header: t('dir.kind'), cell: (o) => <KindBadge kind={o.kind} /> },
          { header: t('offer.remaining'), cell: (o) => <Quantity value={o.capacity_remaining} unit={o.unit} /> },
          { header: t('offer.validUntil'), cell: (o) => formatDate(o.valid_until, lang) },
          {
            header: t('common.status'),
            cell: (o) => <StatusBadge status={o.status} label={t(`offer.status.${o.status}`)} />,
          },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.partnerHome') }]
