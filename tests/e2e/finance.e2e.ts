import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { todayIn } from '#app/lib/time.ts'
import { DESKTOP, PHONE, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

/** The demo seed's first sale (a Bangli transfer), as the ledger holds it. */
async function firstDemoSale(reference: string) {
  const { db } = createDb(inject('e2eDb'))
  try {
    return await db
      .selectFrom('ledger_entries')
      .select(['day', 'amount'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
  } finally {
    await db.destroy()
  }
}

function monthShift(month: string, delta: number) {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7)
}

describe('finance journeys', () => {
  test('Bangli finance sees PNBP due, creates a billing, records its NTPN, imports a statement, reconciles and exports; Kediri finance cannot see it', async () => {
    const page = await browser.newPage(DESKTOP)
    await loginAs(page, 'keuangan.bangli@mitralipas.demo', { totp: true })
    await visit(page, '/finance')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Keuangan dan PNBP')
    const due = await page.getByTestId('pnbp-due').textContent()
    expect(due).toMatch(/^Rp [1-9]/)

    await page.getByRole('link', { name: 'Lapas Narkotika Kelas IIA Bangli' }).first().click()
    await page.waitForURL(/\/finance\/upt\//)
    await expectAccessible(page)
    const uptUrl = new URL(page.url()).pathname
    const outstanding = (await page.getByTestId('outstanding').textContent())!
    const kode = `8${String(Date.now()).padStart(14, '0')}`
    await page.getByLabel('Kode billing').fill(kode)
    await page.getByRole('button', { name: 'Buat billing' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Billing tersimpan')
    await expectAccessible(page)
    await page.getByRole('link', { name: `Catat pembayaran ${kode}` }).click()
    const ntpn = `E2E${String(Date.now()).slice(-13)}`
    await page.getByLabel('NTPN').fill(ntpn)
    await page.getByLabel('NTB').fill('987654321')
    await page.getByLabel('Bank / kanal').fill('Bank BRI')
    await page.getByRole('button', { name: 'Catat pembayaran' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Pembayaran tercatat')
    expect(await page.getByText(`NTPN ${ntpn}`).count()).toBe(1)
    expect(await page.getByTestId('outstanding').textContent()).toBe('Rp 0')
    expect(outstanding).not.toBe('Rp 0')
    // the deposit is in the ledger: PNBP payable debited from the bank, and the trial balance balances
    await page.getByRole('link', { name: 'Buku besar' }).click()
    await page.waitForURL(/\/ledger/)
    await expectAccessible(page)
    expect(await page.locator('[data-testid=entry]', { hasText: `ntpn:${ntpn}` }).count()).toBe(1)
    const totals = await page.locator('tfoot td').allTextContents()
    expect(totals[0]).toBe(totals[1])
    await page.goBack()

    // Bank statement as Excel with an Indonesian locale saves it (semicolons, Rp 1.234.567, the
    // deposit in parentheses, dd/mm/yyyy, CRLF, a title line above the table): a transfer naming
    // the first demo order, the PNBP deposit just made, and interest with sen that must be
    // named and skipped while the rest imports.
    const month = todayIn('Asia/Makassar').slice(0, 7)
    const sale = await firstDemoSale(`demo:ML-${month.slice(0, 4)}-900001`)
    expect(sale.day.slice(0, 7)).toBe(monthShift(month, -2))
    const dmy = (iso: string) => iso.split('-').reverse().join('/')
    const dotted = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
    const amount = dotted(outstanding.replace(/\D/g, ''))
    const csv = [
      'Rekap rekening koran Lapas Bangli;;;',
      ';;;',
      'Tanggal;Keterangan;Referensi;Jumlah',
      `${dmy(sale.day)};TRF ML-${month.slice(0, 4)}-900001 PEMBELI;;Rp ${dotted(String(sale.amount))}`,
      `${dmy(todayIn('Asia/Makassar'))};SETOR PNBP;${ntpn};(${amount})`,
      `${dmy(todayIn('Asia/Makassar'))};BUNGA JASA GIRO;;1.250,50`,
      '',
    ].join('\r\n')
    await page.goto(`${uptUrl}/statements`)
    await expectAccessible(page)
    const sample = await page.request.get(`${uptUrl}/statements/sample.csv`)
    expect(sample.status()).toBe(200)
    expect(sample.headers()['content-disposition']).toBe('attachment; filename="contoh-rekening-koran.csv"')
    expect(await page.getByRole('link', { name: 'Unduh contoh berkas (CSV)' }).getAttribute('href')).toBe(
      `${uptUrl}/statements/sample.csv`,
    )
    const upload = async () => {
      await page
        .getByLabel('Berkas rekening koran (CSV atau teks)')
        .setInputFiles({ name: 'rekap-bangli.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') })
      await page.getByRole('button', { name: 'Pratinjau' }).click()
      await page.getByRole('heading', { name: 'Pratinjau impor' }).waitFor()
    }
    await upload()
    // First import for this account: the mapping is asked, with the columns recognised.
    expect(await page.getByText('Impor pertama untuk rekening ini').count()).toBe(1)
    expect(await page.getByLabel('Kolom jumlah').inputValue()).toBe('Jumlah')
    expect(await page.getByLabel('Pemisah kolom').inputValue()).toBe('semicolon')
    expect(await page.getByText('Baris 6, kolom Jumlah (1.250,50): bukan rupiah utuh').count()).toBe(1)
    expect(await page.getByTestId('preview-line').count()).toBe(2)
    await expectAccessible(page)
    // At phone width the preview and its mapping fit without sideways scrolling.
    await page.setViewportSize(PHONE)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    )
    await expectAccessible(page)
    await page.setViewportSize(DESKTOP)
    await page.getByRole('button', { name: 'Impor 2 baris baru' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('2 baris diimpor, 0 duplikat dan 1 baris bermasalah dilewati')
    await page.getByRole('button', { name: /Cocokkan otomatis/ }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('2 baris dicocokkan')
    expect(await page.getByText('Cocok (referensi)').count()).toBe(2)
    await expectAccessible(page)
    // The same file again: the saved mapping is used, and both lines are shown as imported before.
    await upload()
    expect(await page.getByText('Memakai pemetaan kolom yang tersimpan untuk rekening ini.').count()).toBe(1)
    expect(await page.getByText('Sudah diimpor, dilewati').count()).toBe(2)
    expect(await page.getByText('Tidak ada baris baru di berkas ini.').count()).toBe(1)
    await expectAccessible(page)

    const csvResponse = await page.request.get(`/finance/report.csv?month=${month}`)
    expect(csvResponse.headers()['content-type']).toBe('text/csv; charset=utf-8')
    const body = await csvResponse.text()
    expect(body.split('\r\n')[0]).toMatch(/^month,kanwil,upt_id,upt,gross_sales/)
    expect(body).toContain('Lapas Narkotika Kelas IIA Bangli')
    await visit(page, `/finance/report?month=${month}`)

    const other = await browser.newPage()
    await loginAs(other, 'keuangan.kediri@mitralipas.demo', { totp: true })
    await visit(other, '/finance')
    expect(await other.locator('main').textContent()).not.toContain('Bangli')
    const denied = await other.goto(uptUrl)
    expect(denied?.status()).toBe(403)
    const otherCsv = await (await other.request.get(`/finance/report.csv?month=${month}`)).text()
    expect(otherCsv).not.toContain('Bangli')
  })

  test('national finance sees every UPT by Kanwil, the rules and the settings', async () => {
    const page = await browser.newPage()
    await loginAs(page, 'keuangan@mitralipas.demo', { totp: true })
    await visit(page, '/finance')
    expect(await page.getByRole('heading', { name: 'Nasional (per Kanwil)', level: 2 }).count()).toBe(1)
    await visit(page, '/finance/rules')
    expect(await page.locator('main').textContent()).toContain('Penjualan dikurangi biaya produksi')
    await visit(page, '/finance/targets')
    await page.getByLabel('UPT', { exact: true }).selectOption({ label: 'Lapas Kelas IIA Kediri' })
    await page.getByLabel('Jumlah (Rp)').fill('2500000')
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Target tersimpan')
    await expectAccessible(page)
    await visit(page, '/finance/settings')
    await page.getByLabel('Hari libur (satu tanggal YYYY-MM-DD per baris)').fill('2026-12-25')
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Pengaturan tersimpan')
  })
})
