import { describe, expect, test } from 'vitest'
import { DESKTOP, PHONE, addToCart, checkoutPickup, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

describe('Midtrans journeys', () => {
  test('a guest on a phone pays by the simulated QRIS and returns to a paid order', async () => {
    const page = await browser.newPage(PHONE)
    await addToCart(page, 'kopi kintamani', 'Kopi Arabika Kintamani', 2)
    const { number } = await checkoutPickup(page, 'Sari Wulandari', 'sari@contoh.id')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Bayar dengan QRIS, virtual account, atau e-wallet' }).click()
    await page.waitForURL(/\/dev\/midtrans-snap\/[0-9a-f-]+$/)
    await expectAccessible(page)
    const snap = (await page.locator('main').textContent()) ?? ''
    expect(snap).toContain(number)
    expect(snap).toContain('Simulasi')
    // QRIS is the first choice, and its (simulated) code is shown
    expect(await page.getByLabel(/^QRIS/).isChecked()).toBe(true)
    expect(await page.getByRole('img', { name: 'Kode QR simulasi' }).isVisible()).toBe(true)
    // nothing scrolls sideways at 390 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.getByRole('button', { name: 'Bayar (simulasi)' }).click()
    await page.waitForURL(/\/orders\/ML-.*\?paid=1.*transaction_status=settlement/)
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain('Pembayaran Anda sudah diterima')
    await expectAccessible(page)
    for (const text of await page.locator('.sub-order').allTextContents()) expect(text).toContain('Dibayar')
  })

  test('national finance sees the providers page; turning every provider off is refused next to the choice', async () => {
    const page = await browser.newPage(DESKTOP)
    await loginAs(page, 'keuangan@mitralipas.demo', { totp: true })
    await visit(page, '/finance')
    await page.getByRole('link', { name: 'Penyedia pembayaran' }).click()
    await page.waitForURL(/\/finance\/providers$/)
    await expectAccessible(page)
    expect(await page.getByLabel(/^Midtrans/).isChecked()).toBe(true)
    expect(await page.getByLabel(/^Stripe/).isChecked()).toBe(true)
    await page.getByLabel(/^Midtrans/).uncheck()
    await page.getByLabel(/^Stripe/).uncheck()
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect
      .poll(async () => (await page.locator('.field-error').textContent()) ?? '')
      .toContain('Minimal satu penyedia pembayaran harus tetap aktif.')
    await expectAccessible(page)
  })
})
