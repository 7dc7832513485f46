import { useT } from '#app/web/i18n.tsx'

/** A rating as five stars, read out as "4 of 5 stars". */
export function Stars({ rating }: { rating: number }) {
  const t = useT()
  const full = Math.round(rating)
  return (
    <span className="stars" role="img" aria-label={t('review.starsOf', { n: rating })}>
      <span aria-hidden="true">{'★'.repeat(full)}</span>
      <span aria-hidden="true" className="stars-empty">
        {'★'.repeat(5 - full)}
      </span>
    </span>
  )
}
