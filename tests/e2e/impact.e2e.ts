import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { impactHeadline } from '#app/domain/outcomes/realisation.ts'
import { formatNumber } from '#app/lib/format.ts'
import { DESKTOP, PHONE, gzippedScriptBytes, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

/**
 * 2026's totals as the database holds them when the page is read: other journeys in the same run
 * record outcomes too (the seed's 4.175 is only the start), so the figures come from the query
 * the page uses, not from the seed's constants.
 */
async function figures2026() {
  const { db } = createDb(inject('e2eDb'))
  try {
    const h = await impactHeadline(db, '2026-12-31')
    expect(h.year).toBe(2026)
    return h
  } finally {
    await db.destroy()
  }
}

describe('/impact people share, and charts that can be read (issue 15 item 3, issue 16 item 4)', () => {
  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    test(`on a ${name}: the map, the charts with their tables, targets per Kanwil, stories and the download link, nothing sideways`, async () => {
      const page = await browser.newPage(viewport)
      await visit(page, '/impact?year=2026') // axe runs inside visit
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }))
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth)

      // the map: 38 squares, with a title naming it, a legend and the figures as a table
      const map = page.getByRole('img', { name: /Peta Indonesia: orang dilatih per provinsi 2026/ })
      expect(await map.count()).toBe(1)
      expect(await page.locator('[data-chart="tile-map"] [data-province]').count()).toBe(38)
      const mapFigure = page.locator('figure').filter({ has: page.locator('[data-chart="tile-map"]') })
      expect(await mapFigure.locator('figcaption').textContent()).toContain('Belum ada data')
      await mapFigure.getByText('Lihat angka sebagai tabel').click()
      const mapRows = mapFigure.getByRole('table').getByRole('row')
      expect(await mapRows.count()).toBe(39)
      expect(await mapRows.filter({ hasText: 'Jawa Timur' }).textContent()).toMatch(/Jawa Timur\s*JI/)

      // the trend: a bar per year with values on the axis, and its table
      const trend = page.getByRole('region', { name: 'Tren per tahun' })
      expect(await trend.getByRole('img', { name: /Dilatih dan bersertifikat per tahun/ }).count()).toBe(1)
      expect(await trend.locator('.chart-tick text').allTextContents()).toContain('0')
      await trend.getByText('Lihat angka sebagai tabel').click()
      const now = await figures2026()
      expect(await trend.getByRole('row').filter({ hasText: '2026' }).textContent()).toContain(
        `${formatNumber(now.trained)}${formatNumber(now.certified)}`,
      )
      expect(await trend.getByRole('row').count()).toBeGreaterThanOrEqual(4)

      // the quarter chart keeps its figures in the table beside it
      expect(await page.getByRole('img', { name: /dilatih dan bersertifikat per triwulan 2026/ }).count()).toBe(1)

      // every Kanwil with results has a realisation percentage against its own target
      const kanwils = page.getByRole('region', { name: 'Realisasi per Kanwil terhadap target' })
      const rows = kanwils.getByRole('row').filter({ hasText: 'Kanwil Ditjenpas' })
      expect(await rows.count()).toBeGreaterThanOrEqual(6)
      for (const text of await rows.allTextContents()) expect(text).toMatch(/\d+,\d{2}%.*\d+,\d{2}%/)

      // the latest stories, and the download link leads to the figures as CSV
      expect(
        await page.getByRole('region', { name: 'Cerita terbaru' }).getByRole('listitem').count(),
      ).toBeGreaterThanOrEqual(1)
      const csv = page.getByRole('link', { name: 'Unduh realisasi 2026 (CSV)' })
      const href = await csv.getAttribute('href')
      expect(href).toContain('/api/v1/realisation.csv?year=2026')
      const response = await page.request.get(href!)
      expect(response.status()).toBe(200)
      expect(response.headers()['content-type']).toContain('text/csv')
      expect(await page.getByRole('link', { name: 'Semua data terbuka dan API' }).getAttribute('href')).toBe('/data')

      // shared, the link shows the headline figures as a picture: absolute URL, 1200×630 PNG
      const og = await page.locator('meta[property="og:image"]').getAttribute('content')
      expect(og).toMatch(/^https?:\/\/[^/]+\/impact\/og\.png$/)
      expect(await page.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary_large_image')
      expect(await page.locator('meta[property="og:image:alt"]').getAttribute('content')).toContain(
        formatNumber((await figures2026()).trained),
      )
      const image = await page.request.get(new URL(new URL(og!).pathname, page.url()).href)
      expect(image.status()).toBe(200)
      expect(image.headers()['content-type']).toBe('image/png')
    })
  }

  test('/impact stays under the 120 KB gzipped JavaScript budget (the chart geometry is computed on the server)', async () => {
    const page = await browser.newPage(PHONE)
    const bytes = await gzippedScriptBytes(page, '/impact?year=2026')
    expect(bytes).toBeGreaterThan(10_000) // it does load the app
    expect(bytes).toBeLessThanOrEqual(120 * 1024)
    expect(await page.locator('svg[data-chart]').count()).toBeGreaterThanOrEqual(3)
    // nothing of d3 among the scripts the page loads (d3-color's named colours would betray it)
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.js')),
    )
    expect(scripts.length).toBeGreaterThan(0)
    for (const src of scripts) expect(await (await page.request.get(src)).text(), src).not.toContain('aliceblue')
  })

  test('the finance dashboard chart has rupiah on its axis, month names, a legend and its table', async () => {
    const page = await browser.newPage(PHONE)
    await loginAs(page, 'keuangan@mitralipas.demo', { totp: true })
    await visit(page, '/finance')
    const figure = page
      .locator('figure')
      .filter({ has: page.getByRole('img', { name: /Grafik PNBP terutang dan disetor/ }) })
    expect(await figure.count()).toBe(1)
    const ticks = await figure.locator('.chart-tick text').allTextContents()
    expect(ticks[0]).toBe('Rp 0')
    expect(ticks.slice(1).every((t) => t.startsWith('Rp '))).toBe(true)
    expect(await figure.locator('.chart-category').allTextContents()).toEqual([
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'Mei',
      'Jun',
      'Jul',
      'Agu',
      'Sep',
      'Okt',
      'Nov',
      'Des',
    ])
    expect(await figure.locator('figcaption').textContent()).toMatch(/PNBP terutang.*Disetor/i)
    await figure.getByText('Lihat angka sebagai tabel').click()
    expect(await figure.getByRole('table').getByRole('row').count()).toBe(13)
    // PNBP deposited against each UPT's target: a bar per UPT named by its place, the figures in the yearly table
    const targets = page
      .locator('figure')
      .filter({ has: page.getByRole('img', { name: /PNBP disetor terhadap target per UPT/ }) })
    expect(await targets.count()).toBe(1)
    const places = await targets.locator('.chart-category').allTextContents()
    expect(places.length).toBeGreaterThanOrEqual(2)
    expect(places).toContain('Kediri')
    expect(await targets.locator('figcaption').textContent()).toMatch(/Target.*Disetor/i)
    expect(await targets.locator('desc').textContent()).toContain('Lapas Kelas IIA Kediri: Target Rp')
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }))
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
  })
})
