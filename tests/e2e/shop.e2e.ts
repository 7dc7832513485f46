import { describe, expect, test } from 'vitest'
import { DESKTOP, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

// "Lukisan Kaca Wayang" (Lapas Kerobokan) has 6 in stock in the demo and no other journey buys it.
const PRODUCT = '/products/lukisan-kaca-wayang-kerobokan'

describe('shop messages', () => {
  test('asking for more than the stock names the real number, on the product page and in the cart, in both languages', async () => {
    const page = await browser.newPage(DESKTOP)
    await visit(page, PRODUCT)
    await page.getByLabel('Jumlah').fill('50')
    await page.getByRole('button', { name: 'Tambah ke keranjang' }).click()
    await expect.poll(() => page.locator('#qty-error').textContent()).toBe('Stok tersisa hanya 6.')
    expect(await page.getByLabel('Jumlah').getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(page)

    await page.getByLabel('Jumlah').fill('1')
    await page.getByRole('button', { name: 'Tambah ke keranjang' }).click()
    await page.waitForURL(/\/cart$/)
    await page.getByLabel('Jumlah Lukisan Kaca Wayang').fill('40')
    await page.getByRole('button', { name: 'Ubah jumlah' }).click()
    await expect.poll(() => page.locator('.cart-item .field-error').textContent()).toBe('Stok tersisa hanya 6.')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    await page.getByLabel('Quantity Lukisan Kaca Wayang').fill('40')
    await page.getByRole('button', { name: 'Update quantity' }).click()
    await expect.poll(() => page.locator('.cart-item .field-error').textContent()).toBe('Only 6 left in stock.')
    await expectAccessible(page)

    await visit(page, PRODUCT)
    await page.getByLabel('Quantity').fill('50')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    // One is already in the cart: 50 more would make 51 of 6.
    await expect.poll(() => page.locator('#qty-error').textContent()).toBe('Only 6 left in stock.')
    await expectAccessible(page)
  })
})

describe('settings that protect children and the shop', () => {
  test('a national admin sees LPKA capital and offtake locked with the reason, and the shop limits form answers next to the field', async () => {
    const page = await browser.newPage()
    await loginAs(page, 'admin@mitralipas.demo', { totp: true })
    await visit(page, '/admin/settings')
    const lpka = page.locator('li.card', { hasText: 'LPKA' })
    expect(await lpka.getByRole('checkbox', { name: /Penampungan produk/ }).isDisabled()).toBe(true)
    expect(await lpka.getByRole('checkbox', { name: /Pemodalan/ }).isDisabled()).toBe(true)
    expect(await lpka.getByRole('checkbox', { name: /Pelatihan/ }).isChecked()).toBe(true)
    expect(await lpka.getByRole('group').getAttribute('aria-describedby')).toBe('floor-lpka')
    expect(await page.locator('#floor-lpka').textContent()).toContain(
      'Anak di LPKA mendapat pendidikan dan pelatihan, bukan pekerjaan produksi.',
    )

    await visit(page, '/admin/shop-limits')
    await page.getByLabel('Jendela waktu (menit, paling lama 60)').fill('90')
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect
      .poll(() => page.locator('.field-error').allTextContents())
      .toEqual(['Bilangan bulat dari 1 sampai 60.'])
    await expectAccessible(page)
  })
})
