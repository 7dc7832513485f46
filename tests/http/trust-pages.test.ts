/**
 * Trust pages over real HTTP (issue 14, item 4; ADR 023): public and cacheable for visitors,
 * linked from every page's footer, listed in the sitemap; a national admin's save answers 302
 * and the page shows the new text; anyone else's save is refused and writes nothing.
 */
import { describe, expect, test } from 'vitest'
import { SITE_PAGE_SLUGS } from '#app/domain/content/slugs.ts'
import { changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

const footerLinks = (html: string) => [...html.matchAll(/<a[^>]+href="(\/info\/[a-z-]+)"/g)].map((m) => m[1])

describe('trust pages on the wire', () => {
  test('each page answers 200 to a visitor, cacheable, in both languages; an unknown one 404', async () => {
    for (const slug of SITE_PAGE_SLUGS) {
      const r = await send(`/info/${slug}`)
      expect(r.status, slug).toBe(200)
      expect(r.headers.get('Cache-Control') ?? '', slug).not.toMatch(/no-store/)
      expect(r.text).toContain('<h1>')
    }
    const en = await send('/info/syarat-ketentuan', { cookie: 'lang=en' })
    expect(en.text).toContain('Terms &amp; Conditions')
    expect((await send('/info/tidak-ada')).status).toBe(404)
    const sitemap = await send('/sitemap.xml')
    for (const slug of SITE_PAGE_SLUGS) expect(sitemap.text).toContain(`/info/${slug}</loc>`)
  })

  test("every page's footer links all six, for visitors and signed-in users, and on a 404", async () => {
    const buyer = await sessionFor('pembeli@mitralipas.demo')
    for (const [path, cookie] of [
      ['/', undefined],
      ['/products', undefined],
      ['/login', undefined],
      ['/cart', undefined],
      ['/account/orders', buyer],
      ['/no-such-page', undefined],
    ] as const) {
      const r = await send(path, { cookie })
      const links = footerLinks(r.text)
      for (const slug of SITE_PAGE_SLUGS) expect(links, path).toContain(`/info/${slug}`)
    }
  })

  test('a national admin saves a new version and the page shows it; UPT staff are refused and nothing changes', async () => {
    const db = serverDb()
    const current = await db
      .selectFrom('site_page_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('slug', '=', 'faq')
      .executeTakeFirstOrThrow()
    const form = {
      intent: 'save',
      baseVersion: String(current.v),
      titleId: 'Pertanyaan Umum',
      titleEn: 'Questions',
      bodyId: '## Kapan pesanan dikirim?\n\nDalam dua hari kerja setelah pembayaran diterima.',
      bodyEn: '## When is my order shipped?\n\nWithin two working days of payment.',
    }
    const before = await fingerprint()
    const staff = await send('/admin/pages/faq', { cookie: await sessionFor('staf.kediri@mitralipas.demo'), form })
    expect(staff.status).toBe(403)
    const kanwil = await send('/admin/pages/faq', { cookie: await sessionFor('kanwil.jateng@mitralipas.demo'), form })
    expect(kanwil.status).toBe(403)
    expect(changedTables(before, await fingerprint())).toEqual([])

    const saved = await send('/admin/pages/faq', { cookie: await sessionFor('admin@mitralipas.demo'), form })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/admin/pages/faq')
    const page = await send('/info/faq')
    expect(page.text).toContain('Dalam dua hari kerja setelah pembayaran diterima.')
    // the same form again started from a version that is no longer the newest
    const stale = await send('/admin/pages/faq', { cookie: await sessionFor('admin@mitralipas.demo'), form })
    expect(stale.status).toBe(409)
  })
})
