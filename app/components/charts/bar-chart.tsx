import { useId } from 'react'
import { useT } from '#app/web/i18n.tsx'
import type { BarLayout } from './layout.ts'
import { Swatch } from './swatch.tsx'

export interface ChartSeries {
  key: string
  label: string
  /** a fill colour (an SVG attribute: the CSP forbids inline styles) */
  color: string
}

export interface ChartRow {
  key: string | number
  label: string
  values: number[]
}

/**
 * A grouped bar chart rendered on the server as SVG: a y axis with round values, the
 * categories under the bars, a legend, a title and a description for screen readers, and the same
 * numbers as a table in a <details> under the chart (or already on the page: `table={false}`).
 * `layout` is the geometry the loader computed with `barLayout` (scale.server.ts) from the same
 * rows' values, so d3 stays on the server.
 */
export function BarChart({
  title,
  desc,
  series,
  rows,
  format,
  formatTick = format,
  headerLabel,
  table = true,
  layout,
}: {
  title: string
  desc?: string
  series: ChartSeries[]
  rows: ChartRow[]
  format: (n: number) => string
  formatTick?: (n: number) => string
  /** the first column of the table: what the rows are (quarter, year, month) */
  headerLabel: string
  table?: boolean
  layout: BarLayout
}) {
  const t = useT()
  const id = useId()
  const summary =
    desc ??
    rows
      .map((r) => `${r.label}: ${series.map((s, i) => `${s.label} ${format(r.values[i] ?? 0)}`).join(', ')}`)
      .join('; ')
  return (
    <figure className="chart-figure">
      <svg
        className="chart-svg"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        data-chart="bar"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {layout.ticks.map((tick) => (
          <g key={tick.value} className="chart-tick">
            <line
              x1={layout.margin.left}
              x2={layout.width - layout.margin.right}
              y1={tick.y}
              y2={tick.y}
              stroke="#d5ddd9"
              strokeWidth={1}
            />
            <text x={layout.margin.left - 8} y={tick.y + 6} textAnchor="end" fontSize={20} fill="#44524b">
              {formatTick(tick.value)}
            </text>
          </g>
        ))}
        {layout.groups.map((g, i) => (
          <g key={rows[i]!.key}>
            {g.bars.map((b, s) => (
              <rect
                key={series[s]?.key ?? s}
                x={b.x}
                y={b.y}
                width={b.width}
                height={Math.max(0, b.height)}
                fill={series[s]?.color ?? '#1f6f4a'}
              >
                <title>{`${rows[i]!.label}, ${series[s]?.label ?? ''}: ${format(b.value)}`}</title>
              </rect>
            ))}
            <text
              className="chart-category"
              x={g.x + g.width / 2}
              y={layout.height - layout.margin.bottom + 26}
              textAnchor="middle"
              fontSize={20}
              fill="#1c2621"
            >
              {rows[i]!.label}
            </text>
          </g>
        ))}
        <line
          x1={layout.margin.left}
          x2={layout.width - layout.margin.right}
          y1={layout.baseline}
          y2={layout.baseline}
          stroke="#44524b"
          strokeWidth={1}
        />
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.key}>
            <Swatch color={s.color} /> {s.label}
          </span>
        ))}
      </figcaption>
      {table ? (
        <details className="chart-table">
          <summary>{t('chart.showTable')}</summary>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{headerLabel}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  {series.map((s, i) => (
                    <td key={s.key} className="num">
                      {format(r.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  )
}
