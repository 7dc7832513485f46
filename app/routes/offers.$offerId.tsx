import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { OfferSummary, OfferTermsList } from '#app/components/offer-view.tsx'
import { KindBadge, Quantity } from '#app/components/partners.tsx'
import { getPublicOffer } from '#app/domain/offers/public.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { pageTitle, recordTitle, useLang, useT } from '#app/web/i18n.tsx'
import { notFound } from '#app/web/guards.server.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const offer = await getPublicOffer(getDb(), params.offerId ?? '')
  // Unknown, draft, closed, expired offers and offers of unverified partners all look the same.
  if (!offer) notFound()
  return { offer, base: getEnv().appUrl }
}

export default function PublicOfferPage() {
  const t = useT()
  const lang = useLang()
  const { offer } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p>
        <Link to="/offers">← {t('offerPage.back')}</Link>
      </p>
      <div>
        <KindBadge kind={offer.kind} />
      </div>
      <h1>{offer.title}</h1>
      <p>
        {t('offerPage.partner')}: <Link to={`/partners/${offer.partner_slug}`}>{offer.partner_name}</Link>
      </p>
      {offer.description ? <p className="lead">{offer.description}</p> : null}
      <OfferSummary offer={offer} />
      <section aria-labelledby="offer-terms" className="card">
        <h2 id="offer-terms">{t('offer.terms')}</h2>
        <OfferTermsList terms={offer.terms} />
      </section>
      <section aria-labelledby="offer-where" className="card">
        <h2 id="offer-where">{t('offerPage.where')}</h2>
        <dl className="dl dl-stack">
          <dt>{t('offerPage.validity')}</dt>
          <dd>
            {t('offerPage.validRange', {
              from: formatDate(offer.valid_from, lang),
              until: formatDate(offer.valid_until, lang),
            })}
          </dd>
          <dt>{t('offerPage.capacityTotal')}</dt>
          <dd>
            <Quantity value={offer.capacity_total} unit={offer.unit} />
          </dd>
          <dt>{t('offer.provinces')}</dt>
          <dd>
            {offer.national ? t('partner.national') : offer.provinces.map((p) => p.name).join(', ') || t('common.none')}
          </dd>
          <dt>{t('dir.sector')}</dt>
          <dd>{offer.sectors.map((s) => (lang === 'en' ? s.name_en : s.name_id)).join(', ') || t('common.none')}</dd>
          <dt>{t('offerPage.levels')}</dt>
          <dd>{offer.securityLevels.map((l) => t(`security.${l}`)).join(', ') || t('common.none')}</dd>
        </dl>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: pageTitle(matches, 'title.offer') }]
  const o = data.offer
  const url = `${data.base}/offers/${o.id}`
  const description = (o.description ?? `${o.title} · ${o.partner_name}`).slice(0, 160)
  return [
    { title: recordTitle(matches, `${o.title} · ${o.partner_name}`, 'title.offer') },
    { name: 'description', content: description },
    { property: 'og:title', content: o.title },
    { property: 'og:url', content: url },
    { tagName: 'link', rel: 'canonical', href: url },
  ]
}
