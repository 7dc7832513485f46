/**
 * The audit log page over real HTTP (issue 16, item 3): the statuses a browser sees for good
 * filters, bad filter values (400 with the form and the message by the field) and a page past
 * the end (404 with a way back), and that only national admins open it. The CSV's cases are in
 * resource-routes.test.ts.
 */
import { describe, expect, test } from 'vitest'
import { DEMO } from './demo.ts'
import { send, sessionFor } from './support.ts'

describe('/admin/audit over HTTP', () => {
  test('a national admin reads the log in words, filters it, and links to the CSV of the same set', async () => {
    const cookie = await sessionFor(DEMO.admin)
    const all = await send('/admin/audit', { cookie })
    expect(all.status).toBe(200)
    expect(all.headers.get('cache-control')).toMatch(/no-store/)
    expect(all.text).toContain('Waktu (WIB)')
    const filtered = await send('/admin/audit?action=pnbp.billing.create&from=2026-01-01', { cookie })
    expect(filtered.status).toBe(200)
    expect(filtered.text).toContain('Kode billing PNBP dibuat')
    expect(filtered.text).toContain('href="/admin/audit.csv?action=pnbp.billing.create&amp;from=2026-01-01"')
  })

  test('bad filter values answer 400 with the message next to the field, and list nothing', async () => {
    const cookie = await sessionFor(DEMO.admin)
    for (const [query, message] of [
      ['?action=drop.table', 'Aksi ini tidak dikenal. Pilih dari daftar.'],
      ['?type=spaceship', 'Jenis objek ini tidak dikenal. Pilih dari daftar.'],
      ['?upt=nope', 'UPT ini tidak dikenal. Pilih dari daftar.'],
      ['?from=2026-02-30', 'Tanggal tidak valid.'],
      ['?from=2026-12-06&to=2026-12-01', 'Tanggal akhir tidak boleh sebelum tanggal awal.'],
    ] as const) {
      const r = await send(`/admin/audit${query}`, { cookie })
      expect(r.status, query).toBe(400)
      expect(r.text, query).toContain(message)
      expect(r.text, query).toContain('aria-invalid="true"')
      expect(r.text, query).not.toContain('<table')
    }
  })

  test('a page past the end answers 404 with a link back to the first page of the same filter', async () => {
    const r = await send('/admin/audit?page=999&action=pnbp.billing.create', { cookie: await sessionFor(DEMO.admin) })
    expect(r.status).toBe(404)
    expect(r.text).toContain('Halaman 999 tidak ada')
    expect(r.text).toContain('href="/admin/audit?action=pnbp.billing.create"')
  })

  test('a Kanwil admin, finance and anonymous visitors cannot open it', async () => {
    expect((await send('/admin/audit', { cookie: await sessionFor(DEMO.kanwilAdmin) })).status).toBe(403)
    expect((await send('/admin/audit', { cookie: await sessionFor(DEMO.financeNational) })).status).toBe(403)
    const anon = await send('/admin/audit')
    expect(anon.status).toBe(302)
    expect(anon.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })
})
