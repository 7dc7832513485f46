import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DirectoryFilters } from '#app/components/directory-filters.tsx'
import { OfferSummary } from '#app/components/offer-view.tsx'
import { KindBadge } from '#app/components/partners.tsx'
import { DirectoryList } from '#app/components/ui/directory-list.tsx'
import { listOpenOffers } from '#app/domain/offers/queries.ts'
import { parseDirectoryQuery } from '#app/domain/registry/filters.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { loadAllowedKinds } from '#app/domain/registry/settings.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { pageCount } from '#app/lib/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const f = parseDirectoryQuery(new URL(request.url))
  const sort = f.sort === 'ending' || f.sort === 'capacity' ? f.sort : 'newest'
  // "For a UPT type" keeps the kinds that type may receive (admin settings).
  const kinds = f.uptType ? ((await loadAllowedKinds(db)).upt_type[f.uptType] ?? []) : undefined
  const [result, sectors, provinces] = await Promise.all([
    listOpenOffers(db, {
      kind: f.kind,
      kinds,
      sectorId: f.sector,
      provinceId: f.province,
      securityLevel: f.level,
      q: f.q,
      sort,
      page: f.page,
    }),
    listSectors(db),
    listProvinces(db),
  ])
  return { ...result, page: f.page, pages: pageCount(result.total), filters: { ...f, sort }, sectors, provinces }
}

export default function OffersDirectory() {
  const t = useT()
  const { items, total, page, pages, filters, sectors, provinces } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('offers.title')}</h1>
      <p className="lead">{t('offers.intro')}</p>
      <DirectoryList
        filters={
          <DirectoryFilters
            resetTo="/offers"
            values={filters}
            selects={[
              { name: 'kind' },
              { name: 'sector', sectors },
              { name: 'province', provinces },
              { name: 'level' },
              { name: 'uptType', label: 'dir.forUptType' },
            ]}
            sort={{ value: filters.sort, options: ['newest', 'ending', 'capacity'] }}
          />
        }
        total={total}
        items={items}
        itemKey={(o) => o.id}
        card={(o) => (
          <>
            <KindBadge kind={o.kind} />
            <h2>
              <Link to={`/offers/${o.id}`}>{o.title}</Link>
            </h2>
            <p>
              <Link to={`/partners/${o.partner_slug}`}>{o.partner_name}</Link>
            </p>
            <OfferSummary offer={o} />
          </>
        )}
        empty={{
          title: t('offers.empty'),
          children: (
            <>
              <p>{t('offers.emptyNext')}</p>
              <p>
                <Link to="/offers">{t('common.reset')}</Link> · <Link to="/signup">{t('dir.becomePartner')}</Link>
              </p>
            </>
          ),
        }}
        page={page}
        pages={pages}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.offers') }]
