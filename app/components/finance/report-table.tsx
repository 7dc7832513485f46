import { Money } from '#app/components/ui/misc.tsx'
import { useT } from '#app/web/i18n.tsx'

export const COLUMNS = ['grossSales', 'refunds', 'base', 'pnbpDue', 'deposited', 'outstanding', 'premi', 'production', 'partner', 'operations', 'shipping', 'uniqueCodes', 'lateAmount', 'lateDays'] as const
type Figures = Record<(typeof COLUMNS)[number], number>

/** A figure in its unit: rupiah, or whole days for the delay of late deposits. */
function Figure({ column, value }: { column: (typeof COLUMNS)[number]; value: number }) {
  const t = useT()
  if (column === 'lateDays') return <>{value > 0 ? t('finance.days', { days: value }) : '–'}</>
  return <Money amount={value} />
}

/** A month's figures: label column first, then one money column per figure. */
export function ReportTable({ caption, head, rows, total }: { caption: string; head: string; rows: ({ key: string; label: React.ReactNode } & Figures)[]; total?: Figures }) {
  const t = useT()
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c}>
                {t(`finance.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {COLUMNS.map((c) => (
                <td key={c}>
                  <Figure column={c} value={r[c]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{t('finance.total')}</th>
              {COLUMNS.map((c) => (
                <td key={c}>
                  <Figure column={c} value={total[c]} />
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  )
}

/** Bars of PNBP due and deposited per month (SVG, no inline styles; numbers in titles and a table nearby). */
export function PnbpChart({ months, title }: { months: { month: number; due: number; deposited: number }[]; title: string }) {
  const t = useT()
  const max = Math.max(1, ...months.flatMap((m) => [m.due, m.deposited]))
  const h = 120
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${months.length * 30} ${h + 16}`} role="img" aria-label={title} className="chart-svg">
        {months.map((m, i) => {
          const dueH = Math.round((m.due / max) * h)
          const depH = Math.round((m.deposited / max) * h)
          return (
            <g key={m.month}>
              <rect x={i * 30 + 4} y={h - dueH} width={10} height={dueH} className="bar-due">
                <title>{`${m.month}: ${m.due}`}</title>
              </rect>
              <rect x={i * 30 + 15} y={h - depH} width={10} height={depH} className="bar-deposited">
                <title>{`${m.month}: ${m.deposited}`}</title>
              </rect>
              <text x={i * 30 + 15} y={h + 13} textAnchor="middle" className="chart-label">
                {m.month}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption className="muted">
        {title}: <span className="legend legend-due" aria-hidden="true" /> {t('finance.col.pnbpDue')} · <span className="legend legend-deposited" aria-hidden="true" /> {t('finance.col.deposited')}
      </figcaption>
    </figure>
  )
}
