import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { DESKTOP, addToCart, checkoutPickup, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

async function uptId(slug: string) {
  const { db } = createDb(inject('e2eDb'))
  try {
    return (await db.selectFrom('upts').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
  } finally {
    await db.destroy()
  }
}

describe('payment journeys', () => {
  test('a guest buys from two UPTs by card on the (simulated) hosted page and returns to a paid order', async () => {
    const page = await browser.newPage()
    await addToCart(page, 'batik kediri', 'Batik Tulis Motif Kediri')
    await addToCart(page, 'kopi kintamani', 'Kopi Arabika Kintamani', 2)
    const { number } = await checkoutPickup(page, 'Ayu Pratiwi', 'ayu@contoh.id')
    await expectAccessible(page)
    expect(await page.locator('.sub-order').count()).toBe(2)
    await page.getByRole('button', { name: 'Bayar dengan kartu' }).click()
    await page.waitForURL(/\/dev\/stripe-checkout\/cs_test_/)
    await expectAccessible(page)
    expect(await page.locator('main').textContent()).toContain(number)
    expect(await page.locator('main').textContent()).toContain('580.000')
    await page.getByRole('button', { name: 'Bayar', exact: true }).click()
    await page.waitForURL(/\/orders\/ML-.*\?paid=1/)
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain('Pembayaran Anda sudah diterima')
    await expectAccessible(page)
    for (const text of await page.locator('.sub-order').allTextContents()) expect(text).toContain('Dibayar')
    // the buyer's receipt is in the demo outbox
    await visit(page, '/dev/outbox')
    expect(await page.locator('main').textContent()).toContain(`Pembayaran diterima: pesanan ${number}`)

    // Bangli's finance officer refunds Bangli's sub-order in full; the status follows Stripe's refund event
    const bangli = await uptId('lapas-narkotika-kelas-iia-bangli')
    const finance = await browser.newPage(DESKTOP)
    await loginAs(finance, 'keuangan.bangli@mitralipas.demo', { totp: true })
    await visit(finance, `/finance/upt/${bangli}/payments`)
    const row = finance.locator('tbody tr', { hasText: number })
    expect(await row.count()).toBe(1)
    await row.getByRole('link', { name: 'Kembalikan dana' }).click()
    await finance.waitForURL(/\/payments\/refund\//)
    await expectAccessible(finance)
    await finance.getByLabel('Alasan', { exact: true }).fill('Pembeli membatalkan kopi')
    await finance.getByLabel('Kembalikan stok barang ke etalase').check()
    await finance.getByLabel('Saya sudah memeriksa jumlah dan alasannya').check()
    await finance.getByRole('button', { name: 'Kembalikan dana' }).click()
    await expect
      .poll(async () => {
        await finance.reload()
        return (await finance.locator('main').textContent()) ?? ''
      })
      .toContain('Berhasil')
    expect(await finance.locator('main').textContent()).toContain('Dikembalikan')
    await expectAccessible(finance)

    // (Simulated) Stripe pays the day out; national finance fetches the payout and it is split per UPT
    const national = await browser.newPage(DESKTOP)
    await loginAs(national, 'keuangan@mitralipas.demo', { totp: true })
    await visit(national, '/finance/payouts')
    await national.getByRole('button', { name: /Ambil payout dari Stripe/ }).click()
    await expect
      .poll(async () => (await national.locator('.flash').textContent()) ?? '')
      .toContain('1 baru; 1 teralokasi')
    const newest = national.locator('[data-testid=payout]').first()
    expect(await newest.textContent()).toContain('Teralokasi')
    const rows = await newest.locator('[data-testid=share]').allTextContents()
    // Kediri receives its sale less its share of the fee; Bangli's refunded sale leaves it owing its fee share
    expect(rows.find((r) => r.includes('Kediri'))).toMatch(/DiterimaRp\s?[1-9]/)
    expect(rows.find((r) => r.includes('Bangli'))).toMatch(/Diterima-Rp\s?[1-9]/)
    await expectAccessible(national)
    // Bangli's finance sees Bangli's share only
    await visit(finance, '/finance/payouts')
    const own = await finance.locator('[data-testid=payout]').first().locator('[data-testid=share]').allTextContents()
    expect(own).toHaveLength(1)
    expect(own[0]).toContain('Bangli')
    expect(await finance.getByRole('button', { name: /Ambil payout/ }).count()).toBe(0)
  })

  test('cancelling on the hosted page returns to the order, still payable', async () => {
    const page = await browser.newPage()
    await addToCart(page, 'dupa', 'Dupa Wangi Cendana', 1)
    await addToCart(page, 'kopi kintamani', 'Kopi Arabika Kintamani', 1)
    await checkoutPickup(page, 'Bima Sakti', 'bima@contoh.id')
    await page.getByRole('button', { name: 'Bayar dengan kartu' }).click()
    await page.waitForURL(/\/dev\/stripe-checkout\//)
    await page.getByRole('button', { name: 'Batal' }).click()
    await page.waitForURL(/cancelled=1/)
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain('Pembayaran kartu dibatalkan')
    await expectAccessible(page)
    expect(await page.getByRole('button', { name: 'Bayar dengan kartu' }).count()).toBe(1)
  })

  test('another buyer pays by bank transfer, uploads proof, finance of the UPT confirms: paid', async () => {
    const page = await browser.newPage()
    await addToCart(page, 'dupa', 'Dupa Wangi Cendana', 2)
    const { url, number } = await checkoutPickup(page, 'Komang Ayu', 'komang@contoh.id')
    await page.getByRole('button', { name: 'Bayar dengan transfer bank' }).click()
    await expect.poll(() => page.locator('[data-testid="transfer-amount"]').count()).toBe(1)
    await expectAccessible(page)
    const amountText = (await page.locator('[data-testid="transfer-amount"]').textContent()) ?? ''
    const amount = Number(amountText.replace(/\D/g, ''))
    expect(amount).toBeGreaterThan(50_000)
    expect(amount).toBeLessThan(50_000 + 1000)
    const png = path.join(os.tmpdir(), `bukti-${process.pid}.png`)
    fs.writeFileSync(
      png,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    )
    await page.getByLabel(/Bukti transfer/).setInputFiles(png)
    await page.getByRole('button', { name: 'Unggah bukti transfer' }).click()
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain('menunggu konfirmasi keuangan UPT')
    await expectAccessible(page)

    const bangli = await uptId('lapas-narkotika-kelas-iia-bangli')
    const finance = await browser.newPage(DESKTOP)
    await loginAs(finance, 'keuangan.bangli@mitralipas.demo', { totp: true })
    await visit(finance, '/finance')
    await finance.getByRole('link', { name: 'Pembayaran dan transfer' }).click()
    await finance.waitForURL(new RegExp(`/finance/upt/${bangli}/payments$`))
    await expectAccessible(finance)
    const card = finance.locator('[data-testid="transfer"]', { hasText: `${number}-1` })
    expect(await card.count()).toBe(1)
    expect(await card.textContent()).toContain(amountText.trim())
    expect(await card.getByRole('link', { name: 'Lihat bukti' }).count()).toBe(1)
    await card.getByRole('button', { name: 'Konfirmasi dana diterima' }).click()
    await expect.poll(async () => (await finance.locator('main').textContent()) ?? '').toContain(`${number}-1`)
    await expectAccessible(finance)
    expect(await finance.locator('[data-testid="transfer"]', { hasText: `${number}-1` }).count()).toBe(0)

    await page.goto(url)
    expect(await page.locator('.sub-order').first().textContent()).toContain('Dibayar')
    // finance of Bangli cannot open another UPT's payments
    const kediri = await uptId('lapas-kelas-iia-kediri')
    const denied = await finance.goto(`/finance/upt/${kediri}/payments`)
    expect(denied?.status()).toBe(403)
  })
})
