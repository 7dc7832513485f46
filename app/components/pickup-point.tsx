import type { PickupPoint } from '#app/domain/orders/shipping.ts'
import { useT } from '#app/web/i18n.tsx'

/** Where a pickup order is collected at one UPT: outlet address, opening hours, contact. */
export function PickupPointInfo({ point, upt }: { point: PickupPoint | null | undefined; upt: string }) {
  const t = useT()
  if (!point) return <p className="muted small">{t('pickup.notSet', { upt })}</p>
  return (
    <dl className="dl pickup-point">
      <dt>{t('pickup.address')}</dt>
      <dd className="prewrap">{point.address}</dd>
      <dt>{t('pickup.hours')}</dt>
      <dd className="prewrap">{point.hours}</dd>
      <dt>{t('pickup.contact')}</dt>
      <dd>{point.contact}</dd>
    </dl>
  )
}
