/**
 * The geometry of a chart as plain numbers. The loader computes it with d3-scale
 * (`scale.server.ts`, never shipped to the browser) and the components only draw it, so the
 * charts cost the page no JavaScript beyond React's markup (ADR 031).
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

/** The tile-grid map: one square per province with its shade class (-1: no figures), and the class boundaries. */
export interface TileMapLayout {
  width: number
  height: number
  /** the lower bounds of classes 1.. (class 0 starts at 1) */
  thresholds: number[]
  tiles: { id: string; code: string; x: number; y: number; size: number; cls: number }[]
}
