import { formatNumber, formatRupiah } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface MediumRow {
  medium: string | null
  count: number
  reach: number
  salesRupiah: number
}

/** Publications, reach and exhibition sales per medium: a small table that reads at 390 px. */
export function PublicationsByMedium({ rows, label }: { rows: MediumRow[]; label: string }) {
  const t = useT()
  const lang = useLang()
  const anySales = rows.some((r) => r.salesRupiah > 0)
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('publication.medium')}</th>
            <th scope="col" className="num">
              {t('impact.publications')}
            </th>
            <th scope="col" className="num">
              {t('publication.reachShort')}
            </th>
            {anySales ? (
              <th scope="col" className="num">
                {t('publication.salesShort')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.medium ?? 'none'}>
              <th scope="row">{r.medium ? t(`publication.medium.${r.medium}`) : t('publication.medium.none')}</th>
              <td className="num">{formatNumber(r.count, lang)}</td>
              <td className="num">{formatNumber(r.reach, lang)}</td>
              {anySales ? <td className="num">{r.salesRupiah ? formatRupiah(r.salesRupiah) : '—'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
