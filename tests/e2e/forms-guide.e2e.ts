import { inject } from 'vitest'
import { describe, expect, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { todayIn } from '#app/lib/time.ts'
import { DESKTOP, PHONE, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

/** An active program of Lapas Kediri in the demo (its staff account adds needs to it). */
async function kediriProgram(): Promise<{ uptId: string; programId: string }> {
  const { db } = createDb(inject('e2eDb'))
  try {
    const p = await db
      .selectFrom('programs as p')
      .innerJoin('upts as u', 'u.id', 'p.upt_id')
      .select(['p.id', 'u.id as uptId'])
      .where('u.slug', '=', 'lapas-kelas-iia-kediri')
      .orderBy('p.id')
      .executeTakeFirstOrThrow()
    return { uptId: p.uptId, programId: p.id }
  } finally {
    await db.destroy()
  }
}

function yesterday() {
  return new Date(Date.parse(`${todayIn('Asia/Jakarta')}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}

describe('forms that guide (issue 16, item 2)', () => {
  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    test(`${name}: a need with a past date or a kind the UPT may not receive is refused with a clear message; the success banner does not stand beside it`, async () => {
      const { uptId, programId } = await kediriProgram()
      const page = await browser.newPage(viewport)
      await loginAs(page, 'staf.kediri@mitralipas.demo')
      await visit(page, `/upt/${uptId}/programs/${programId}`)
      const form = page.locator('form#need')
      const kind = form.getByLabel('Jenis dukungan')
      // Kinds the UPT may not receive are not offered, and the page says why in one line each.
      const offered = await kind
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
      await expect.poll(() => page.getByText('Tidak ditawarkan untuk UPT ini:').isVisible()).toBe(true)
      const refusedKinds = ['capital', 'training', 'expert', 'absorption', 'publication'].filter(
        (k) => !offered.includes(k),
      )
      expect(refusedKinds.length).toBeGreaterThan(0)
      // A good need first: its success banner shows.
      await kind.selectOption('training')
      await form.getByLabel('Jumlah', { exact: true }).fill('12')
      await form.getByRole('button', { name: 'Tambah kebutuhan' }).click()
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Kebutuhan ditambahkan.' }).isVisible())
        .toBe(true)
      // Then a past date: refused next to the date field, and the old success is gone.
      await kind.selectOption('training')
      await form.getByLabel('Jumlah', { exact: true }).fill('5')
      await form.getByLabel('Dibutuhkan sebelum').fill(yesterday())
      await form.getByRole('button', { name: 'Tambah kebutuhan' }).click()
      await expect
        .poll(() => form.getByText('Tanggal ini sudah lewat. Pilih hari ini atau tanggal sesudahnya.').isVisible())
        .toBe(true)
      expect(await page.getByText('Kebutuhan ditambahkan.').count()).toBe(0)
      expect(await form.getByLabel('Dibutuhkan sebelum').getAttribute('aria-invalid')).toBe('true')
      await expectAccessible(page)
      // A kind the UPT may not receive, posted anyway (an option put back by hand): the server refuses it next to the field.
      await form.getByLabel('Dibutuhkan sebelum').fill('')
      await kind.evaluate((el, value) => {
        const o = document.createElement('option')
        o.value = value
        o.textContent = value
        el.appendChild(o)
      }, refusedKinds[0]!)
      await kind.selectOption(refusedKinds[0]!)
      await form.getByRole('button', { name: 'Tambah kebutuhan' }).click()
      await expect
        .poll(() =>
          form
            .locator('.field-error')
            .filter({ hasText: /tidak (diizinkan|menerima)/i })
            .isVisible(),
        )
        .toBe(true)
      expect(await page.getByText('Kebutuhan ditambahkan.').count()).toBe(0)
      await expectAccessible(page)
    })
  }

  test('the outcome form shows only the fields of the chosen measure', async () => {
    const { uptId } = await kediriProgram()
    const page = await browser.newPage(PHONE)
    await loginAs(page, 'staf.kediri@mitralipas.demo')
    await visit(page, `/upt/${uptId}/outcomes`)
    const form = page.locator('form#outcome')
    await expect.poll(() => form.getByLabel('Tautan publikasi').isVisible()).toBe(false)
    expect(await form.getByLabel('Lembaga sertifikasi (mis. BNSP melalui LSP)').isVisible()).toBe(false)
    await form.getByLabel('Jenis hasil').selectOption('publication')
    await expect.poll(() => form.getByLabel('Tautan publikasi').isVisible()).toBe(true)
    expect(await form.getByLabel('Lembaga sertifikasi (mis. BNSP melalui LSP)').isVisible()).toBe(false)
    await expectAccessible(page)
  })
})
