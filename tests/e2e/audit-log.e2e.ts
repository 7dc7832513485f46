import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import { DESKTOP, PHONE, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

const GUEST_UNITS = 'Unit paling banyak dalam satu pesanan tanpa akun'

/** Saves the shop's guest unit limit through its page, as the admin would; returns the value it had. */
async function setGuestMaxUnits(page: import('playwright-core').Page, units: (before: number) => number) {
  await visit(page, '/admin/shop-limits')
  const before = Number(await page.getByLabel(GUEST_UNITS).inputValue())
  await page.getByLabel(GUEST_UNITS).fill(String(units(before)))
  await page.getByRole('button', { name: 'Simpan' }).click()
  await page.waitForLoadState('networkidle')
  return before
}

describe('the audit log (issue 16, item 3)', () => {
  test('a national admin changes a limit, finds the change in the log in words by filtering, and downloads the CSV', async () => {
    const page = await browser.newPage(PHONE)
    await loginAs(page, 'admin@mitralipas.demo', { totp: true })
    // one less than it is (the test servers' limits are generous), put back at the end
    const before = await setGuestMaxUnits(page, (n) => n - 1)
    const after = before - 1
    try {
      await visit(page, '/admin')
      await page.getByRole('link', { name: 'Log audit' }).click()
      await page.waitForURL(/\/admin\/audit$/)
      await expectAccessible(page)

      // filter: this action, by this person, today (the rarer filters fold open on a phone)
      await page.getByLabel('Orang (nama atau email)').fill('admin@mitralipas')
      await page.getByLabel('Aksi', { exact: true }).selectOption({ label: 'Batas pembelian anonim diubah' })
      await page.getByText('Filter lain: jenis objek, UPT, tanggal').click()
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date())
      await page.getByLabel('Dari tanggal').fill(today)
      await page.getByRole('button', { name: 'Terapkan filter' }).click()
      await page.waitForURL(/action=shop\.limits/)
      await expectAccessible(page)

      // the newest entry, read as words: what, who with role, the object linked, old → new
      const entry = page.locator('tr[data-action="shop.limits"]').first()
      await expect.poll(() => entry.locator('th').textContent()).toBe('Batas pembelian anonim diubah')
      const text = (await entry.textContent()) ?? ''
      expect(text).toContain('Admin · Nasional')
      expect(text).toMatch(/\d{2} \w{3} \d{4} \d{2}\.\d{2} WIB/)
      // old value struck through, new one after the arrow (a screen reader hears "menjadi")
      expect(text).toContain(`Unit maks. per pesanan tamu: ${before} →menjadi ${after}`)
      expect(await entry.locator('del').first().textContent()).toBe(String(before))
      expect(await entry.locator('ins').first().textContent()).toBe(String(after))
      expect(await entry.getByRole('link', { name: 'Batas pembelian' }).getAttribute('href')).toBe('/admin/shop-limits')
      // a phone shows cards: nothing scrolls sideways
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

      // the CSV holds the same filtered set
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Unduh CSV/ }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/^log-audit-\d{4}-\d{2}-\d{2}\.csv$/)
      const csv = fs.readFileSync((await download.path())!, 'utf8')
      const [header, ...rows] = csv.trim().split('\r\n')
      expect(header).toMatch(/^time_wib,time_utc,action,action_text,actor_name,/)
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) expect(row).toContain(',shop.limits,Batas pembelian anonim diubah,')
      expect(csv).toContain(`Unit maks. per pesanan tamu: ${before} → ${after}`)
    } finally {
      await setGuestMaxUnits(page, () => before)
    }
  })

  test('a range that ends before it starts is named next to the field, on a desktop', async () => {
    const page = await browser.newPage(DESKTOP)
    await loginAs(page, 'admin@mitralipas.demo', { totp: true })
    const response = await visit(page, '/admin/audit?from=2026-12-06&to=2026-12-01')
    expect(response?.status()).toBe(400)
    expect(await page.locator('#to-error').textContent()).toBe('Tanggal akhir tidak boleh sebelum tanggal awal.')
    expect(await page.getByLabel('Sampai tanggal').getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('table').count()).toBe(0)
  })
})
