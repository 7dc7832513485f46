import { beforeAll, describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import { DESKTOP, PHONE, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

/**
 * Issue 16, item 1: after login each working role lands on /work, which lists something waiting
 * for it (demo data), and the item's link opens the page where it is done. Axe on both widths.
 */
const ROLES = [
  { email: 'staf.kediri@mitralipas.demo', section: /Petugas UPT · Lapas Kelas IIA Kediri/ },
  { email: 'keuangan.kediri@mitralipas.demo', section: /Keuangan · Lapas Kelas IIA Kediri/, totp: true },
  { email: 'admin@mitralipas.demo', section: /Admin · Nasional/, totp: true },
  { email: 'mitra@mitralipas.demo', section: /Anggota mitra · Tenun Nusantara/ },
]

describe('work home', () => {
  // The demo's finance books are reconciled; a freshly imported bank statement line gives Kediri's
  // finance officer something to match.
  const importId = newId()
  beforeAll(async () => {
    const { db } = createDb(inject('e2eDb'))
    try {
      const upt = await db
        .selectFrom('upts')
        .select('id')
        .where('slug', '=', 'lapas-kelas-iia-kediri')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('bank_statement_imports')
        .values({
          id: importId,
          upt_id: upt.id,
          bank: 'BRI',
          file_name: 'rekening-koran.csv',
          imported: 1,
          skipped: 0,
          rejected: 0,
          created_at: nowIso(),
          created_by: null,
        })
        .execute()
      await db
        .insertInto('bank_statement_lines')
        .values({
          id: newId(),
          import_id: importId,
          upt_id: upt.id,
          line_hash: newId(),
          date: todayIn(),
          amount: 48_500,
          description: 'TRF MASUK',
          reference: null,
          created_at: nowIso(),
        })
        .execute()
    } finally {
      await db.destroy()
    }
  })
  // Statement lines are append-only, so the line stays; this file runs last (files run in name
  // order, one at a time) and nothing after it counts Kediri's unmatched lines.

  for (const role of ROLES) {
    test(`${role.email} lands on /work, sees what waits and follows the link to act`, async () => {
      const page = await browser.newPage(PHONE)
      await loginAs(page, role.email, { totp: role.totp })
      expect(new URL(page.url()).pathname).toBe('/work')
      await visit(page, '/work')
      await expect(page.getByRole('heading', { name: role.section }).isVisible()).resolves.toBe(true)
      const first = page.locator('.work-list > li > a').first()
      await first.waitFor()
      const href = (await first.getAttribute('href'))!
      await page.setViewportSize(DESKTOP)
      await visit(page, '/work')
      await page.locator('.work-list > li > a').first().click()
      await page.waitForURL((u) => `${u.pathname}${u.search}` === href)
      expect(await page.locator('h1').count()).toBeGreaterThan(0)
      await page.close()
    })
  }

  test('a buyer keeps landing on the account', async () => {
    const page = await browser.newPage(PHONE)
    await loginAs(page, 'pembeli@mitralipas.demo')
    expect(new URL(page.url()).pathname).toBe('/account')
    await page.close()
  })
})
