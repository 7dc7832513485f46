import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PartnerImpact } from '#app/components/partner-impact.tsx'
import { partnerImpact } from '#app/domain/outcomes/partner-impact.ts'
import { getImpactPartner } from '#app/domain/partners/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { metaT, pageTitle, useT } from '#app/web/i18n.tsx'
import { notFound } from '#app/web/guards.server.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

/** Public: only verified partners that chose to show their impact; everyone else is a 404. */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb()
  const partner = await getImpactPartner(db, params.slug ?? '')
  if (!partner) notFound()
  return { partner: { name: partner.name, slug: partner.slug }, impact: await partnerImpact(db, partner.id) }
}

export default function PublicPartnerImpact() {
  const t = useT()
  const { partner, impact } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/partners/${partner.slug}`}>{partner.name}</Link>
      </p>
      <h1>{t('impact.publicPartnerTitle', { name: partner.name })}</h1>
      <PartnerImpact impact={impact} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'title.partnerImpact', { name: data?.partner.name ?? metaT(matches)('title.partner') }) },
]
