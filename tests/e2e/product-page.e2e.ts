import { describe, expect, test } from 'vitest'
import { DESKTOP, PHONE, gzippedScriptBytes, setupBrowser, visit } from './support.ts'

/** Issue 14, item 6: a product page that sells: a gallery for thumbs and keys, related products, light on phones. */
const browser = setupBrowser()
const SLUG = '/products/tas-anyaman-pandan-wirogunan'

describe('product page', () => {
  test('the gallery moves photo by photo with the arrow keys and the thumbnails; focus is visible; no sideways scroll at 390 px', async () => {
    const page = await browser.newPage(PHONE)
    await visit(page, SLUG)
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))
    const gallery = page.getByRole('region', { name: /Foto produk/ })
    const thumbs = page.locator('.gallery-thumbs a')
    expect(await thumbs.count()).toBe(2)
    await expect(thumbs.nth(0).getAttribute('aria-current')).resolves.toBe('true')

    // Reached with Tab like any control, with a visible focus ring.
    await page.locator('a.skip-link, a').first().focus()
    for (let i = 0; i < 30 && !(await gallery.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab')
    expect(await gallery.evaluate((el) => el === document.activeElement && el.matches(':focus-visible'))).toBe(true)
    expect(await gallery.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid')

    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(
      () => document.querySelector('.gallery-thumbs li:nth-child(2) a')?.getAttribute('aria-current') === 'true',
    )
    await page.waitForFunction(
      () =>
        Math.abs(
          document.querySelector('.gallery-track')!.scrollLeft - document.querySelector('.gallery-track')!.clientWidth,
        ) < 2,
    )
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction(() => document.querySelector('.gallery-track')!.scrollLeft < 2)
    await page.keyboard.press('End')
    await page.waitForFunction(
      () => document.querySelector('.gallery-thumbs li:nth-child(2) a')?.getAttribute('aria-current') === 'true',
    )
    // A thumbnail shows its photo.
    await page.getByRole('link', { name: 'Tampilkan foto 1' }).click()
    await page.waitForFunction(() => document.querySelector('.gallery-track')!.scrollLeft < 2)

    // Related products of the same UPT, and nothing scrolls sideways.
    await expect(
      page.getByRole('heading', { name: /Produk lain dari Lapas Kelas IIA Wirogunan/ }).isVisible(),
    ).resolves.toBe(true)
    await expect(page.getByRole('link', { name: 'Batik Tulis Parang Rusak' }).isVisible()).resolves.toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    )
    await page.setViewportSize(DESKTOP)
    await visit(page, SLUG)
  })

  test('stays under the 120 KB gzipped JavaScript budget', async () => {
    const page = await browser.newPage(PHONE)
    expect(await gzippedScriptBytes(page, SLUG)).toBeLessThan(120 * 1024)
  })
})
