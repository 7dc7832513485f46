import { describe, expect, test } from 'vitest'
import { expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

describe('offtake', () => {
  test('a partner orders from its active absorption agreement at the agreed price', async () => {
    const page = await browser.newPage()
    await loginAs(page, 'mitra@mitralipas.demo')
    await visit(page, '/agreements')
    await page
      .getByRole('link', { name: /KS-\d{4}-000002/ })
      .first()
      .click()
    await page.waitForURL(/\/agreements\/[^/]+$/)
    await page.getByRole('link', { name: 'Pesan produk dengan harga sepakat' }).click()
    await page.waitForURL(/\/offtake$/)
    await expectAccessible(page)
    expect(await page.locator('main').textContent()).toContain('Rp 350.000')
    const options = await page.getByLabel('Produk').locator('option').allTextContents()
    expect(options.length).toBeGreaterThan(1)
    // Only what the agreement names (woven cloth): not the UPT's chocolate buns or batik.
    expect(options.join(' ')).toContain('Tenun')
    expect(options.join(' ')).not.toContain('Roti')
    expect(options.join(' ')).not.toContain('Batik')
    await page.getByLabel('Produk').selectOption({ index: 1 })
    await page.getByLabel('Jumlah unit').fill('3')
    await page.getByRole('button', { name: 'Buat pesanan' }).click()
    await page.waitForURL(/\/account\/orders\/ML-\d{4}-\d{6}$/)
    await expectAccessible(page)
    // 3 units at the agreed Rp 350.000, whatever the product's shop price.
    expect(await page.locator('main').textContent()).toContain('Rp 1.050.000')
    // Paid as the agreement page promises: bank transfer on the invoice, no card.
    expect(await page.getByRole('button', { name: 'Bayar dengan kartu' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Bayar dengan transfer bank' }).click()
    await page.waitForURL(/#pembayaran$/)
    // The URL changes before React has rendered the new loader data (client navigation): wait for it.
    await expect.poll(() => page.getByTestId('transfer-amount').count()).toBe(1)
  })
})
