import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState, Money, Pagination, StatusBadge } from '#app/components/ui/misc.tsx'
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
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="status">{t('products.status')}</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="">{t('fulfil.allStatuses')}</option>
            {(['draft', 'published', 'archived'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`products.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t('common.filter')}
        </button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t('products.empty')} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('products.name')}</th>
                <th scope="col">{t('products.price')}</th>
                <th scope="col">{t('products.stock')}</th>
                <th scope="col">{t('products.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/upt/${upt.id}/products/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>
                    <Money amount={p.price} />
                  </td>
                  <td>{p.stock_mode === 'stock' ? p.stock : t('products.stockMode.made_to_order')}</td>
                  <td>
                    <StatusBadge status={p.status} label={t(`products.status.${p.status}`)} />
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

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.uptProducts') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
