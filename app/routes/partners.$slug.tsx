import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { KindBadge, Quantity } from '#app/components/partners.tsx'
import { PartnerImpact } from '#app/components/partner-impact.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { listOpenOffers } from '#app/domain/offers/queries.ts'
import { getVerifiedPartner, partnerDetails } from '#app/domain/partners/queries.ts'
import { partnerImpact } from '#app/domain/outcomes/partner-impact.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { recordTitle, useLang, useT } from '#app/web/i18n.tsx'
import { notFound } from '#app/web/guards.server.ts'
import matchingStyles from '#app/styles/matching.css'

// Issue 4: what the partner's agreements delivered, shown only when it opted in.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb()
  const partner = await getVerifiedPartner(db, params.slug ?? '')
  // Pending, rejected and suspended partners have no public page.
  if (!partner) notFound()
  // Individuals' own email addresses are not published; organisations' contact addresses are.
  const contact = partner.org_type === 'individual' ? null : partner.contact_email
  const [details, offers] = await Promise.all([
    partnerDetails(db, partner.id),
    listOpenOffers(db, { partnerId: partner.id, sort: 'ending' }),
  ])
  const { contact_email: _email, ...pub } = partner
  const impact = partner.impact_public === 1 ? await partnerImpact(db, partner.id) : null
  return { partner: { ...pub, contact }, ...details, offers: offers.items, impact }
}

export default function PartnerProfilePage() {
  const t = useT()
  const lang = useLang()
  const { partner, provinces, sectors, offers, impact } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">
        {t(`orgType.${partner.org_type}`)} · <span className="badge badge-ok">{t('partner.status.verified')}</span>
      </p>
      <h1>{partner.name}</h1>
      {partner.description ? <p className="lead">{partner.description}</p> : null}
      <dl className="dl">
        <dt>{t('partner.serves')}</dt>
        <dd>
          {partner.national ? t('partner.national') : provinces.map((p) => p.name).join(', ') || t('common.none')}
        </dd>
        <dt>{t('dir.sector')}</dt>
        <dd>{sectors.map((s) => (lang === 'en' ? s.name_en : s.name_id)).join(', ') || t('common.none')}</dd>
        {partner.website ? (
          <>
            <dt>{t('partner.website')}</dt>
            <dd>
              <a href={partner.website} rel="noopener noreferrer nofollow">
                {partner.website}
              </a>
            </dd>
          </>
        ) : null}
        {partner.contact ? (
          <>
            <dt>{t('partner.contact')}</dt>
            <dd>{partner.contact}</dd>
          </>
        ) : null}
      </dl>
      {impact ? (
        <section aria-labelledby="impact" className="stack">
          <h2 id="impact">{t('impact.partnerTitle')}</h2>
          <PartnerImpact impact={impact} />
        </section>
      ) : null}
      <h2>{t('partner.openOffers')}</h2>
      {offers.length === 0 ? (
        <EmptyState title={t('offers.empty')}>
          <p>
            <Link to="/offers">{t('offers.title')}</Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {offers.map((o) => (
            <li key={o.id} className="card">
              <KindBadge kind={o.kind} />
              <h3>
                <Link to={`/offers/${o.id}`}>{o.title}</Link>
              </h3>
              <p>
                <Quantity value={o.capacity_remaining} unit={o.unit} /> · {t('offer.validUntil')}{' '}
                {formatDate(o.valid_until, lang)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: recordTitle(matches, data?.partner.name, 'title.partner') },
]
