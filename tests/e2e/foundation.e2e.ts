import { chromium } from 'playwright-core'
import { describe, expect, inject, test } from 'vitest'
import { createInvitation } from '#app/domain/identity/invitations.ts'
import { requestPasswordReset } from '#app/domain/identity/users.ts'
import { createDb } from '#db/client.ts'
import { DEMO_PASSWORD } from '#db/seed/demo.ts'
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  DESKTOP,
  addToCart,
  baseURL,
  checkoutPickup,
  expectAccessible,
  freshSignInBuckets,
  gzippedScriptBytes,
  loginAs,
  setupBrowser,
  visit,
} from './support.ts'

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
    await page.getByLabel('Saya telah membaca dan menyetujui').check()
    await page.getByRole('button', { name: 'Buat akun' }).click()
    await page.waitForURL((u) => u.pathname !== '/signup')
    await page.goto('/account')
    await expectAccessible(page)
    expect(await page.locator('main').textContent()).toContain('Yayasan Sablon Mandiri')

    await page.getByText('Menu', { exact: true }).click()
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
    // Wide screens: the work areas sit in the account menu, and the header stays one row at 1024 px.
    await page.setViewportSize({ width: 1024, height: 768 })
    expect((await page.locator('.header-bar').boundingBox())!.height).toBeLessThan(80)
    await page.locator('.account-menu > summary').click()
    await expectAccessible(page)
    await page.getByRole('navigation', { name: 'Akun dan area kerja' }).getByRole('link', { name: 'Admin' }).click()
    await page.waitForURL(/\/admin$/)
    await expect.poll(() => page.locator('.account-menu').getAttribute('open')).toBeNull() // closed after navigating
    await page.setViewportSize(DESKTOP)
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
    // A new colleague lands on the work home (issue 16), one section for the UPT they work at.
    await staff.waitForURL('**/work')
    await expectAccessible(staff)
    expect(await staff.getByRole('heading', { level: 2 }).first().textContent()).toContain('Lapas Kelas IIA Kediri')
    await staff.getByText('Menu', { exact: true }).click()
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

  test('page titles follow the language, on a full page load and on client-side navigation', async () => {
    const page = await browser.newPage(DESKTOP)
    await page.goto('/login')
    expect(await page.title()).toBe('Masuk · Mitra Lipas')
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.title()).toBe('Log in · Mitra Lipas')
    // Rendered by the server in English.
    await visit(page, '/programs')
    expect(await page.title()).toBe('Vocational programs · Mitra Lipas')
    // Client-side navigations: meta runs in the browser, which holds the English messages only.
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))
    await page.evaluate(() => ((window as unknown as { sameDocument?: boolean }).sameDocument = true))
    const nav = page.getByRole('navigation', { name: 'Main navigation' }).first()
    for (const [link, title] of [
      ['Partners', 'Pokmas Lipas partners · Mitra Lipas'],
      ['Impact', 'Impact and realisation · Mitra Lipas'],
      ['Offers', 'Offers of support · Mitra Lipas'],
    ] as const) {
      await nav.getByRole('link', { name: link, exact: true }).click()
      await expect.poll(() => page.title()).toBe(title)
    }
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click()
    await expect.poll(() => page.title()).toBe('Penawaran dukungan · Mitra Lipas')
  })

  test('account forms answer next to the fields, with and without JavaScript', async () => {
    const page = await browser.newPage()
    await page.goto('/login')
    const posts: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url())
    })
    await page.getByRole('button', { name: 'Masuk' }).click()
    await expect
      .poll(() => page.locator('.field-error').allTextContents())
      .toEqual(['Wajib diisi.', 'Kata sandi wajib diisi.'])
    expect(posts).toEqual([]) // the browser's own checks, before anything is sent
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(page)

    // What only the server knows comes back in the same place.
    await page.goto('/signup')
    await page.getByLabel('Pembeli').check()
    await page.getByLabel('Nama lengkap').fill('Wira Pratama')
    await page.getByLabel('Email').fill(`wira-${Date.now()}@contoh.id`)
    await page.getByLabel('Kata sandi').fill('password123')
    await page.getByLabel('Saya telah membaca dan menyetujui').check()
    await page.getByRole('button', { name: 'Buat akun' }).click()
    await expect.poll(() => page.locator('.field-error').textContent()).toContain('terlalu umum')
    expect(await page.getByLabel('Kata sandi').getAttribute('aria-describedby')).toContain('password-error')
    await expectAccessible(page)

    const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    try {
      const context = await b.newContext({ baseURL: baseURL(), javaScriptEnabled: false, locale: 'id-ID' })
      const noScript = await context.newPage()
      await noScript.goto('/login')
      await noScript.getByLabel('Email').fill('pembeli@mitralipas.demo')
      await noScript.getByLabel('Kata sandi').fill('bukan kata sandinya')
      await noScript.getByRole('button', { name: 'Masuk' }).click()
      await noScript.waitForLoadState()
      expect(await noScript.getByRole('alert').first().textContent()).toContain('Email atau kata sandi salah.')
      expect(await noScript.getByLabel('Email').inputValue()).toBe('pembeli@mitralipas.demo')
    } finally {
      await b.close()
    }
  })

  test('told to wait after too many sign-in attempts, a person keeps the form and the email typed', async () => {
    const page = await browser.newPage()
    try {
      await page.goto('/login')
      await page.getByLabel('Email').fill('pembeli@mitralipas.demo')
      const tooMany = page.getByText(/Terlalu banyak percobaan\. Coba lagi dalam \d+ detik\./)
      // 10 a minute from one address; earlier journeys may have used some of this minute's.
      for (let press = 0; press < 11 && !(await tooMany.isVisible()); press++) {
        await page.getByLabel('Kata sandi').fill(`bukan kata sandinya ${press}`)
        const answered = page.waitForResponse((r) => r.request().method() === 'POST')
        await page.getByRole('button', { name: 'Masuk' }).click()
        await answered
      }
      await tooMany.waitFor()
      expect(await page.getByRole('alert').first().textContent()).toContain('Terlalu banyak percobaan')
      expect(await page.getByLabel('Email').inputValue()).toBe('pembeli@mitralipas.demo')
      expect(await page.getByRole('button', { name: 'Masuk' }).isEnabled()).toBe(true)
      expect(new URL(page.url()).pathname).toBe('/login')
      await expectAccessible(page)
    } finally {
      // The journeys after this one sign in from the same address.
      await freshSignInBuckets()
      await page.close()
    }
  })

  test('public browsing and checkout pages ship at most 120 KB of gzipped JavaScript', async () => {
    for (const path of ['/', '/products', '/products/roti-manis-isi-cokelat-kediri']) {
      const page = await browser.newPage()
      const bytes = await gzippedScriptBytes(page, path)
      expect(bytes, path).toBeGreaterThan(10_000) // it does load the app
      expect(bytes, path).toBeLessThanOrEqual(120 * 1024)
    }
    // With something in the cart, or /checkout only redirects to /cart.
    const buyer = await browser.newPage()
    await addToCart(buyer, 'batik kediri', 'Batik Tulis Motif Kediri')
    for (const path of ['/cart', '/checkout']) {
      const bytes = await gzippedScriptBytes(buyer, path)
      expect(new URL(buyer.url()).pathname).toBe(path)
      expect(bytes, path).toBeGreaterThan(10_000)
      expect(bytes, path).toBeLessThanOrEqual(120 * 1024)
    }
  })

  test('account, directory and order-status pages anyone can open ship at most 120 KB of gzipped JavaScript', async () => {
    // Real links, as the emails carry them: a reset token, an invitation token, and a guest's order page.
    const { db } = createDb(inject('e2eDb'))
    let resetToken: string
    let inviteToken: string
    try {
      resetToken = (await requestPasswordReset(db, 'pembeli@mitralipas.demo'))!.token
      const admin = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'admin@mitralipas.demo')
        .executeTakeFirstOrThrow()
      const upt = await db
        .selectFrom('upts')
        .select('id')
        .where('slug', '=', 'lapas-kelas-i-malang')
        .executeTakeFirstOrThrow()
      ;({ token: inviteToken } = await createInvitation(db, {
        invitedBy: admin.id,
        email: `anggaran-${Date.now()}@lapas.go.id`,
        role: 'upt_staff',
        uptId: upt.id,
        adminKanwilId: null,
      }))
    } finally {
      await db.destroy()
    }
    const buyer = await browser.newPage()
    await addToCart(buyer, 'sandal jepit', 'Sandal Jepit Karet')
    const order = new URL((await checkoutPickup(buyer, 'Sari Anggraini', 'sari@contoh.id')).url).pathname

    const paths = [
      '/signup',
      '/login',
      '/forgot-password',
      `/reset-password/${resetToken}`,
      `/invite/${inviteToken}`,
      '/offers',
      '/programs',
      '/partners',
      '/partners/tenun-nusantara',
      '/impact',
      '/stores/lapas-kelas-i-malang',
      order,
    ]
    const measured: [string, number][] = []
    for (const path of paths) measured.push([path, await gzippedScriptBytes(await browser.newPage(), path)])
    // The second factor's page needs a session waiting for it.
    const totp = await browser.newPage()
    await totp.goto('/login')
    await totp.getByLabel('Email').fill('admin@mitralipas.demo')
    await totp.getByLabel('Kata sandi').fill(DEMO_PASSWORD)
    await totp.getByRole('button', { name: 'Masuk' }).click()
    await totp.waitForURL(/\/login\/totp/)
    measured.push(['/login/totp', await gzippedScriptBytes(totp, '/login/totp')])
    expect(new URL(totp.url()).pathname).toBe('/login/totp')

    for (const [path, bytes] of measured) expect(bytes, path).toBeGreaterThan(10_000) // it does load the app
    const over = measured
      .filter(([, bytes]) => bytes > 120 * 1024)
      .map(([path, bytes]) => `${path}: ${(bytes / 1024).toFixed(1)} KB`)
    expect(over, 'pages over the 120 KB budget').toEqual([])
  })
})
