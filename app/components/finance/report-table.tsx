import { type Column, ListTable } from '#app/components/ui/list-table.tsx'
import { Money } from '#app/components/ui/misc.tsx'
import { useT } from '#app/web/i18n.tsx'

export const COLUMNS = [
  'grossSales',
  'refunds',
  'base',
  'pnbpDue',
  'deposited',
  'outstanding',
  'premi',
  'production',
  'partner',
  'operations',
  'shipping',
  'uniqueCodes',
  'lateAmount',
  'lateDays',
] as const
type Figures = Record<(typeof COLUMNS)[number], number>

/** A figure in its unit: rupiah, or whole days for the delay of late deposits. */
function Figure({ column, value }: { column: (typeof COLUMNS)[number]; value: number }) {
  const t = useT()
  if (column === 'lateDays') return <>{value > 0 ? t('finance.days', { days: value }) : '–'}</>
  return <Money amount={value} />
}

/** A month's figures: label column first, then one money column per figure, and the totals. */
export function ReportTable({
  caption,
  head,
  rows,
  total,
}: {
  caption: string
  head: string
  rows: ({ key: string; label: React.ReactNode } & Figures)[]
  total?: Figures
}) {
  const t = useT()
  type Row = (typeof rows)[number]
  const columns: Column<Row>[] = [
    { header: head, rowHeader: true, cell: (r) => r.label },
    ...COLUMNS.map((c): Column<Row> => ({
      header: t(`finance.col.${c}`),
      cell: (r) => <Figure column={c} value={r[c]} />,
    })),
  ]
  return (
    <ListTable
      label={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={columns}
      footer={total ? { key: 'total', label: t('finance.total'), ...total } : undefined}
    />
  )
}

/** Bars of PNBP due and deposited per month (SVG, no inline styles; numbers in titles and a table nearby). */
export function PnbpChart({
  months,
  title,
}: {
  months: { month: number; due: number; deposited: number }[]
  title: string
}) {
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
        {title}: <span className="legend legend-due" aria-hidden="true" /> {t('finance.col.pnbpDue')} ·{' '}
        <span className="legend legend-deposited" aria-hidden="true" /> {t('finance.col.deposited')}
      </figcaption>
    </figure>
  )
}
