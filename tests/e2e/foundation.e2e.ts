import { describe, expect, test } from 'vitest'
import { DESKTOP, expectAccessible, gzippedScriptBytes, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

describe('foundation journeys', () => {
  test('a newcomer opens the home page, signs up as a partner, logs out and in again', async () => {
    const page = await browser.newPage()
    await visit(page, '/')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Bersama membina')
    expect(await page.getByRole('note').textContent()).toContain('Demo')

    await page.getByRole('link', { name: 'Daftar sebagai mitra' }).click()
    await page.waitForURL('**/signup')
    await expectAccessible(page)
    // Client-side validation speaks up before anything is sent.
    await page.getByRole('button', { name: 'Buat akun' }).click()
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(0)
    await expectAccessible(page)

    const email = `mitra-${Date.now()}@contoh.id`
    await page.getByLabel('Nama lengkap').fill('Ayu Lestari')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Kata sandi').fill('sablon kaos lapas kita')
    await page.getByLabel('Nama organisasi').fill('Yayasan Sablon Mandiri')
    await page.getByLabel('Jenis organisasi').selectOption('ngo')
    await page.getByRole('button', { name: 'Buat akun' }).click()
    await page.waitForURL((u) => u.pathname !== '/signup')
    await page.goto('/account')
    await expectAccessible(page)
    expect(await page.locator('main').textContent()).toContain('Yayasan Sablon Mandiri')

    await page.getByText('Menu').click()
    await page.getByRole('button', { name: 'Keluar' }).click()
    await page.waitForURL((u) => u.pathname === '/')
    await page.goto('/account')
    await page.waitForURL(/\/login/)

    await loginAs(page, email, { password: 'sablon kaos lapas kita' })
    await page.goto('/account')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Akun saya')
  })

  test('the seeded admin logs in with TOTP and invites a UPT staff member, who accepts', async () => {
    const page = await browser.newPage(DESKTOP)
    await loginAs(page, 'admin@mitralipas.demo', { totp: true })
    await visit(page, '/admin/users')
    const staffEmail = `petugas-${Date.now()}@lapas.go.id`
    await page.getByLabel('Email petugas').fill(staffEmail)
    await page.getByLabel('Peran').selectOption('upt_staff')
    await page.getByLabel('UPT').selectOption({ label: 'Lapas Kelas IIA Kediri' })
    await page.getByRole('button', { name: 'Kirim undangan' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain(staffEmail)
    await expectAccessible(page)

    await visit(page, '/dev/outbox')
    const mail = page.getByTestId('email').filter({ hasText: staffEmail }).first()
    const link = await mail.getByRole('link').getAttribute('href')
    expect(link).toMatch(/\/invite\//)

    const staff = await browser.newPage()
    await visit(staff, new URL(link!).pathname)
    await staff.getByLabel('Nama lengkap').fill('Petugas Baru')
    await staff.getByLabel('Kata sandi').fill('giatja kediri tenun')
    await staff.getByRole('button', { name: 'Terima undangan' }).click()
    await staff.waitForURL('**/account')
    expect(await staff.locator('main').textContent()).toContain('Lapas Kelas IIA Kediri')
    await staff.getByText('Menu').click()
    await staff.getByRole('link', { name: 'UPT saya' }).click()
    await staff.waitForURL(/\/upt\//)
    await expectAccessible(staff)
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Lapas Kelas IIA Kediri')
  })

  test('unknown pages answer 404 with an accessible page; healthz reports the database', async () => {
    const page = await browser.newPage()
    const res = await visit(page, '/tidak-ada')
    expect(res?.status()).toBe(404)
    const headers = res!.headers()
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/)
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).toContain("object-src 'none'")
    expect(headers['x-content-type-options']).toBe('nosniff')
    // A cross-site form post is refused before it reaches any action.
    const forged = await page.request.post('/logout', { headers: { 'Sec-Fetch-Site': 'cross-site' } })
    expect(forged.status()).toBe(403)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Halaman tidak ditemukan')
    const health = await page.request.get('/healthz')
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' })
  })

  test('the language switch turns the interface to English and back', async () => {
    const page = await browser.newPage(DESKTOP)
    await page.goto('/login')
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log in')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Masuk')
  })

  test('public browsing and checkout pages ship at most 120 KB of gzipped JavaScript', async () => {
    for (const path of ['/', '/products', '/products/roti-manis-isi-cokelat-kediri', '/cart', '/checkout']) {
      const page = await browser.newPage()
      const bytes = await gzippedScriptBytes(page, path)
      expect(bytes, path).toBeGreaterThan(10_000) // it does load the app
      expect(bytes, path).toBeLessThanOrEqual(120 * 1024)
    }
  })
})
