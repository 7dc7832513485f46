import { describe, expect, test } from 'vitest'
import { DESKTOP, PHONE, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

describe('publication records (issue 15, item 2)', () => {
  test('a partner records a publication under its publication agreement on a phone; it shows on its impact pages and /impact', async () => {
    const page = await browser.newPage(PHONE)
    await loginAs(page, 'mitra@mitralipas.demo')
    await visit(page, '/agreements')
    await page.getByRole('link', { name: /KS-2026-000003/ }).click()
    await page.waitForURL(/\/agreements\/[\w-]+$/)
    await expectAccessible(page)
    const form = page.locator('form#publication')
    await expect.poll(() => form.isVisible()).toBe(true)

    // A bad entry: an online article without its link, and sales outside a bazaar.
    await form.getByLabel('Media atau acara').fill('Lombok Post')
    await form.getByLabel('Jenis media').selectOption('online')
    await form.getByLabel(/Penjualan di pameran/).fill('500000')
    await form.getByRole('button', { name: 'Simpan publikasi' }).click()
    await expect.poll(() => form.getByText('Cantumkan tautan ke publikasi daring ini.').isVisible()).toBe(true)
    await expect.poll(() => form.getByText('Penjualan hanya dicatat untuk pameran atau bazar.').isVisible()).toBe(true)
    await expectAccessible(page)

    await form.getByLabel('Jenis media').selectOption('print')
    await form.getByLabel(/Penjualan di pameran/).fill('')
    await form.getByLabel('Perkiraan jangkauan (opsional)').fill('4000')
    await form.getByRole('button', { name: 'Simpan publikasi' }).click()
    await expect.poll(() => page.getByText('Publikasi tercatat.').isVisible()).toBe(true)
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Hasil' })
          .getByText(/Media cetak: Lombok Post/)
          .isVisible(),
      )
      .toBe(true)

    await visit(page, '/partner/impact')
    const table = page.getByRole('region', { name: 'Publikasi per jenis media' })
    expect(await table.getByRole('row', { name: /Media cetak/ }).textContent()).toMatch(/Media cetak\s*1\s*4\.000/)
    expect(await table.getByRole('row', { name: /Pameran atau bazar/ }).textContent()).toContain('Rp')

    const visitor = await browser.newPage(DESKTOP)
    await visit(visitor, '/partners/tenun-nusantara/impact')
    await expect
      .poll(() =>
        visitor
          .getByRole('region', { name: 'Publikasi per jenis media' })
          .getByRole('row', { name: /Media cetak/ })
          .isVisible(),
      )
      .toBe(true)
    await visit(visitor, '/impact?year=2026')
    await expect
      .poll(() =>
        visitor
          .getByRole('region', { name: 'Publikasi' })
          .getByRole('row', { name: /Media cetak/ })
          .isVisible(),
      )
      .toBe(true)
  })
})
