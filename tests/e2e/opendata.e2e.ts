import { describe, expect, test } from 'vitest'
import { DESKTOP, PHONE, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

describe('open data and the partner badge (issue 15, items 4 and 6)', () => {
  test.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])(
    'a journalist on a %s finds /data from the footer, reads a dataset, downloads its CSV; in English too (axe)',
    async (_label, viewport) => {
      const page = await browser.newPage(viewport)
      await visit(page, '/')
      await page.getByRole('link', { name: 'Data terbuka (API)' }).click()
      await page.waitForURL(/\/data$/)
      await expectAccessible(page)
      await expect(page.getByRole('heading', { level: 1, name: 'Data terbuka' }).isVisible()).resolves.toBe(true)
      await page
        .getByRole('navigation', { name: 'Dataset' })
        .getByRole('link', { name: 'Katalog produk warga binaan' })
        .click()
      await expect(
        page
          .getByRole('region', { name: 'Kolom: Katalog produk warga binaan' })
          .getByRole('rowheader', { name: 'price' })
          .isVisible(),
      ).resolves.toBe(true)
      // Nothing on the page is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      const csv = await page.request.get(
        await page
          .getByRole('link', { name: 'CSV: Katalog produk warga binaan' })
          .getAttribute('href')
          .then((h) => h!),
      )
      expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8')
      expect((await csv.text()).split('\r\n')[0]).toMatch(/^slug,name,category,price,/)
      await page.context().addCookies([{ name: 'lang', value: 'en', url: page.url() }])
      await visit(page, '/data')
      await expect(page.getByRole('heading', { level: 1, name: 'Open data' }).isVisible()).resolves.toBe(true)
      expect(await page.title()).toMatch(/^Open data/)
    },
  )

  test('a verified partner copies its badge from its profile page; the badge shows its figures and links to its impact', async () => {
    const page = await browser.newPage(PHONE)
    await loginAs(page, 'mitra@mitralipas.demo')
    await visit(page, '/partner/profile')
    await expect(page.getByRole('heading', { name: 'Lencana mitra untuk situs Anda' }).isVisible()).resolves.toBe(true)
    const img = page.getByRole('img', { name: /^Mitra Pokmas Lipas: Tenun Nusantara/ })
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true)
    const snippet = await page.getByLabel('Kode HTML untuk disalin').inputValue()
    expect(snippet).toMatch(
      /^<a href="http[^"]+\/partners\/tenun-nusantara\/impact"><img src="http[^"]+\/partners\/tenun-nusantara\/badge\.svg" width="260" height="64" alt="Mitra Pokmas Lipas: Tenun Nusantara\. \d+ dilatih · \d+ bersertifikat"><\/a>$/,
    )
    // Pasted on someone else's page, it shows and leads to the impact page.
    const other = await browser.newPage(DESKTOP)
    await other.setContent(
      `<!doctype html><html lang="id"><head><title>Situs mitra</title></head><body><main><h1>Tentang kami</h1>${snippet}</main></body></html>`,
    )
    await other.waitForFunction(() => (document.querySelector('img') as HTMLImageElement | null)?.complete)
    expect(await other.locator('img').evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(260)
    await expectAccessible(other)
    await other.locator('a').click()
    await other.waitForURL(/\/partners\/tenun-nusantara\/impact$/)
    await expectAccessible(other)
  })
})
