import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DirectoryFilters } from '#app/components/directory-filters.tsx'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { parseDirectoryQuery } from '#app/domain/registry/filters.ts'
import { listProvinces } from '#app/domain/registry/reference.ts'
import { searchUpts } from '#app/domain/registry/upts.ts'
import { requireAdmin } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { pageCount } from '#app/lib/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { kanwilId } = await requireAdmin(request)
  const f = parseDirectoryQuery(new URL(request.url))
  const db = getDb()
  const [result, provinces] = await Promise.all([
    searchUpts(db, { kanwilId, provinceId: f.province, type: f.uptType, q: f.q, page: f.page }),
    listProvinces(db),
  ])
  return {
    ...result,
    page: f.page,
    pages: pageCount(result.total),
    filters: f,
    provinces: kanwilId ? provinces.filter((p) => p.kanwil_id === kanwilId) : provinces,
  }
}

export default function AdminUptsPage() {
  const t = useT()
  const { items, total, page, pages, filters, provinces } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p>
        <Link to="/admin">← {t('admin.title')}</Link>
      </p>
      <h1>{t('admin.upts')}</h1>
      <ListTable
        label={t('admin.upts')}
        filters={
          <DirectoryFilters
            resetTo="/admin/upts"
            values={filters}
            selects={[{ name: 'province', provinces }, { name: 'uptType' }]}
          />
        }
        summary={<p>{t('dir.results', { n: total })}</p>}
        rows={items}
        rowKey={(u) => u.id}
        empty={{ title: t('empty.title') }}
        page={page}
        pages={pages}
        columns={[
          { header: t('common.name'), cell: (u) => <Link to={`/admin/upts/${u.id}`}>{u.name}</Link> },
          { header: t('common.type'), cell: (u) => t(`upt.type.${u.type}`) },
          {
            header: t('common.province'),
            cell: (u) => (
              <>
                {u.city}, {u.province_name}
              </>
            ),
          },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.upts') }]
