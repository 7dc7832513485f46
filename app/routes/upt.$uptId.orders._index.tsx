import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FilterInput, FilterSelect, ListFilters, ListTable } from '#app/components/ui/list-table.tsx'
import { Money, StatusBadge } from '#app/components/ui/misc.tsx'
import { listSubOrdersForUpt } from '#app/domain/orders/queries.ts'
import { ALL_STATUSES } from '#app/domain/orders/state.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { requireUptStaff } from '#app/web/guards.server.ts'

const Filters = z.object({
  status: z
    .enum(ALL_STATUSES as [string, ...string[]])
    .optional()
    .catch(undefined),
  q: z.string().trim().max(60).optional().catch(undefined),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const url = new URL(request.url)
  const f = Filters.parse({
    status: url.searchParams.get('status') || undefined,
    q: url.searchParams.get('q') || undefined,
  })
  const page = pageFrom(url)
  const r = await listSubOrdersForUpt(getDb(), upt.id, {
    status: f.status as (typeof ALL_STATUSES)[number] | undefined,
    q: f.q,
    page,
  })
  return {
    upt: { id: upt.id, name: upt.name, timezone: upt.timezone },
    ...r,
    page,
    pages: pageCount(r.total),
    filters: { status: f.status ?? '', q: f.q ?? '' },
  }
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
      <ListTable
        label={t('fulfil.title')}
        filters={
          <ListFilters label={t('common.filter')}>
            <FilterSelect
              name="status"
              label={t('common.status')}
              value={filters.status}
              all={t('fulfil.allStatuses')}
              options={ALL_STATUSES.map((s) => ({ value: s, label: t(`order.status.${s}`) }))}
            />
            <FilterInput name="q" label={t('fulfil.search')} type="search" defaultValue={filters.q} maxLength={60} />
          </ListFilters>
        }
        rows={rows}
        rowKey={(s) => s.id}
        empty={{ title: t('fulfil.empty') }}
        page={page}
        pages={pages}
        columns={[
          { header: t('order.number'), cell: (s) => <Link to={`/upt/${upt.id}/orders/${s.id}`}>{s.number}</Link> },
          { header: t('order.buyer'), cell: (s) => s.buyer_name },
          { header: t('order.date'), cell: (s) => formatDateTime(s.created_at, upt.timezone, lang) },
          {
            header: t('common.status'),
            cell: (s) => <StatusBadge status={s.status} label={t(`order.status.${s.status}`)} />,
          },
          { header: t('order.total'), cell: (s) => <Money amount={s.total} /> },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.incomingOrders') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
