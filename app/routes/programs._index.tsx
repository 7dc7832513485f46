import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DirectoryFilters } from '#app/components/directory-filters.tsx'
import { KindBadge } from '#app/components/partners.tsx'
import { DirectoryList } from '#app/components/ui/directory-list.tsx'
import { listActivePrograms } from '#app/domain/programs/queries.ts'
import { parseDirectoryQuery } from '#app/domain/registry/filters.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount } from '#app/lib/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const f = parseDirectoryQuery(new URL(request.url))
  const sort = f.sort === 'neededBy' || f.sort === 'title' ? f.sort : 'newest'
  const [result, sectors, provinces] = await Promise.all([
    listActivePrograms(db, {
      kind: f.kind,
      sectorId: f.sector,
      provinceId: f.province,
      uptType: f.uptType,
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

export default function ProgramsDirectory() {
  const t = useT()
  const lang = useLang()
  const { items, total, page, pages, filters, sectors, provinces } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('programs.title')}</h1>
      <p className="lead">{t('programs.intro')}</p>
      <DirectoryList
        filters={
          <DirectoryFilters
            resetTo="/programs"
            values={filters}
            selects={[
              { name: 'kind', label: 'programs.needKind' },
              { name: 'sector', sectors },
              { name: 'province', provinces },
              { name: 'uptType' },
              { name: 'level' },
            ]}
            sort={{ value: filters.sort, options: ['newest', 'neededBy', 'title'] }}
          />
        }
        total={total}
        items={items}
        itemKey={(p) => p.id}
        card={(p) => (
          <>
            <h2>
              <Link to={`/programs/${p.slug}`}>{p.title}</Link>
            </h2>
            <p className="muted">
              {p.upt_name} · {p.province_name}
            </p>
            <p>
              {lang === 'en' ? p.sector_name_en : p.sector_name_id} ·{' '}
              {t('program.participantsN', { n: p.participants })}
            </p>
            {p.open_kinds.length ? (
              <ul className="badge-list" aria-label={t('program.openNeeds')}>
                {p.open_kinds.map((k) => (
                  <li key={k}>
                    <KindBadge kind={k} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('program.noOpenNeeds')}</p>
            )}
            {p.next_needed_by ? (
              <p className="muted">{t('program.nextNeededBy', { date: formatDate(p.next_needed_by, lang) })}</p>
            ) : null}
          </>
        )}
        empty={{
          title: t('programs.empty'),
          children: (
            <>
              <p>{t('programs.emptyNext')}</p>
              <p>
                <Link to="/programs">{t('common.reset')}</Link> · <Link to="/offers">{t('offers.title')}</Link>
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

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.programs') }]
