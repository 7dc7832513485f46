import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FilterSelect, ListFilters, ListTable } from '#app/components/ui/list-table.tsx'
import { Money, StatusBadge } from '#app/components/ui/misc.tsx'
import { listUptProducts } from '#app/domain/catalog/products.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { requireUptStaff } from '#app/web/guards.server.ts'

const StatusFilter = z.enum(['draft', 'published', 'archived']).optional().catch(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const url = new URL(request.url)
  const status = StatusFilter.parse(url.searchParams.get('status') || undefined)
  const page = pageFrom(url)
  const r = await listUptProducts(getDb(), upt.id, { status, page })
  return { upt: { id: upt.id, name: upt.name }, ...r, page, pages: pageCount(r.total), status: status ?? '' }
}

export default function UptProducts() {
  const t = useT()
  const { upt, rows, page, pages, status } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}`}>{upt.name}</Link>
      </p>
      <h1>{t('products.manage')}</h1>
      <p>
        <Link to={`/upt/${upt.id}/products/new`} className="button">
          {t('products.new')}
        </Link>
      </p>
      <ListTable
        label={t('products.manage')}
        filters={
          <ListFilters label={t('common.filter')}>
            <FilterSelect
              name="status"
              label={t('products.status')}
              value={status}
              all={t('fulfil.allStatuses')}
              options={(['draft', 'published', 'archived'] as const).map((s) => ({
                value: s,
                label: t(`products.status.${s}`),
              }))}
            />
          </ListFilters>
        }
        rows={rows}
        rowKey={(p) => p.id}
        empty={{ title: t('products.empty') }}
        page={page}
        pages={pages}
        columns={[
          { header: t('products.name'), cell: (p) => <Link to={`/upt/${upt.id}/products/${p.id}`}>{p.name}</Link> },
          { header: t('products.price'), cell: (p) => <Money amount={p.price} /> },
          {
            header: t('products.stock'),
            cell: (p) => (p.stock_mode === 'stock' ? p.stock : t('products.stockMode.made_to_order')),
          },
          {
            header: t('products.status'),
            cell: (p) => <StatusBadge status={p.status} label={t(`products.status.${p.status}`)} />,
          },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.uptProducts') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
