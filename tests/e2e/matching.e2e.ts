import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import { formatPercentOf } from '#app/lib/format.ts'
import { DEMO_NATIONAL_TARGET } from '#db/seed/demo-matching.ts'
import { DESKTOP, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()
/** A tiny but valid PDF (one empty page). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
)
const PNG_AS_PDF = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
const numberIn = (text: string | null) => Number((text ?? '').replace(/\./g, '').trim())

describe('matching journeys', () => {
  test('a partner proposes on a suggested need, the UPT accepts and records outcomes, and /impact moves', async () => {
    // The public dashboard before: national realisation of the demo year.
    const visitor = await browser.newPage(DESKTOP)
    await visit(visitor, '/impact?year=2026')
    const trainedKpi = visitor.locator('.kpi').filter({ hasText: 'Dilatih' })
    const before = numberIn(await trainedKpi.locator('.kpi-value').textContent())
    expect(await trainedKpi.textContent()).toContain(
      `${formatPercentOf(before, DEMO_NATIONAL_TARGET)} dari target 13.500`,
    )
    expect(await visitor.getByRole('img', { name: /dilatih dan bersertifikat per triwulan 2026/ }).count()).toBe(1)

    const partner = await browser.newPage()
    await loginAs(partner, 'mitra@mitralipas.demo')
    await visit(partner, '/partner/suggestions')
    const block = partner.getByRole('region', { name: /Pelatihan tenun ikat bersertifikat BNSP/ })
    const suggestion = block.getByRole('listitem').filter({ hasText: 'Lapas Kelas IIA Kediri' }).first()
    expect(await suggestion.locator('.score').textContent()).toMatch(/Skor \d+\/100/)
    expect(await suggestion.getByRole('list', { name: 'Alasan' }).textContent()).toContain(
      'Mitra melayani provinsi yang sama',
    )
    // More than remains is refused next to the field, and nothing is sent.
    await suggestion.getByLabel(/Jumlah yang diajukan/).fill('999')
    await suggestion
      .getByRole('button', { name: 'Ajukan kerja sama' })
      .evaluate((b) => ((b as HTMLButtonElement).form!.noValidate = true))
    await suggestion.getByRole('button', { name: 'Ajukan kerja sama' }).click()
    await expect.poll(() => partner.locator('.field-error').first().textContent()).toContain('melebihi')
    await expectAccessible(partner)
    const again = partner
      .getByRole('region', { name: /Pelatihan tenun ikat bersertifikat BNSP/ })
      .getByRole('listitem')
      .filter({ hasText: 'Lapas Kelas IIA Kediri' })
      .first()
    await again.getByLabel(/Jumlah yang diajukan/).fill('5')
    await again.getByLabel('Pesan (opsional)').fill('Angkatan kedua pelatihan tenun ikat.')
    await again.getByRole('button', { name: 'Ajukan kerja sama' }).click()
    await partner.waitForURL(/\/proposals\//)
    await expect.poll(() => partner.getByRole('status').textContent()).toContain('Pengajuan kerja sama terkirim')
    await expectAccessible(partner)
    const proposalPath = new URL(partner.url()).pathname

    const staff = await browser.newPage()
    await loginAs(staff, 'staf.kediri@mitralipas.demo')
    await visit(staff, '/agreements')
    await staff.getByRole('region', { name: 'Menunggu jawaban Anda' }).locator(`a[href="${proposalPath}"]`).click()
    await staff.waitForURL(`**${proposalPath}`)
    await expectAccessible(staff)
    await staff.getByLabel('Ketentuan').fill('Pelatihan tenun ikat 120 jam untuk 5 warga binaan, uji kompetensi LSP.')
    await staff.getByLabel('Tanggal selesai').fill('2027-03-31')
    await staff.getByLabel('Nomor PKS (opsional)').fill('PAS.14-PK.01.05.02-0099')
    await staff.getByRole('button', { name: 'Terima pengajuan' }).click()
    await staff.waitForURL(/\/agreements\//)
    await expect.poll(() => staff.getByRole('status').textContent()).toMatch(/Kerja sama KS-\d{4}-\d{6} dibuat/)
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toMatch(/KS-\d{4}-\d{6}/)
    await expectAccessible(staff)

    // Outcomes on the agreement: 5 trained, certified needs its certifying body.
    await staff.getByLabel('Jenis hasil').selectOption('trained')
    await staff.getByLabel('Jumlah', { exact: true }).fill('5')
    await staff.getByRole('button', { name: 'Simpan hasil' }).click()
    await expect.poll(() => staff.getByRole('status').textContent()).toContain('Hasil tersimpan')
    await staff.getByLabel('Jenis hasil').selectOption('certified')
    await staff.getByLabel('Jumlah', { exact: true }).fill('4')
    await staff.getByRole('button', { name: 'Simpan hasil' }).click()
    await expect
      .poll(() => staff.locator('#outcome-certifyingBody-error, .field-error').first().textContent())
      .toContain('lembaga sertifikasi')
    await staff.getByLabel(/Lembaga sertifikasi/).fill('BNSP melalui LSP Tenun')
    // Leaving the field re-validates it and removes the message (the layout moves), then submit.
    await staff.getByLabel(/Lembaga sertifikasi/).press('Tab')
    await staff.getByRole('button', { name: 'Simpan hasil' }).click()
    await expect.poll(() => staff.getByRole('table').textContent()).toContain('BNSP melalui LSP Tenun')
    await expectAccessible(staff)

    // The signed PKS: a PNG renamed .pdf is refused next to the field; a PDF becomes version 1.
    const agreementPath = new URL(staff.url()).pathname
    await staff
      .getByLabel('Berkas PKS (PDF)')
      .setInputFiles({ name: 'pks.pdf', mimeType: 'application/pdf', buffer: PNG_AS_PDF })
    await staff.getByRole('button', { name: 'Unggah PKS' }).click()
    await expect.poll(() => staff.locator('#pks-document-error').textContent()).toContain('bukan PDF')
    await expectAccessible(staff)
    await staff
      .getByLabel('Berkas PKS (PDF)')
      .setInputFiles({ name: 'PKS Kediri ditandatangani.pdf', mimeType: 'application/pdf', buffer: PDF })
    await staff.getByRole('button', { name: 'Unggah PKS' }).click()
    await expect.poll(() => staff.getByRole('status').textContent()).toContain('Dokumen PKS versi 1 tersimpan')
    const versions = staff.getByRole('list', { name: 'Versi dokumen' })
    expect(await versions.textContent()).toContain('PKS Kediri ditandatangani.pdf')
    expect(await versions.textContent()).toContain('PKS berlaku')
    await expectAccessible(staff)
    // The partner downloads it as an attachment with the agreement's number in the name.
    await visit(partner, agreementPath)
    const [download] = await Promise.all([
      partner.waitForEvent('download'),
      partner.getByRole('link', { name: 'Unduh PDF versi 1' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^PKS-KS-\d{4}-\d{6}-v1\.pdf$/)
    expect(fs.readFileSync(await download.path()).equals(PDF)).toBe(true)

    // The partner was emailed about the new agreement.
    await visit(partner, '/dev/outbox')
    expect(
      await partner.getByTestId('email').filter({ hasText: 'mitra@mitralipas.demo' }).first().textContent(),
    ).toMatch(/KS-\d{4}-\d{6}/)

    // The dashboard moved by exactly what was recorded.
    await visit(visitor, '/impact?year=2026')
    const after = numberIn(await trainedKpi.locator('.kpi-value').textContent())
    expect(after).toBe(before + 5)
    expect(await trainedKpi.textContent()).toContain(formatPercentOf(after, DEMO_NATIONAL_TARGET))
    const kind = visitor
      .getByRole('region', { name: 'Per jenis dukungan' })
      .getByRole('row')
      .filter({ hasText: 'Pelatihan' })
    expect(await kind.textContent()).toMatch(/Pelatihan\s*15/)

    // The partner's impact page counts it too.
    await visit(partner, '/partner/impact')
    expect(await partner.locator('.kpi').filter({ hasText: 'Dilatih' }).locator('.kpi-value').textContent()).toBe('15')
    await visit(partner, '/partners/tenun-nusantara/impact')
  })

  test('UPT staff see matching offers and program outcomes; admins see unmatched needs and targets', async () => {
    const staff = await browser.newPage(DESKTOP)
    await loginAs(staff, 'staf.kediri@mitralipas.demo')
    await visit(staff, '/agreements')
    const uptLink = staff.getByRole('link', { name: 'Penawaran yang cocok' })
    await uptLink.click()
    await staff.waitForURL(/\/suggestions$/)
    await expectAccessible(staff)
    expect(
      await staff
        .getByRole('region', { name: /Pelatihan · Tenun ikat Kediri/ })
        .first()
        .textContent(),
    ).toContain('Tenun Nusantara')
    await staff.getByRole('link', { name: 'Hasil program' }).first().click()
    await staff.waitForURL(/\/outcomes$/)
    await expectAccessible(staff)

    const admin = await browser.newPage()
    await loginAs(admin, 'admin@mitralipas.demo', { totp: true })
    await visit(admin, '/admin/matching')
    const rows = admin.getByRole('table').first()
    expect(await rows.textContent()).toContain('Bali')
    await visit(admin, '/admin/targets?year=2026')
    expect(await admin.getByRole('table').textContent()).toContain('13.500')
    await admin.getByLabel('Cakupan').selectOption('upt')
    await admin.getByLabel('Kanwil / UPT').selectOption({ label: 'UPT · Lapas Narkotika Kelas IIA Bangli' })
    await admin.getByLabel('Target dilatih').fill('300')
    await admin.getByLabel('Target bersertifikat').fill('200')
    await admin.getByRole('button', { name: 'Simpan target' }).click()
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('Target tersimpan')
    expect(await admin.getByRole('table').textContent()).toContain('Lapas Narkotika Kelas IIA Bangli')
    await expectAccessible(admin)
  })
})
