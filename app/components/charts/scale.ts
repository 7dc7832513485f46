import { scaleBand, scaleLinear, scaleThreshold } from 'd3-scale'

/**
 * The geometry of a chart, computed once and shared by the SVG and the tests: d3-scale picks
 * round ticks and bands, we only draw. Pure (no React), so the unit tests read the numbers.
 */
export interface BarLayout {
  width: number
  height: number
  margin: { top: number; right: number; bottom: number; left: number }
  /** the y axis ticks (round numbers from 0 to the top of the axis), with their y position */
  ticks: { value: number; y: number }[]
  /** one group per category, one bar per series */
  groups: { x: number; width: number; bars: { x: number; y: number; width: number; height: number; value: number }[] }[]
  baseline: number
}

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
