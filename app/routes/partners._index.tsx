import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DirectoryFilters } from '#app/components/directory-filters.tsx'
import { DirectoryList } from '#app/components/ui/directory-list.tsx'
import { listVerifiedPartners } from '#app/domain/partners/queries.ts'
import { parseDirectoryQuery } from '#app/domain/registry/filters.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { pageCount } from '#app/lib/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const f = parseDirectoryQuery(new URL(request.url))
  const [result, sectors, provinces] = await Promise.all([
    listVerifiedPartners(db, { q: f.q, provinceId: f.province, sectorId: f.sector, orgType: f.orgType, page: f.page }),
    listSectors(db),
    listProvinces(db),
  ])
  return { ...result, page: f.page, pages: pageCount(result.total), filters: f, sectors, provinces }
}

export default function PartnersDirectory() {
  const t = useT()
  const { items, total, page, pages, filters, sectors, provinces } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('partners.title')}</h1>
      <p className="lead">{t('partners.intro')}</p>
      <DirectoryList
        filters={
          <DirectoryFilters
            resetTo="/partners"
            values={filters}
            selects={[{ name: 'orgType' }, { name: 'sector', sectors }, { name: 'province', provinces }]}
          />
        }
        total={total}
        items={items}
        itemKey={(p) => p.id}
        card={(p) => (
          <>
            <h2>
              <Link to={`/partners/${p.slug}`}>{p.name}</Link>
            </h2>
            <p className="muted">
              {t(`orgType.${p.org_type}`)}
              {p.national ? ` · ${t('partner.national')}` : ''}
            </p>
            {p.description ? (
              <p>{p.description.length > 160 ? `${p.description.slice(0, 157)}…` : p.description}</p>
            ) : null}
          </>
        )}
        empty={{
          title: t('partners.empty'),
          children: (
            <>
              <p>{t('partners.emptyNext')}</p>
              <p>
                <Link to="/partners">{t('common.reset')}</Link> · <Link to="/signup">{t('dir.becomePartner')}</Link>
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

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.partners') }]
