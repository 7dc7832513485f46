import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { OrderLinesTable, SubOrderTotals } from '#app/components/order-view.tsx'
import { getSubOrderForUpt } from '#app/domain/orders/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { notFound, requireUptStaff } from '#app/web/guards.server.ts'

/** Printable invoice and packing slip (browser print; print CSS hides the site chrome). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const sub = await getSubOrderForUpt(getDb(), upt.id, params.subOrderId ?? '')
  if (!sub) notFound()
  return {
    upt: { id: upt.id, name: upt.name, city: upt.city, province: upt.province_name, timezone: upt.timezone },
    sub,
  }
}

export default function InvoicePage() {
  const t = useT()
  const lang = useLang()
  const { upt, sub } = useLoaderData<typeof loader>()
  const address =
    sub.delivery === 'ship'
      ? `${sub.address}, ${sub.city}, ${sub.province_name ?? ''} ${sub.postal_code}`
      : t('order.pickupAt')
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={`/upt/${upt.id}/orders/${sub.id}`}>{t('common.back')}</Link>
      </p>
      <section className="print-page stack" aria-labelledby="invoice-h">
        <h1 id="invoice-h">
          {t('fulfil.invoiceTitle')} {sub.number}
        </h1>
        <p>
          <strong>{upt.name}</strong>
          <br />
          {upt.city}, {upt.province}
        </p>
        <dl className="dl">
          <dt>{t('order.date')}</dt>
          <dd>{formatDateTime(sub.created_at, upt.timezone, lang)}</dd>
          <dt>{t('order.buyer')}</dt>
          <dd>
            {sub.buyer_name}, {sub.buyer_email}, {sub.buyer_phone}
          </dd>
          <dt>{t('order.deliverTo')}</dt>
          <dd>{address}</dd>
          <dt>{t('common.status')}</dt>
          <dd>{t(`order.status.${sub.status}`)}</dd>
        </dl>
        <OrderLinesTable label={t('order.subOrder', { number: sub.number })} lines={sub.lines} />
        <SubOrderTotals sub={sub} />
      </section>
      <section className="stack" aria-labelledby="slip-h">
        <h2 id="slip-h">
          {t('fulfil.packingSlip')} {sub.number}
        </h2>
        <p>
          <strong>{sub.buyer_name}</strong> · {sub.buyer_phone}
          <br />
          {address}
        </p>
        <ul>
          {sub.lines.map((l) => (
            <li key={l.id}>
              ☐ {l.qty} {l.unit} {l.name}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'title.invoice', { number: data?.sub.number ?? '' }) },
]
