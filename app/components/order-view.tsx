import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { PickupPointInfo } from '#app/components/pickup-point.tsx'
import { TrackingNumber } from '#app/components/tracking-number.tsx'
import { Stars } from '#app/components/stars.tsx'
import { Money, StatusBadge } from '#app/components/ui/misc.tsx'
import type { PickupPoint } from '#app/domain/orders/shipping.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface OrderViewData {
  order: {
    order_number: string
    status: string
    delivery: string
    address: string | null
    city: string | null
    postal_code: string | null
    province_name?: string | null
    subtotal: number
    shipping_total: number
    total: number
    reserved_until: string
    created_at: string
  }
  subOrders: {
    id: string
    number: string
    status: string
    subtotal: number
    shipping_fee: number
    total: number
    courier: string | null
    tracking_number: string | null
    upt_name: string
    upt_city: string
    pickup?: PickupPoint | null
    lines: OrderLine[]
  }[]
  /** line id -> the buyer's review of it (issue 14, item 5) */
  reviews?: Record<string, { rating: number; editable: boolean; hidden: boolean }>
}

export interface OrderLine {
  id: string
  name: string
  unit: string
  unit_price: number
  qty: number
  line_total: number
}

/** An order as the buyer sees it: one block per UPT sub-order. */
export function OrderView({
  data,
  children,
  reviewPath,
}: {
  data: OrderViewData
  children?: ReactNode
  reviewPath?: string
}) {
  const t = useT()
  const lang = useLang()
  const { order, subOrders } = data
  return (
    <div className="stack">
      <h1>{t('order.title', { number: order.order_number })}</h1>
      <p>
        <StatusBadge status={order.status} label={t(`order.status.${order.status}`)} />
      </p>
      {order.status === 'pending_payment' ? (
        <div className="alert" role="status">
          <p>{t('order.payBy', { time: formatDateTime(order.reserved_until, 'Asia/Jakarta', lang) })}</p>
        </div>
      ) : null}
      {children}
      <dl className="dl">
        <dt>{t('order.date')}</dt>
        <dd>{formatDateTime(order.created_at, 'Asia/Jakarta', lang)}</dd>
        <dt>{order.delivery === 'ship' ? t('order.deliverTo') : t('checkout.delivery')}</dt>
        <dd>
          {order.delivery === 'ship'
            ? [order.address, order.city, order.province_name, order.postal_code].filter(Boolean).join(', ')
            : t('order.pickupAt')}
        </dd>
      </dl>
      {subOrders.map((s) => (
        <section key={s.id} className="card stack sub-order" aria-labelledby={`sub-${s.id}`}>
          <h2 id={`sub-${s.id}`}>{t('order.subOrder', { number: s.number })}</h2>
          <p>
            {s.upt_name}, {s.upt_city} · <StatusBadge status={s.status} label={t(`order.status.${s.status}`)} />
          </p>
          <ul>
            {s.lines.map((l) => (
              <li key={l.id} id={`line-${l.id}`}>
                {l.name} × {l.qty} {l.unit}: <Money amount={l.line_total} />
                {reviewPath && s.status === 'completed' ? (
                  <LineReview path={`${reviewPath}/${l.id}`} name={l.name} review={data.reviews?.[l.id]} />
                ) : null}
              </li>
            ))}
          </ul>
          <SubOrderTotals sub={s} />
          {order.delivery === 'pickup' ? (
            <div className="pickup-at">
              <h3>{t('pickup.title')}</h3>
              <PickupPointInfo point={s.pickup} upt={s.upt_name} />
            </div>
          ) : null}
          {s.tracking_number ? (
            <p>
              {t('order.courier')}: {s.courier} · {t('order.tracking')}:{' '}
              <TrackingNumber courier={s.courier} number={s.tracking_number} />
            </p>
          ) : null}
        </section>
      ))}
      <dl className="totals">
        <dt>{t('cart.subtotal')}</dt>
        <dd>
          <Money amount={order.subtotal} />
        </dd>
        <dt>{t('order.shipping')}</dt>
        <dd>
          <Money amount={order.shipping_total} />
        </dd>
        <dt>
          <strong>{t('order.total')}</strong>
        </dt>
        <dd>
          <strong>
            <Money amount={order.total} />
          </strong>
        </dd>
      </dl>
    </div>
  )
}

/** Under a line of a completed sub-order: "Beri ulasan", or the stars given and "Ubah ulasan" while it may be changed. */
function LineReview({
  path,
  name,
  review,
}: {
  path: string
  name: string
  review?: { rating: number; editable: boolean; hidden: boolean }
}) {
  const t = useT()
  if (!review) {
    return (
      <>
        {' '}
        ·{' '}
        <Link to={path}>
          {t('review.write')}
          <span className="visually-hidden"> {name}</span>
        </Link>
      </>
    )
  }
  return (
    <>
      {' '}
      · <Stars rating={review.rating} />
      {review.hidden ? <span className="muted small"> {t('review.hiddenShort')}</span> : null}
      {review.editable ? (
        <>
          {' '}
          <Link to={path}>
            {t('review.edit')}
            <span className="visually-hidden"> {name}</span>
          </Link>
        </>
      ) : null}
    </>
  )
}

/** The lines of one sub-order as a table (product, quantity, unit price, line total). */
export function OrderLinesTable({ label, lines }: { label: string; lines: OrderLine[] }) {
  const t = useT()
  return (
    <ListTable
      label={label}
      rows={lines}
      rowKey={(l) => l.id}
      columns={[
        { header: t('cart.product'), cell: (l) => l.name },
        {
          header: t('cart.qty'),
          cell: (l) => (
            <>
              {l.qty} {l.unit}
            </>
          ),
        },
        { header: t('cart.price'), cell: (l) => <Money amount={l.unit_price} /> },
        { header: t('cart.total'), cell: (l) => <Money amount={l.line_total} /> },
      ]}
    />
  )
}

/** A sub-order's subtotal (unless left out), shipping fee and total. */
export function SubOrderTotals({
  sub,
  subtotal = true,
}: {
  sub: { subtotal: number; shipping_fee: number; total: number }
  subtotal?: boolean
}) {
  const t = useT()
  return (
    <dl className="totals">
      {subtotal ? (
        <>
          <dt>{t('cart.subtotal')}</dt>
          <dd>
            <Money amount={sub.subtotal} />
          </dd>
        </>
      ) : null}
      <dt>{t('order.shipping')}</dt>
      <dd>
        <Money amount={sub.shipping_fee} />
      </dd>
      <dt>{t('order.total')}</dt>
      <dd>
        <Money amount={sub.total} />
      </dd>
    </dl>
  )
}
