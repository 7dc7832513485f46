import { useId } from 'react'
import { useT } from '#app/web/i18n.tsx'
import type { TileMapLayout } from './layout.ts'
import { Swatch } from './swatch.tsx'

/** Light to dark green: more people trained is darker; no figures is grey. */
const SHADES = ['#d8ece1', '#9fcfb3', '#4f9c74', '#1f6f4a', '#0f4a30']
const NONE = '#eceeed'

export interface ProvinceFigure {
  id: string
  name: string
  value: number
  /** extra columns of the table (already formatted), in the order of `extraHeaders` */
  extra?: string[]
}

/**
 * The tile-grid map of the 38 provinces, shaded by a figure in round classes, with a legend, a
 * title and description, and the numbers in a table under it. Server-rendered SVG: `map` is the
 * geometry and classes the loader computed with `tileMapLayout` (scale.server.ts) from the same
 * figures, so nothing of d3 runs in the browser.
 */
export function TileMap({
  title,
  intro,
  valueLabel,
  extraHeaders = [],
  figures,
  map,
  format,
}: {
  title: string
  intro?: string
  valueLabel: string
  extraHeaders?: string[]
  figures: ProvinceFigure[]
  map: TileMapLayout
  format: (n: number) => string
}) {
  const t = useT()
  const id = useId()
  const byId = new Map(figures.map((f) => [f.id, f]))
  const { thresholds, width, height } = map
  const legend = [
    { key: 'none', color: NONE, label: t('impact.mapNone') },
    ...[0, ...thresholds].map((lo, i) => {
      const hi = thresholds[i]
      return {
        key: String(i),
        color: SHADES[i]!,
        label: hi === undefined ? `≥ ${format(Math.max(1, lo))}` : `${format(Math.max(1, lo))}–${format(hi - 1)}`,
      }
    }),
  ]
  const withFigures = figures.filter((f) => f.value > 0)
  const summary = withFigures.length
    ? withFigures.map((f) => `${f.name}: ${format(f.value)}`).join('; ')
    : t('impact.mapNone')
  return (
    <figure className="chart-figure">
      {intro ? <p className="muted">{intro}</p> : null}
      <svg
        className="chart-svg tile-map"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        data-chart="tile-map"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {map.tiles.map((tile) => {
          const f = byId.get(tile.id)
          const cls = tile.cls
          const fill = cls < 0 ? NONE : SHADES[Math.min(cls, SHADES.length - 1)]!
          return (
            <g key={tile.id} data-province={tile.id}>
              <rect x={tile.x} y={tile.y} width={tile.size} height={tile.size} rx={4} fill={fill}>
                <title>{`${f?.name ?? tile.code}: ${f && f.value > 0 ? format(f.value) : t('impact.mapNone')}`}</title>
              </rect>
              <text
                x={tile.x + tile.size / 2}
                y={tile.y + tile.size / 2 + 5}
                textAnchor="middle"
                fontSize={15}
                fontWeight={600}
                fill={cls >= 2 ? '#ffffff' : '#1c2621'}
              >
                {tile.code}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption className="chart-legend">
        <span>{valueLabel}:</span>
        {legend.map((l) => (
          <span key={l.key}>
            <Swatch color={l.color} stroke="#c4ccc8" /> {l.label}
          </span>
        ))}
      </figcaption>
      <details className="chart-table">
        <summary>{t('chart.showTable')}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.province')}</th>
              <th scope="col">{t('impact.code')}</th>
              <th scope="col" className="num">
                {valueLabel}
              </th>
              {extraHeaders.map((h) => (
                <th key={h} scope="col" className="num">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {map.tiles
              .map((tile) => byId.get(tile.id))
              .filter((f): f is ProvinceFigure => !!f)
              .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
              .map((f) => (
                <tr key={f.id}>
                  <th scope="row">{f.name}</th>
                  <td>{map.tiles.find((x) => x.id === f.id)!.code}</td>
                  <td className="num">{format(f.value)}</td>
                  {(f.extra ?? []).map((e, i) => (
                    <td key={i} className="num">
                      {e}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
