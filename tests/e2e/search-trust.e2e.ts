import { describe, expect, test } from 'vitest'
import { DESKTOP, PHONE, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

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
    expect(names).toEqual(
      expect.arrayContaining(['Batik Tulis Motif Kediri', 'Batik Cap Kawung', 'Batik Tulis Parang Rusak']),
    )
    await expect.poll(() => page.locator('.did-you-mean').textContent()).toContain('Maksud Anda: batik?')
    // nothing scrolls sideways at 390 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await page.getByRole('link', { name: 'batik', exact: true }).click()
    await page.waitForURL(/q=batik$/)
    // the router changes the URL before React commits the new results
    await expect.poll(() => page.locator('.did-you-mean').count()).toBe(0)
    await expect.poll(() => page.locator('.product-title').count()).toBe(3)

    await visit(page, '/products?q=coffee')
    expect(await page.locator('.product-title').allTextContents()).toEqual(['Kopi Arabika Kintamani'])
    await page.close()
  })
})

const TRUST = [
  ['Tentang', 'Tentang Mitra Lipas'],
  ['Kontak', 'Kontak'],
  ['Syarat & Ketentuan', 'Syarat & Ketentuan'],
  ['Kebijakan Privasi', 'Kebijakan Privasi'],
  ['Pengembalian & Pengaduan', 'Pengembalian & Pengaduan'],
  ['FAQ', 'Pertanyaan Umum (FAQ)'],
] as const

describe('trust pages (issue 14, item 4)', () => {
  test('each is reached from the footer of pages all over the portal, passes axe, and fits a phone', async () => {
    const page = await browser.newPage(PHONE)
    const footer = page.locator('footer.site-footer')
    for (const start of [
      '/',
      '/products',
      '/products/batik-tulis-motif-kediri',
      '/cart',
      '/login',
      '/partners',
      '/no-such-page',
    ]) {
      await page.goto(start)
      for (const [link] of TRUST)
        expect(await footer.getByRole('link', { name: link, exact: true }).count(), `${start}: ${link}`).toBe(1)
    }
    for (const [link, heading] of TRUST) {
      await visit(page, '/products')
      await footer.getByRole('link', { name: link, exact: true }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe(heading)
      await expectAccessible(page)
      expect(await page.locator('time').count()).toBe(1)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    }
    expect(await page.locator('.prose').textContent()).toContain('7 hari setelah barang diterima')
    await page.close()
  })

  test('the national admin previews and saves a change to Kontak, and visitors see it', async () => {
    const admin = await browser.newPage(DESKTOP)
    await loginAs(admin, 'admin@mitralipas.demo', { totp: true })
    await visit(admin, '/admin')
    await admin.getByRole('link', { name: 'Halaman informasi' }).first().click()
    await admin.waitForURL(/\/admin\/pages$/)
    await expectAccessible(admin)
    await admin.locator('#main').getByRole('link', { name: 'Kontak', exact: true }).click()
    await admin.waitForURL(/\/admin\/pages\/kontak$/)
    await expectAccessible(admin)
    const body = admin.getByLabel('Isi (Indonesia, Markdown)')
    await body.fill(
      `${await body.inputValue()}\n\n## Layanan telepon\n\nHubungi **(021) 555-0101** pada hari kerja, pukul 08.00–16.00 WIB.`,
    )
    await admin.getByRole('button', { name: 'Pratinjau' }).click()
    await expect.poll(() => admin.locator('.preview').textContent()).toContain('(021) 555-0101')
    await expectAccessible(admin)
    await admin.getByRole('button', { name: 'Simpan versi baru' }).click()
    await expect.poll(() => admin.locator('.flash').textContent()).toContain('versi 2')
    expect(await admin.locator('tbody tr').count()).toBe(2)

    const visitor = await browser.newPage(PHONE)
    await visit(visitor, '/info/kontak')
    expect(await visitor.locator('.prose').textContent()).toContain('Hubungi (021) 555-0101 pada hari kerja')
    await admin.close()
    await visitor.close()
  })
})
