import { formatNumber, formatRupiah } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'
import { type MediumRow, PublicationsByMedium } from './publications-by-medium.tsx'

export interface PartnerImpactData {
  trained: number
  certified: number
  expertDays: number
  unitsAbsorbed: number
  publications: number
  publicationReach: number
  capitalRupiah: number
  publicationsByMedium: MediumRow[]
  exhibitionSalesRupiah: number
  agreements: { active: number; completed: number; cancelled: number }
}

/** What a partner's agreements delivered, as a row of figures (counts only). */
export function PartnerImpact({ impact }: { impact: PartnerImpactData }) {
  const t = useT()
  const lang = useLang()
  const n = (v: number) => formatNumber(v, lang)
  const items: [string, string, string?][] = [
    [t('impact.trained'), n(impact.trained)],
    [t('impact.certified'), n(impact.certified)],
    [t('impact.unitsAbsorbed'), n(impact.unitsAbsorbed)],
    [
      t('impact.publications'),
      n(impact.publications),
      impact.publicationReach ? t('impact.reach', { reach: n(impact.publicationReach) }) : undefined,
    ],
    [t('impact.capital'), formatRupiah(impact.capitalRupiah)],
    [t('impact.expertDays'), n(impact.expertDays)],
  ]
  return (
    <div className="stack">
      <div className="kpis">
        {items.map(([label, value, note]) => (
          <div className="kpi" key={label}>
            <span className="kpi-label">{label}</span>
            <span className="kpi-value">{value}</span>
            {note ? <span className="muted">{note}</span> : null}
          </div>
        ))}
      </div>
      {impact.publicationsByMedium.length ? (
        <section aria-labelledby="publications-by-medium" className="stack">
          <h2 id="publications-by-medium">{t('publication.byMedium')}</h2>
          <PublicationsByMedium rows={impact.publicationsByMedium} label={t('publication.byMedium')} />
          {impact.exhibitionSalesRupiah ? (
            <p className="muted">
              {t('publication.salesTotal', { amount: formatRupiah(impact.exhibitionSalesRupiah) })}
            </p>
          ) : null}
        </section>
      ) : null}
      <p>
        {t('impact.agreements')}:{' '}
        {t('impact.agreementsSummary', {
          active: n(impact.agreements.active),
          completed: n(impact.agreements.completed),
          cancelled: n(impact.agreements.cancelled),
        })}
      </p>
    </div>
  )
}
