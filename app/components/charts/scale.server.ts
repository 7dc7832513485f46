import { scaleBand, scaleLinear, scaleThreshold } from 'd3-scale'
import type { BarLayout, TileMapLayout } from './layout.ts'
import { PROVINCE_TILES, TILE_COLS, TILE_ROWS } from './province-tiles.ts'

export type { BarLayout, TileMapLayout }

/**
 * Chart geometry with d3-scale, computed on the server (in loaders) and sent to the page as plain
 * numbers: d3 never reaches the browser bundle (ADR 031). Pure, so the unit tests read the numbers.
 */
export function barLayout(
  data: number[][],
  opts: { width?: number; height?: number; marginLeft?: number } = {},
): BarLayout {
  const width = opts.width ?? 640
  const height = opts.height ?? 280
  const margin = { top: 16, right: 12, bottom: 44, left: opts.marginLeft ?? 84 }
  const max = Math.max(1, ...data.flat())
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - margin.bottom, margin.top])
  const x = scaleBand<number>()
    .domain(data.map((_, i) => i))
    .range([margin.left, width - margin.right])
    .paddingInner(0.25)
    .paddingOuter(0.15)
  const series = Math.max(1, ...data.map((d) => d.length))
  const inner = scaleBand<number>()
    .domain(Array.from({ length: series }, (_, i) => i))
    .range([0, x.bandwidth()])
    .padding(0.08)
  const baseline = y(0)
  return {
    width,
    height,
    margin,
    baseline,
    ticks: y.ticks(4).map((value) => ({ value, y: y(value) })),
    groups: data.map((values, i) => ({
      x: x(i)!,
      width: x.bandwidth(),
      bars: values.map((value, s) => ({
        x: x(i)! + inner(s)!,
        y: y(value),
        width: inner.bandwidth(),
        height: baseline - y(value),
        value,
      })),
    })),
  }
}

/**
 * Bins for a choropleth: up to five classes (four boundaries) of round numbers from 1 to the largest value (0 is
 * "no figures" and gets its own colour). Returns the thresholds and a function giving a value's
 * class (-1 for zero).
 */
export function choroplethBins(
  values: number[],
  classes = 4,
): { thresholds: number[]; classOf: (v: number) => number } {
  const max = Math.max(1, ...values)
  // d3's tick count is a hint: ask for fewer until there are at most `classes` boundaries.
  let thresholds: number[] = []
  for (let count = classes; count >= 1; count--) {
    const ticks = scaleLinear().domain([0, max]).nice(count).ticks(count)
    // The class boundaries: the round ticks above 0 and below the top.
    thresholds = ticks.filter((t) => t > 0 && t < ticks[ticks.length - 1]!)
    if (thresholds.length <= classes) break
  }
  const scale = scaleThreshold<number, number>()
    .domain(thresholds)
    .range(Array.from({ length: thresholds.length + 1 }, (_, i) => i))
  return { thresholds, classOf: (v) => (v <= 0 ? -1 : scale(v)) }
}

const TILE = 40
const GAP = 3

/** The tile-grid map of the 38 provinces shaded by `value` (provinces missing from `values` count as 0). */
export function tileMapLayout(values: { id: string; value: number }[]): TileMapLayout {
  const byId = new Map(values.map((v) => [v.id, v.value]))
  const { thresholds, classOf } = choroplethBins(values.map((v) => v.value))
  return {
    width: TILE_COLS * TILE,
    height: TILE_ROWS * TILE,
    thresholds,
    tiles: PROVINCE_TILES.map((t) => ({
      id: t.id,
      code: t.code,
      x: t.col * TILE + GAP / 2,
      y: t.row * TILE + GAP / 2,
      size: TILE - GAP,
      cls: classOf(byId.get(t.id) ?? 0),
    })),
  }
}
