import { useT } from '#app/web/i18n.tsx'

export interface BadgePanelData {
  /** the badge's own address (same origin, for the preview) */
  src: string
  alt: string
  width: number
  height: number
  snippet: string
  hasFigures: boolean
}

/**
 * The partner's embeddable badge (issue 15, item 6): a preview and the HTML to copy, in a
 * read-only text area (select and copy; works without JavaScript).
 */
export function PartnerBadgePanel({ badge }: { badge: BadgePanelData | null }) {
  const t = useT()
  return (
    <section aria-labelledby="badge-heading" className="card stack">
      <h2 id="badge-heading">{t('badge.title')}</h2>
      {badge ? (
        <>
          <p>{t('badge.intro')}</p>
          {badge.hasFigures ? null : <p className="muted">{t('badge.introNoImpact')}</p>}
          <figure className="stack od-badge-figure">
            <figcaption className="muted">{t('badge.preview')}</figcaption>
            <span className="od-badge-preview">
              <img src={badge.src} alt={badge.alt} width={badge.width} height={badge.height} />
            </span>
          </figure>
          <div className="field">
            <label htmlFor="badge-snippet">{t('badge.code')}</label>
            <p id="badge-snippet-hint" className="hint">
              {t('badge.codeHint')}
            </p>
            <textarea
              id="badge-snippet"
              className="od-snippet"
              readOnly
              value={badge.snippet}
              aria-describedby="badge-snippet-hint"
            />
          </div>
        </>
      ) : (
        <p>{t('badge.unverified')}</p>
      )}
    </section>
  )
}
