import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { PROVINCE_TILES, TILE_COLS, TILE_ROWS } from '#app/components/charts/province-tiles.ts'
import { barLayout, choroplethBins, tileMapLayout } from '#app/components/charts/scale.server.ts'
import { formatMonthShort, formatRupiahCompact, shortUptName } from '#app/lib/format.ts'
import { PROVINCES } from '#db/seed/reference-data.ts'

describe('the tile-grid map of the provinces', () => {
  test('has each of the 38 provinces exactly once, with a distinct short code', () => {
    expect(PROVINCE_TILES).toHaveLength(38)
    expect(PROVINCE_TILES.map((t) => t.id).sort()).toEqual(PROVINCES.map((p) => p.id).sort())
    expect(new Set(PROVINCE_TILES.map((t) => t.code)).size).toBe(38)
    for (const t of PROVINCE_TILES) expect(t.code).toMatch(/^[A-Z]{2}$/)
  })

  test('no two squares overlap and all lie inside the grid', () => {
    const cells = PROVINCE_TILES.map((t) => `${t.col},${t.row}`)
    expect(new Set(cells).size).toBe(cells.length)
    for (const t of PROVINCE_TILES) {
      expect(t.col).toBeGreaterThanOrEqual(0)
      expect(t.row).toBeGreaterThanOrEqual(0)
      expect(t.col).toBeLessThan(TILE_COLS)
      expect(t.row).toBeLessThan(TILE_ROWS)
    }
  })

  test('is roughly geographic: Aceh is west of Papua, Java below Kalimantan', () => {
    const at = (id: string) => PROVINCE_TILES.find((t) => t.id === id)!
    expect(at('11').col).toBeLessThan(at('94').col)
    expect(at('33').row).toBeGreaterThan(at('62').row)
    expect(at('51').col).toBeGreaterThan(at('35').col)
  })
})

describe('bar chart layout (d3-scale)', () => {
  test('the y axis starts at 0 and ends at a round number at or above the largest value', () => {
    const l = barLayout([
      [1165, 830],
      [1040, 740],
      [1970, 1393],
      [0, 0],
    ])
    expect(l.ticks.map((t) => t.value)).toEqual([0, 500, 1000, 1500, 2000])
    expect(l.ticks[0]!.y).toBe(l.baseline)
    // the tallest bar reaches 1970 / 2000 of the plot's height
    const tallest = l.groups[2]!.bars[0]!
    expect(tallest.height).toBeCloseTo(((l.baseline - l.margin.top) * 1970) / 2000, 6)
    expect(l.groups[3]!.bars.every((b) => b.height === 0)).toBe(true)
  })

  test('all zeros still give an axis', () => {
    const l = barLayout([[0, 0]])
    expect(l.ticks[0]!.value).toBe(0)
    expect(l.ticks.length).toBeGreaterThanOrEqual(2)
  })

  test('bars never overlap, stay inside the chart and are proportional to their values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 10_000_000_000 }), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 12,
        }),
        (data) => {
          const l = barLayout(data)
          const bars = l.groups.flatMap((g) => g.bars)
          for (const b of bars) {
            expect(b.height).toBeGreaterThanOrEqual(0)
            expect(b.y).toBeGreaterThanOrEqual(l.margin.top - 1e-6)
            expect(b.x).toBeGreaterThanOrEqual(l.margin.left)
            expect(b.x + b.width).toBeLessThanOrEqual(l.width - l.margin.right + 1e-6)
          }
          const xs = bars.map((b) => [b.x, b.x + b.width] as const).sort((a, b) => a[0] - b[0])
          for (let i = 1; i < xs.length; i++) expect(xs[i]![0]).toBeGreaterThanOrEqual(xs[i - 1]![1] - 1e-6)
          const top = l.ticks[l.ticks.length - 1]!.value
          expect(top).toBeGreaterThanOrEqual(Math.max(1, ...data.flat()))
        },
      ),
    )
  })
})

describe('choropleth classes', () => {
  test('round thresholds, zero apart, the largest value in the darkest class', () => {
    const { thresholds, classOf } = choroplethBins([0, 12, 530, 820, 240])
    expect(thresholds).toEqual([200, 400, 600, 800])
    expect(classOf(0)).toBe(-1)
    expect(classOf(12)).toBe(0)
    expect(classOf(240)).toBe(1)
    expect(classOf(530)).toBe(2)
    expect(classOf(820)).toBe(4)
  })

  test('never more than five classes (the map has five shades), and every value has one', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 38 }), (values) => {
        const { thresholds, classOf } = choroplethBins(values)
        expect(thresholds.length).toBeLessThanOrEqual(4)
        for (const v of values)
          expect(classOf(v)).toBe(v === 0 ? -1 : Math.max(0, thresholds.filter((t) => t <= v).length))
      }),
    )
  })
})

describe('tile map layout (computed by the loader, drawn by the page)', () => {
  test('one square per province, inside the viewBox, each with the class of its own figure', () => {
    const values = [
      { id: '35', value: 820 },
      { id: '51', value: 12 },
    ]
    const map = tileMapLayout(values)
    expect(map.tiles).toHaveLength(38)
    const { classOf } = choroplethBins(values.map((v) => v.value))
    for (const t of map.tiles) {
      expect(t.x).toBeGreaterThanOrEqual(0)
      expect(t.y).toBeGreaterThanOrEqual(0)
      expect(t.x + t.size).toBeLessThanOrEqual(map.width)
      expect(t.y + t.size).toBeLessThanOrEqual(map.height)
      expect(t.cls).toBe(classOf(values.find((v) => v.id === t.id)?.value ?? 0))
    }
    expect(map.tiles.find((t) => t.id === '35')!.cls).toBeGreaterThan(map.tiles.find((t) => t.id === '51')!.cls)
    expect(map.tiles.find((t) => t.id === '11')!.cls).toBe(-1)
  })

  test('the layout is plain data: it survives the trip to the browser as JSON unchanged', () => {
    const bars = barLayout([
      [3, 4],
      [5, 0],
    ])
    const map = tileMapLayout([{ id: '35', value: 5 }])
    expect(JSON.parse(JSON.stringify(bars))).toEqual(bars)
    expect(JSON.parse(JSON.stringify(map))).toEqual(map)
  })
})

describe('chart labels', () => {
  test('compact rupiah on axes and short month names in both languages', () => {
    expect(formatRupiahCompact(1_500_000, 'id')).toBe('Rp 1,5\u00a0jt')
    expect(formatRupiahCompact(1_500_000, 'en')).toBe('IDR 1.5M')
    expect(formatMonthShort(5, 'id')).toBe('Mei')
    expect(formatMonthShort(5, 'en')).toBe('May')
  })
})

describe('UPT names under a bar', () => {
  test('keep the place and drop the type and class, which the table beside the chart still shows', () => {
    expect(shortUptName('Lapas Kelas IIA Kediri')).toBe('Kediri')
    expect(shortUptName('Lapas Narkotika Kelas IIA Bangli')).toBe('Bangli')
    expect(shortUptName('Rutan Kelas I Surakarta')).toBe('Surakarta')
    expect(shortUptName('LPKA Kelas I Blitar')).toBe('Blitar')
    expect(shortUptName('Lapas Perempuan Kelas IIA Semarang')).toBe('Semarang')
    expect(shortUptName('Bapas Kelas I Surabaya')).toBe('Surabaya')
    // a name that does not follow the pattern stays whole
    expect(shortUptName('Lapas')).toBe('Lapas')
    expect(shortUptName('Unit Produksi Nusakambangan')).toBe('Unit Produksi Nusakambangan')
  })
})
