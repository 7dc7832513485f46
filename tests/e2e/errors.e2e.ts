import { describe, expect, test } from 'vitest'
import { expectAccessible, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

/** Error pages of form routes (app/components/route-error.tsx): inside the page, accessible. */
describe('error pages of form routes', () => {
  test("a 404 on a product page keeps the site's header and footer and passes axe", async () => {
    const page = await browser.newPage()
    const res = await visit(page, '/products/tidak-ada-produk-ini')
    expect(res?.status()).toBe(404)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Halaman tidak ditemukan')
    expect(await page.locator('header.site-header').count()).toBe(1)
    expect(await page.locator('footer.site-footer').count()).toBe(1)
  })

  test('a server failure during a client-side navigation shows the id of the failed request, and passes axe', async () => {
    const page = await browser.newPage()
    await visit(page, '/products')
    // The product page's data request fails on the server: its answer names the request.
    await page.route(/\/products\/[^/?]+\.data/, (route) =>
      route.fulfill({
        status: 500,
        headers: { 'X-Request-Id': 'e2e-failed-42', 'Content-Type': 'text/x-script' },
        body: '',
      }),
    )
    await page.locator('main a[href^="/products/"]').first().click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Terjadi kesalahan')
    expect(await page.locator('code[data-request-id]').textContent()).toBe('e2e-failed-42')
    expect(await page.locator('header.site-header').count()).toBe(1)
    await expectAccessible(page)
  })
})
