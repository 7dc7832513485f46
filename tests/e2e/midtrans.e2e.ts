import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { todayIn } from '#app/lib/time.ts'
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

  test("national finance uploads the settlement report of QRIS sales across two UPTs and sees each UPT's share; Bangli's finance sees its own", async () => {
    const buyer = await browser.newPage(PHONE)
    await addToCart(buyer, 'batik kediri', 'Batik Tulis Motif Kediri')
    await addToCart(buyer, 'kopi kintamani', 'Kopi Arabika Kintamani')
    await checkoutPickup(buyer, 'Dewi Lestari', 'dewi@contoh.id')
    await buyer.getByRole('button', { name: 'Bayar dengan QRIS, virtual account, atau e-wallet' }).click()
    await buyer.waitForURL(/\/dev\/midtrans-snap\//)
    await buyer.getByRole('button', { name: 'Bayar (simulasi)' }).click()
    await buyer.waitForURL(/\/orders\/ML-.*\?paid=1/)

    // The (simulated) Midtrans dashboard's settlement report: every paid Midtrans sale not settled yet,
    // gross and fee as Midtrans reports them (the fee is the channel's rate the portal booked).
    const report = await settlementReport()
    expect(report.lines).toBeGreaterThan(0)
    const national = await browser.newPage(DESKTOP)
    await loginAs(national, 'keuangan@mitralipas.demo', { totp: true })
    await visit(national, '/finance/payouts')
    await expectAccessible(national)
    // a wrong line is named and nothing is booked
    await national.getByLabel('Referensi transfer di rekening koran').fill('MIDTRANS STL E2E')
    await national.getByLabel('Laporan settlement (CSV)').setInputFiles({
      name: 'settlement.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(report.csv.replace(/,(\d+)\.00,/, ',"1.250.000,00",')),
    })
    await national.getByRole('button', { name: 'Periksa dan bukukan' }).click()
    await expect.poll(async () => (await national.locator('#report-lines').textContent()) ?? '').toContain('Baris 2:')
    expect(await national.locator('#report-lines').textContent()).toContain('1.250.000,00')
    await expectAccessible(national)
    // the report as Midtrans wrote it is booked, split per UPT
    expect(await national.getByLabel('Referensi transfer di rekening koran').inputValue()).toBe('MIDTRANS STL E2E')
    await national
      .getByLabel('Laporan settlement (CSV)')
      .setInputFiles({ name: 'settlement.csv', mimeType: 'text/csv', buffer: Buffer.from(report.csv) })
    await national.getByRole('button', { name: 'Periksa dan bukukan' }).click()
    await expect
      .poll(async () => (await national.locator('.flash').textContent()) ?? '')
      .toContain('Settlement dibukukan')
    const booked = national.locator('[data-testid=settlement]').first()
    expect(await booked.textContent()).toContain('MIDTRANS STL E2E')
    const shares = await booked.locator('[data-testid=settlement-share]').allTextContents()
    expect(shares.some((r) => r.includes('Kediri'))).toBe(true)
    expect(shares.some((r) => r.includes('Bangli'))).toBe(true)
    await expectAccessible(national)

    const bangli = await browser.newPage(PHONE)
    await loginAs(bangli, 'keuangan.bangli@mitralipas.demo', { totp: true })
    await visit(bangli, '/finance/payouts')
    const own = await bangli
      .locator('[data-testid=settlement]')
      .first()
      .locator('[data-testid=settlement-share]')
      .allTextContents()
    expect(own).toHaveLength(1)
    expect(own[0]).toContain('Bangli')
    expect(await bangli.getByRole('button', { name: 'Periksa dan bukukan' }).count()).toBe(0)
    expect(await bangli.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await expectAccessible(bangli)
  })
})

/** What Midtrans' dashboard would export for the paid, unsettled Midtrans transactions in the e2e database. */
async function settlementReport() {
  const { db } = createDb(inject('e2eDb'))
  try {
    const payments = await db
      .selectFrom('payments as p')
      .leftJoin('midtrans_settlement_lines as l', 'l.payment_id', 'p.id')
      .select(['p.provider_session_id', 'p.provider_payment_intent_id'])
      .where('p.provider', '=', 'midtrans')
      .where('p.status', '=', 'paid')
      .where('p.amount_refunded', '=', 0)
      .where('l.payment_id', 'is', null)
      .execute()
    const rows = ['Order ID,Transaction ID,Gross Amount,Fee,Net Amount,Settlement Date']
    for (const p of payments) {
      const txn = p.provider_payment_intent_id ?? p.provider_session_id!
      const entries = await db
        .selectFrom('ledger_entries')
        .select(['kind', 'amount', 'reference'])
        .where('reference', 'like', `%${txn}:%`)
        .execute()
      const gross = entries
        .filter((e) => e.kind === 'payment' && e.reference.startsWith('midtrans:'))
        .reduce((s, e) => s + e.amount, 0)
      const fee = entries
        .filter((e) => e.kind === 'fee' && e.reference.startsWith('midtrans-fee:'))
        .reduce((s, e) => s + e.amount, 0)
      rows.push(`${p.provider_session_id},${txn},${gross}.00,${fee}.00,${gross - fee}.00,${todayIn()} 11:00:00`)
    }
    return { csv: rows.join('\r\n') + '\r\n', lines: payments.length }
  } finally {
    await db.destroy()
  }
}
