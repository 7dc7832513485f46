import { trackingUrl } from '#app/lib/couriers.ts'
import { useT } from '#app/web/i18n.tsx'

/**
 * A courier's tracking number, linked to the courier's tracking page when the courier is known
 * (app/lib/couriers.ts). No referrer: the buyer's order page address holds its secret.
 */
export function TrackingNumber({ courier, number }: { courier: string | null; number: string }) {
  const t = useT()
  const url = trackingUrl(courier, number)
  if (!url) return <span className="tracking-number">{number}</span>
  return (
    <a href={url} rel="noreferrer noopener external" className="tracking-number">
      {number} <span className="visually-hidden">({t('order.trackAt', { courier: courier ?? '' })})</span>
    </a>
  )
}
