import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Money, StatusBadge } from '#app/components/ui/misc.tsx'
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
      <ListTable
        label={t('order.history')}
        rows={rows}
        rowKey={(o) => o.order_number}
        empty={{ title: t('order.historyEmpty'), children: <Link to="/products">{t('cart.browse')}</Link> }}
        page={page}
        pages={pages}
        columns={[
          { header: t('order.number'), cell: (o) => <Link to={`/account/orders/${o.order_number}`}>{o.order_number}</Link> },
          { header: t('order.date'), cell: (o) => formatDateTime(o.created_at, 'Asia/Jakarta', lang) },
          { header: t('common.status'), cell: (o) => <StatusBadge status={o.status} label={t(`order.status.${o.status}`)} /> },
          { header: t('order.total'), cell: (o) => <Money amount={o.total} /> },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.myOrders') }]
