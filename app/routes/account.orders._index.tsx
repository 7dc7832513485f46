import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmptyState, Money, Pagination, StatusBadge } from '#app/components/ui/misc.tsx'
import { listOrdersForUser } from '#app/domain/orders/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { requireUser } from '#app/web/guards.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  const page = pageFrom(request.url)
  const r = await listOrdersForUser(getDb(), user.id, page)
  return { ...r, page, pages: pageCount(r.total) }
}

export default function MyOrders() {
  const t = useT()
  const lang = useLang()
  const { rows, page, pages } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('order.history')}</h1>
      {rows.length === 0 ? (
        <EmptyState title={t('order.historyEmpty')}>
          <Link to="/products">{t('cart.browse')}</Link>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('order.number')}</th>
                <th scope="col">{t('order.date')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('order.total')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.order_number}>
                  <td>
                    <Link to={`/account/orders/${o.order_number}`}>{o.order_number}</Link>
                  </td>
                  <td>{formatDateTime(o.created_at, 'Asia/Jakarta', lang)}</td>
                  <td>
                    <StatusBadge status={o.status} label={t(`order.status.${o.status}`)} />
                  </td>
                  <td>
                    <Money amount={o.total} />
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

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.myOrders') }]
