import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { DESKTOP, PHONE, expectAccessible, gzippedScriptBytes, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1')

const KIND_TERMS: Record<string, { label: string; fill: (p: Page) => Promise<void> }> = {
  capital: {
    label: 'Pemodalan',
    fill: async (p) => {
      await p.getByLabel('Nilai (rupiah)').fill('25000000')
      await p.getByLabel('Bentuk', { exact: true }).selectOption('equipment')
      await p.getByLabel('Jadwal penyaluran').fill('Satu tahap')
    },
  },
  training: {
    label: 'Pelatihan',
    fill: async (p) => {
      await p.getByLabel('Jumlah kursi').fill('20')
      await p.getByLabel('Jam pelatihan').fill('100')
    },
  },
  expert: {
    label: 'Tenaga ahli',
    fill: async (p) => {
      await p.getByLabel('Keahlian').fill('Sablon digital')
      await p.getByLabel('Jumlah hari').fill('10')
      await p.getByLabel('Cara pendampingan').selectOption('onsite')
    },
  },
  absorption: {
    label: 'Penampungan produk',
    fill: async (p) => {
      await p.getByLabel('Kategori produk').fill('Kaos sablon')
      await p.getByLabel('Unit per bulan').fill('300')
      await p.getByLabel('Harga per unit (rupiah)').fill('45000')
      await p.getByLabel('Lama (bulan)').fill('12')
    },
  },
  publication: {
    label: 'Publikasi',
    fill: async (p) => {
      await p.getByLabel('Saluran', { exact: true }).fill('Instagram dan pameran')
      await p.getByLabel('Perkiraan jangkauan (orang)').fill('10000')
      await p.getByLabel('Jumlah publikasi').fill('4')
    },
  },
}

describe('partners, programs and offers', () => {
  test('a partner registers, an admin verifies it, the partner publishes one offer of each kind, a visitor finds them', async () => {
    const stamp = Date.now()
    const orgName = `Sablon Merdeka ${stamp}`
    const email = `sablon-${stamp}@contoh.id`
    const partner = await browser.newPage(DESKTOP)
    await visit(partner, '/signup')
    await partner.getByLabel('Nama lengkap').fill('Rina Wulandari')
    await partner.getByLabel('Email').fill(email)
    await partner.getByLabel('Kata sandi').fill('sablon kaos merdeka')
    await partner.getByLabel('Nama organisasi').fill(orgName)
    await partner.getByLabel('Jenis organisasi').selectOption('company')
    // Sectors and provinces can be given at sign-up already (they decide which Kanwil reviews it).
    await partner
      .getByRole('group', { name: 'Sektor (opsional)' })
      .getByLabel('Sablon & percetakan', { exact: true })
      .check()
    await partner
      .getByRole('group', { name: 'Provinsi yang dilayani (opsional)' })
      .getByLabel('Jawa Timur', { exact: true })
      .check()
    // The terms and privacy policy must be accepted: refused next to the box without it.
    await partner.getByRole('button', { name: 'Buat akun' }).click()
    await expect
      .poll(() => partner.locator('#acceptTerms-error').textContent())
      .toContain('Centang kotak ini untuk menyetujui')
    expect(await partner.url()).toContain('/signup')
    await partner.getByLabel('Saya telah membaca dan menyetujui').check()
    await partner.getByRole('button', { name: 'Buat akun' }).click()
    await partner.waitForURL('**/partner')
    await expectAccessible(partner)
    expect(await partner.locator('main').textContent()).toContain('Menunggu verifikasi')
    // Until the address is confirmed a banner says so (ADR 033).
    expect(await partner.getByRole('note').filter({ hasText: 'Konfirmasi alamat email Anda' }).count()).toBe(1)

    // The e-mailed link: opening it shows one button; pressing it confirms the address.
    await visit(partner, '/dev/outbox')
    const confirmMail = partner.getByTestId('email').filter({ hasText: email }).filter({ hasText: '/verify-email/' })
    const confirmLink = await confirmMail.first().getByRole('link').first().getAttribute('href')
    expect(confirmLink).toMatch(/\/verify-email\/[A-Za-z0-9_-]+$/)
    await visit(partner, new URL(confirmLink!).pathname)
    await partner.getByRole('button', { name: 'Konfirmasi alamat email' }).click()
    await expect.poll(() => partner.locator('main').textContent()).toContain('Alamat email Anda sudah dikonfirmasi')
    await expectAccessible(partner)

    // Legal documents: a company uploads its deed, NIB and NPWP as PDF.
    await visit(partner, '/partner/documents')
    expect(await partner.locator('main').textContent()).toContain('Belum diunggah: Akta pendirian, NIB, NPWP')
    for (const [value, label] of [
      ['akta', 'Akta pendirian'],
      ['nib', 'NIB'],
      ['npwp', 'NPWP'],
    ] as const) {
      await partner.getByLabel('Jenis dokumen').selectOption(value)
      await partner
        .getByLabel('Berkas PDF')
        .setInputFiles({ name: `${value}.pdf`, mimeType: 'application/pdf', buffer: PDF })
      await partner.getByRole('button', { name: 'Unggah dokumen' }).click()
      await expect.poll(() => partner.getByRole('heading', { name: label, exact: true }).count()).toBe(1)
    }
    await expectAccessible(partner)
    expect(await partner.locator('main').textContent()).not.toContain('Belum diunggah')

    // Profile: what was ticked at sign-up is there.
    await visit(partner, '/partner')
    await partner.getByRole('link', { name: 'Ubah profil' }).click()
    await partner.waitForURL('**/partner/profile')
    await expectAccessible(partner)
    expect(await partner.getByLabel('Sablon & percetakan', { exact: true }).isChecked()).toBe(true)
    expect(await partner.getByLabel('Jawa Timur', { exact: true }).isChecked()).toBe(true)
    await partner.getByLabel('NIB (opsional)').fill('123')
    await partner.getByRole('button', { name: 'Simpan' }).click()
    await expect.poll(() => partner.locator('.field-error').first().textContent()).toContain('13 digit')
    await partner.getByLabel('NIB (opsional)').fill('1234567890123')
    await partner.getByRole('button', { name: 'Simpan' }).click()
    await partner.waitForURL('**/partner')

    // Not verified yet: publishing is not offered; the draft-only notice shows.
    await visit(partner, '/partner/offers/new?kind=training')
    expect(await partner.getByRole('button', { name: 'Simpan dan terbitkan' }).count()).toBe(0)

    const admin = await browser.newPage(DESKTOP)
    await loginAs(admin, 'admin@mitralipas.demo', { totp: true })
    await visit(admin, '/admin')
    await admin.getByRole('link', { name: 'Verifikasi mitra' }).click()
    await admin.waitForURL('**/admin/partners')
    await expectAccessible(admin)
    // Before the verify button: NIB, NPWP, the documents to download, the history.
    const card = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: orgName }) })
    expect(await card.textContent()).toContain('1234567890123')
    for (const kind of ['Unduh Akta pendirian (PDF)', 'Unduh NIB (PDF)', 'Unduh NPWP (PDF)'])
      expect(await card.getByRole('link', { name: kind }).count()).toBe(1)
    expect(await card.textContent()).toContain('Mengunggah dokumen legal')
    await admin.getByRole('link', { name: `Verifikasi: ${orgName}` }).click()
    await expectAccessible(admin)
    await admin.getByRole('alertdialog').getByRole('button', { name: 'Verifikasi' }).click()
    await expect.poll(() => admin.getByRole('status').textContent()).toContain(`${orgName} telah diverifikasi`)
    await visit(admin, '/dev/outbox')
    expect(await admin.getByTestId('email').filter({ hasText: email }).first().textContent()).toContain('diverifikasi')

    for (const [kind, k] of Object.entries(KIND_TERMS)) {
      await visit(partner, '/partner/offers/new')
      await partner.getByRole('link', { name: k.label, exact: true }).click()
      await partner.waitForURL(`**/partner/offers/new?kind=${kind}`)
      await partner.getByLabel('Judul', { exact: true }).fill(`${k.label} dari ${orgName}`)
      await k.fill(partner)
      await partner.getByLabel('Sablon & percetakan', { exact: true }).check()
      await partner.getByLabel('Jawa Timur', { exact: true }).check()
      await partner.getByLabel('Medium', { exact: true }).check()
      await partner.getByLabel('Minimum', { exact: true }).check()
      await partner.getByLabel('Berlaku sampai').fill('2027-12-31')
      await partner.getByRole('button', { name: 'Simpan dan terbitkan' }).click()
      await partner.waitForURL(/\/partner\/offers\/[0-9a-f-]{36}$/)
      await expect.poll(() => partner.getByRole('status').textContent()).toContain('Penawaran diterbitkan')
    }
    await expectAccessible(partner)
    await visit(partner, '/partner')
    expect(await partner.getByRole('list', { name: 'Jumlah per status' }).textContent()).toContain('Dibuka: 5')

    // A visitor finds the offers through the directory's filters, and the public profile.
    const visitor = await browser.newPage()
    await visit(visitor, '/offers')
    await visitor.getByLabel('Cari').fill(orgName)
    await visitor.getByLabel('Provinsi').selectOption({ label: 'Jawa Timur' })
    await visitor.getByRole('button', { name: 'Terapkan filter' }).click()
    await visitor.waitForURL(/province=35/)
    await expectAccessible(visitor)
    await expect.poll(() => visitor.getByText('5 hasil').count()).toBe(1)
    await visitor.getByLabel('Jenis dukungan').selectOption('absorption')
    await visitor.getByRole('button', { name: 'Terapkan filter' }).click()
    await visitor.waitForURL(/kind=absorption/)
    await expect.poll(() => visitor.getByText('1 hasil').count()).toBe(1)
    // The card links to the offer's own public page: kind-specific terms, partner, validity, region.
    const offerLink = visitor.getByRole('link', { name: `Penampungan produk dari ${orgName}` })
    const offerPath = await offerLink.getAttribute('href')
    expect(offerPath).toMatch(/^\/offers\/[0-9a-f-]{36}$/)
    const reader = await browser.newPage(PHONE)
    expect((await visit(reader, offerPath!))?.status()).toBe(200)
    expect(await reader.getByRole('heading', { level: 1 }).textContent()).toBe(`Penampungan produk dari ${orgName}`)
    const terms = await reader.getByRole('region', { name: 'Ketentuan' }).textContent()
    expect(terms).toContain('Kaos sablon')
    expect(terms).toContain('Rp 45.000')
    expect(await reader.locator('main').textContent()).toContain('Jawa Timur')
    await reader.getByRole('link', { name: orgName }).click()
    await reader.waitForURL(/\/partners\/sablon-merdeka/)
    // A small page: no form library or validation schema shipped (docs/quality.md, Performance: the JavaScript budget).
    expect(await gzippedScriptBytes(await browser.newPage(), offerPath!)).toBeLessThanOrEqual(120 * 1024)
    await visitor.getByLabel('Provinsi').selectOption({ label: 'Bali' })
    await visitor.getByRole('button', { name: 'Terapkan filter' }).click()
    await visitor.waitForURL(/province=51/)
    await expect.poll(() => visitor.getByText('Belum ada penawaran yang cocok').count()).toBe(1)
    await expectAccessible(visitor)

    await visit(visitor, '/partners?province=35')
    await visitor.getByRole('link', { name: orgName }).click()
    await visitor.waitForURL(/\/partners\/sablon-merdeka/)
    await expectAccessible(visitor)
    expect(await visitor.getByRole('heading', { name: 'Penawaran yang dibuka' }).count()).toBe(1)
    expect(await visitor.locator('.card').count()).toBe(5)
  }, 240_000)

  test('UPT staff create a program with needs; a visitor finds it through the program filters', async () => {
    const title = `Sablon kaos Kediri ${Date.now()}`
    const staff = await browser.newPage()
    await loginAs(staff, 'staf.kediri@mitralipas.demo')
    await staff.getByText('Menu', { exact: true }).click()
    await staff.getByRole('link', { name: 'UPT saya' }).click()
    await staff.waitForURL(/\/upt\//)
    await expectAccessible(staff)
    await staff.getByRole('link', { name: 'Program baru' }).click()
    await staff.waitForURL(/\/programs\/new$/)
    await expectAccessible(staff)
    await staff.getByLabel('Nama program').fill(title)
    await staff.getByLabel('Sektor').selectOption('printing')
    await staff.getByLabel('Deskripsi').fill('Produksi kaos sablon untuk pesanan kantor dan sekolah.')
    await staff.getByLabel('Jumlah peserta').fill('12')
    await staff.getByLabel('Syarat peserta').fill('Telah menjalani 1/3 masa pidana')
    await staff.getByLabel('Status').selectOption('active')
    await staff.getByRole('button', { name: 'Simpan' }).click()
    await staff.waitForURL(/\/programs\/[0-9a-f-]{36}$/)
    await expectAccessible(staff)
    await staff.getByLabel('Jenis dukungan').selectOption('expert')
    await staff.getByLabel('Jumlah', { exact: true }).fill('8')
    await staff.getByLabel('Dibutuhkan sebelum').fill('2027-03-31')
    await staff.getByRole('button', { name: 'Tambah kebutuhan' }).click()
    await expect.poll(() => staff.getByRole('status').textContent()).toContain('Kebutuhan ditambahkan')
    expect(await staff.getByRole('table').textContent()).toContain('8 hari ahli')
    await expectAccessible(staff)

    const visitor = await browser.newPage()
    await visit(visitor, '/programs')
    await visitor.getByLabel('Provinsi').selectOption({ label: 'Jawa Timur' })
    await visitor.getByLabel('Kebutuhan dukungan').selectOption('expert')
    await visitor.getByLabel('Sektor').selectOption('printing')
    await visitor.getByRole('button', { name: 'Terapkan filter' }).click()
    await visitor.waitForURL(/kind=expert/)
    await expectAccessible(visitor)
    await visitor.getByRole('link', { name: title }).click()
    await visitor.waitForURL(/\/programs\/sablon-kaos-kediri/)
    await expectAccessible(visitor)
    expect(await visitor.locator('main').textContent()).toContain('8 hari ahli')
    await visit(visitor, '/programs?uptType=lpka&sector=printing')
    expect(await visitor.getByText('Belum ada program yang cocok').count()).toBe(1)
  }, 180_000)
})
