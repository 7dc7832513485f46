import { Link } from '@remix-run/react'
import { PickupPointInfo } from '#app/components/pickup-point.tsx'
import { Money } from '#app/components/ui/misc.tsx'
import type { PickupPoint } from '#app/domain/orders/shipping.ts'
import { useT } from '#app/web/i18n.tsx'

export interface SummaryQuote {
  delivery: 'ship' | 'pickup'
  parcels: { uptId: string; uptName: string; subtotal: number; fee: number | null; total: number | null }[]
  subtotal: number
  shipping: number | null
  total: number | null
  /** a province the quote could not use (unknown id) */
  provinceInvalid?: boolean
}

interface Line {
  product_id: string
  upt_id: string
  name: string
  qty: number
  lineTotal: number
}

/**
 * The whole price before "Buat pesanan": per UPT the lines, shipping and sub-total, then the
 * grand total. A delivery without a province yet says so instead of a fee.
 */
export function CheckoutSummary({
  quote,
  items,
  pickupPoints,
  busy,
}: {
  quote: SummaryQuote
  items: Line[]
  pickupPoints: Record<string, PickupPoint>
  busy?: boolean
}) {
  const t = useT()
  const pending = quote.shipping === null
  return (
    <section className="card stack checkout-summary" aria-labelledby="summary-h" aria-busy={busy ? true : undefined}>
      <h2 id="summary-h">{t('checkout.summary')}</h2>
      {quote.parcels.map((p) => (
        <div key={p.uptId} className="stack parcel" data-upt={p.uptId}>
          <h3>{t('cart.fromUpt', { upt: p.uptName })}</h3>
          <ul>
            {items
              .filter((i) => i.upt_id === p.uptId)
              .map((i) => (
                <li key={i.product_id}>
                  {i.name} × {i.qty}: <Money amount={i.lineTotal} />
                </li>
              ))}
          </ul>
          <dl className="totals">
            <dt>{t('cart.subtotal')}</dt>
            <dd>
              <Money amount={p.subtotal} />
            </dd>
            <dt>{t('order.shipping')}</dt>
            <dd data-testid="parcel-fee">
              {p.fee === null ? (
                t('checkout.feePending')
              ) : quote.delivery === 'pickup' ? (
                t('checkout.feeFree')
              ) : (
                <Money amount={p.fee} />
              )}
            </dd>
          </dl>
          {quote.delivery === 'pickup' ? (
            <div className="pickup-at">
              <h4>{t('pickup.title')}</h4>
              <PickupPointInfo point={pickupPoints[p.uptId]} upt={p.uptName} />
            </div>
          ) : null}
        </div>
      ))}
      <dl className="totals grand-total" aria-live="polite">
        <dt>{t('cart.subtotal')}</dt>
        <dd>
          <Money amount={quote.subtotal} />
        </dd>
        <dt>{t('order.shipping')}</dt>
        <dd data-testid="shipping-total">
          {pending ? t('checkout.feePending') : <Money amount={quote.shipping ?? 0} />}
        </dd>
        <dt>
          <strong>{t('checkout.grandTotal')}</strong>
        </dt>
        <dd data-testid="grand-total">
          <strong>{pending ? t('checkout.totalPending') : <Money amount={quote.total ?? 0} />}</strong>
        </dd>
      </dl>
      {pending ? <p className="muted small">{t('checkout.chooseProvince')}</p> : null}
      <Link to="/cart">{t('checkout.editCart')}</Link>
    </section>
  )
}
