import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { currentTotp } from '#app/domain/identity/totp.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '#db/seed/demo.ts'
import { unusedTotpCode } from '../support/totp.ts'
import { DESKTOP, PHONE, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

describe('second factor', () => {
  test('an admin replaces the authenticator with the password and a current code; the page passes axe on phone and desktop', async () => {
    const email = 'kanwil.jateng@mitralipas.demo'
    const page = await browser.newPage(PHONE)
    await loginAs(page, email, { totp: true })
    await visit(page, '/account')
    await page.getByRole('link', { name: 'Kelola' }).click()
    await page.waitForURL(/\/account\/totp$/)
    await visit(page, '/account/totp')
    await page.setViewportSize(DESKTOP)
    await visit(page, '/account/totp')
    // An admin may replace the factor but not turn it off.
    await expect(page.getByRole('heading', { name: 'Ganti aplikasi autentikator' }).isVisible()).resolves.toBe(true)
    expect(await page.getByRole('button', { name: 'Matikan verifikasi dua langkah' }).count()).toBe(0)

    // The wrong password: refused next to the field, nothing changes.
    await page.getByLabel('Kata sandi saat ini').fill('bukan kata sandinya')
    await page.getByLabel('Kode dari aplikasi autentikator saat ini').fill('123456')
    await page.getByLabel('Kode dari aplikasi autentikator baru').fill('123456')
    await page.getByRole('button', { name: 'Ganti autentikator' }).click()
    await page.getByText('Kata sandi salah.').waitFor()

    // The new key shown on the page is what the authenticator gets; the demo keeps its own
    // secret so the other journeys can still log this account in.
    const shown = (await page.getByTestId('totp-secret').textContent())!.trim()
    expect(shown).toMatch(/^[A-Z2-7]{32}$/)
    await page.evaluate((secret) => {
      document.querySelector<HTMLInputElement>('form#replace input[name="secret"]')!.value = secret
    }, DEMO_TOTP_SECRET)
    const { db } = createDb(inject('e2eDb'))
    const current = await unusedTotpCode(db, email, DEMO_TOTP_SECRET).finally(() => db.destroy())
    await page.getByLabel('Kata sandi saat ini').fill(DEMO_PASSWORD)
    await page.getByLabel('Kode dari aplikasi autentikator saat ini').fill(current)
    await page.getByLabel('Kode dari aplikasi autentikator baru').fill(currentTotp(DEMO_TOTP_SECRET))
    await page.getByRole('button', { name: 'Ganti autentikator' }).click()
    await page.waitForURL(/\/account$/)
    await page.getByText('Aplikasi autentikator diganti').waitFor()
  })
})
