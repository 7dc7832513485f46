import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DirectoryFilters } from '#app/components/directory-filters.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
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
  return { ...result, page: f.page, pages: pageCount(result.total), filters: f, provinces: kanwilId ? provinces.filter((p) => p.kanwil_id === kanwilId) : provinces }
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
      <DirectoryFilters resetTo="/admin/upts" values={filters} selects={[{ name: 'province', provinces }, { name: 'uptType' }]} />
      <p>{t('dir.results', { n: total })}</p>
      {items.length === 0 ? (
        <EmptyState title={t('empty.title')} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.type')}</th>
                <th scope="col">{t('common.province')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/upts/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{t(`upt.type.${u.type}`)}</td>
                  <td>
                    {u.city}, {u.province_name}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.upts') }]
