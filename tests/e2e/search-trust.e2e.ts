import { describe, expect, test } from 'vitest'
import { PHONE, expectAccessible, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

describe('search that forgives (issue 14, item 3)', () => {
  test('on a phone, "btik" finds the batik with "Maksud Anda: batik?", whose link searches for batik', async () => {
    const page = await browser.newPage(PHONE)
    await visit(page, '/products')
    await page.getByLabel('Cari produk').fill('btik')
    await page.getByRole('button', { name: 'Terapkan' }).click()
    await page.waitForURL(/q=btik/)
    await expectAccessible(page)
    const names = await page.locator('.product-title').allTextContents()
    expect(names).toEqual(expect.arrayContaining(['Batik Tulis Motif Kediri', 'Batik Cap Kawung', 'Batik Tulis Parang Rusak']))
    await expect.poll(() => page.locator('.did-you-mean').textContent()).toContain('Maksud Anda: batik?')
    // nothing scrolls sideways at 390 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await page.getByRole('link', { name: 'batik', exact: true }).click()
    await page.waitForURL(/q=batik$/)
    expect(await page.locator('.did-you-mean').count()).toBe(0)
    expect(await page.locator('.product-title').count()).toBe(3)

    await visit(page, '/products?q=coffee')
    expect(await page.locator('.product-title').allTextContents()).toEqual(['Kopi Arabika Kintamani'])
    await page.close()
  })
})
