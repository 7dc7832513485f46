import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState, Money, Pagination, StatusBadge } from '#app/components/ui/misc.tsx'
import { listSubOrdersForUpt } from '#app/domain/orders/queries.ts'
import { ALL_STATUSES } from '#app/domain/orders/state.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { requireUptStaff } from '#app/web/guards.server.ts'

const Filters = z.object({
  status: z.enum(ALL_STATUSES as [string, ...string[]]).optional().catch(undefined),
  q: z.string().trim().max(60).optional().catch(undefined),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const url = new URL(request.url)
  const f = Filters.parse({ status: url.searchParams.get('status') || undefined, q: url.searchParams.get('q') || undefined })
  const page = pageFrom(url)
  const r = await listSubOrdersForUpt(getDb(), upt.id, { status: f.status as (typeof ALL_STATUSES)[number] | undefined, q: f.q, page })
  return { upt: { id: upt.id, name: upt.name, timezone: upt.timezone }, ...r, page, pages: pageCount(r.total), filters: { status: f.status ?? '', q: f.q ?? '' } }
}

export default function UptOrders() {
  const t = useT()
  const lang = useLang()
  const { upt, rows, page, pages, filters } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}`}>{upt.name}</Link>
      </p>
      <h1>{t('fulfil.title')}</h1>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="status">{t('common.status')}</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="">{t('fulfil.allStatuses')}</option>
            {ALL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`order.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q">{t('fulfil.search')}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} maxLength={60} />
        </div>
        <button type="submit" className="button button-secondary">
          {t('common.filter')}
        </button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t('fulfil.empty')} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('order.number')}</th>
                <th scope="col">{t('order.buyer')}</th>
                <th scope="col">{t('order.date')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('order.total')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/upt/${upt.id}/orders/${s.id}`}>{s.number}</Link>
                  </td>
                  <td>{s.buyer_name}</td>
                  <td>{formatDateTime(s.created_at, upt.timezone, lang)}</td>
                  <td>
                    <StatusBadge status={s.status} label={t(`order.status.${s.status}`)} />
                  </td>
                  <td>
                    <Money amount={s.total} />
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

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.incomingOrders') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
