import { describe, expect, test } from 'vitest'
import { ensureSitePages, saveSitePage } from '#app/domain/content/pages.ts'
import { SITE_PAGE_DEFAULTS } from '#app/domain/content/defaults.ts'
import { SITE_PAGE_SLUGS } from '#app/domain/content/slugs.ts'
import { loader as pageLoader } from '#app/routes/info.$slug.tsx'
import { action as editAction, loader as editLoader } from '#app/routes/admin.pages.$slug.tsx'
import { loader as listLoader } from '#app/routes/admin.pages._index.tsx'
import { loader as sitemapLoader } from '#app/routes/sitemap[.]xml.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import type { DB } from '#db/client.ts'

const edit = (o: Record<string, string> = {}) => ({
  intent: 'save',
  baseVersion: '1',
  titleId: 'Kontak Kami',
  titleEn: 'Contact us',
  bodyId: '## Layanan\n\nTelepon layanan: **(021) 000-0000**, setiap hari kerja.',
  bodyEn: '## Service\n\nHelp desk: **(021) 000-0000**, every working day.',
  ...o,
})

async function seeded(): Promise<DB> {
  const db = testDb()
  await ensureSitePages(db)
  return db
}

const versions = (db: DB) =>
  db.selectFrom('site_page_versions').select(['slug', 'version']).orderBy('slug').orderBy('version').execute()

describe('trust pages (ADR 023)', () => {
  test('every page has a default in both languages, written once: seeding again changes nothing', async () => {
    const db = await seeded()
    expect(SITE_PAGE_DEFAULTS.map((p) => p.slug)).toEqual([...SITE_PAGE_SLUGS])
    for (const p of SITE_PAGE_DEFAULTS) {
      expect(p.bodyId.length).toBeGreaterThan(400)
      expect(p.bodyEn.length).toBeGreaterThan(400)
    }
    const before = await versions(db)
    expect(before).toHaveLength(6)
    await ensureSitePages(db)
    expect(await versions(db)).toEqual(before)
    // the privacy policy names the law, the rights and whom to contact; the returns page the seller and PP 80/2019
    const privacy = SITE_PAGE_DEFAULTS.find((p) => p.slug === 'kebijakan-privasi')!
    for (const words of [
      '27 Tahun 2022',
      'Hak Anda',
      'Berapa lama',
      '/info/kontak',
      'Direktorat Jenderal Pemasyarakatan',
    ])
      expect(privacy.bodyId).toContain(words)
    const returns = SITE_PAGE_DEFAULTS.find((p) => p.slug === 'pengembalian-pengaduan')!
    for (const words of ['80 Tahun 2019', 'UPT', 'SP4N-LAPOR!', 'BPSK']) expect(returns.bodyId).toContain(words)
  })

  test('anyone reads a page in their language, rendered from Markdown, with the date it was updated; an unknown page is 404', async () => {
    const db = await seeded()
    const id = await call(pageLoader, makeRequest('/info/kebijakan-privasi'), { slug: 'kebijakan-privasi' })
    expect(id.status).toBe(200)
    expect(id.data.title).toBe('Kebijakan Privasi')
    expect(id.data.html).toContain('<h2>Hak Anda</h2>')
    expect(id.data.html).toContain(
      '<strong>Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP)</strong>',
    )
    expect(id.data.updatedAt).toMatch(/\d{4}/)
    const en = await call(pageLoader, makeRequest('/info/kebijakan-privasi', { headers: { Cookie: 'lang=en' } }), {
      slug: 'kebijakan-privasi',
    })
    expect(en.data.title).toBe('Privacy Policy')
    expect(en.data.html).toContain('<h2>Your rights</h2>')
    expect((await call(pageLoader, makeRequest('/info/rahasia'), { slug: 'rahasia' })).status).toBe(404)
    // the sitemap lists every page
    const xml = await (
      await sitemapLoader({
        request: makeRequest('/sitemap.xml'),
        params: {},
        context: { cspNonce: 't', requestId: 't' },
      })
    ).text()
    for (const slug of SITE_PAGE_SLUGS) expect(xml).toContain(`/info/${slug}</loc>`)
    void db
  })

  test('a national admin previews (nothing written), saves a new version (audited), and the page shows it', async () => {
    const db = await seeded()
    const admin = await createUser(db, { role: 'admin', totp: true, name: 'Admin Pusat' })
    const cookie = await sessionCookieFor(db, admin.id)
    const params = { slug: 'kontak' }
    const list = await call(listLoader, makeRequest('/admin/pages', { cookie }))
    expect(list.data.pages.map((p: { slug: string }) => p.slug)).toEqual([...SITE_PAGE_SLUGS])

    const before = await versions(db)
    const preview = await call(
      editAction,
      makeRequest('/admin/pages/kontak', {
        form: edit({
          intent: 'preview',
          bodyId: 'Halo <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n# Judul',
        }),
        cookie,
      }),
      params,
    )
    expect(preview.status).toBe(200)
    expect(preview.data.preview.id).not.toMatch(/script|javascript|onerror|<img/)
    expect(preview.data.preview.id).toContain('<h2>Judul</h2>')
    expect(await versions(db)).toEqual(before)

    const saved = await call(editAction, makeRequest('/admin/pages/kontak', { form: edit(), cookie }), params)
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/admin/pages/kontak')
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'target_id', 'details'])
      .where('action', '=', 'site_page.update')
      .execute()
    expect(audit).toEqual([{ actor_user_id: admin.id, target_id: 'kontak', details: JSON.stringify({ version: 2 }) }])
    const page = await call(pageLoader, makeRequest('/info/kontak'), params)
    expect(page.data.title).toBe('Kontak Kami')
    expect(page.data.html).toContain('<strong>(021) 000-0000</strong>')
    const editor = await call(editLoader, makeRequest('/admin/pages/kontak', { cookie }), params)
    expect(editor.data.versions.map((v: { version: number; editor: string | null }) => [v.version, v.editor])).toEqual([
      [2, 'Admin Pusat'],
      [1, null],
    ])

    // a second save from the same (now old) version is refused: nobody overwrites a colleague unseen
    const stale = await call(
      editAction,
      makeRequest('/admin/pages/kontak', { form: edit({ titleId: 'Versi lama' }), cookie }),
      params,
    )
    expect(stale.status).toBe(409)
    expect(stale.data.result.error['']).toEqual(['sitePages.conflict'])
    expect((await versions(db)).filter((v) => v.slug === 'kontak')).toHaveLength(2)
  })

  test('two saves from the same version at once: one is kept, the other is refused as a conflict (either engine)', async () => {
    const db = await seeded()
    const [one, two] = [
      await createUser(db, { role: 'admin', totp: true }),
      await createUser(db, { role: 'admin', totp: true }),
    ]
    const input = (title: string) => ({
      baseVersion: 1,
      titleId: title,
      titleEn: title,
      bodyId: 'Isi halaman yang cukup panjang.',
      bodyEn: 'A page text that is long enough.',
    })
    const results = await Promise.allSettled([
      saveSitePage(db, 'faq', input('Satu'), { userId: one.id }),
      saveSitePage(db, 'faq', input('Dua'), { userId: two.id }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ code: 'sitePages.conflict' })
    expect((await versions(db)).filter((v) => v.slug === 'faq')).toEqual([
      { slug: 'faq', version: 1 },
      { slug: 'faq', version: 2 },
    ])
    expect(
      await db.selectFrom('audit_log').select('action').where('action', '=', 'site_page.update').execute(),
    ).toHaveLength(1)
  })

  test('bad input gets a message next to its field and writes nothing', async () => {
    const db = await seeded()
    const admin = await createUser(db, { role: 'admin', totp: true })
    const cookie = await sessionCookieFor(db, admin.id)
    const before = await versions(db)
    for (const [bad, field] of [
      [{ titleId: '' }, 'titleId'],
      [{ bodyEn: 'pendek' }, 'bodyEn'],
      [{ bodyId: 'x'.repeat(40_001) }, 'bodyId'],
      [{ baseVersion: 'dua' }, 'baseVersion'],
      [{ intent: 'delete' }, 'intent'],
    ] as const) {
      const r = await call(editAction, makeRequest('/admin/pages/faq', { form: edit(bad), cookie }), { slug: 'faq' })
      expect(r.status, JSON.stringify(bad)).toBe(400)
      expect(Object.keys(r.data.result.error)).toContain(field)
    }
    expect(
      (await call(editAction, makeRequest('/admin/pages/rahasia', { form: edit(), cookie }), { slug: 'rahasia' }))
        .status,
    ).toBe(404)
    expect(await versions(db)).toEqual(before)
  })

  test('only national admins edit: a Kanwil admin, national finance and UPT staff get 403, a visitor the login page', async () => {
    const db = await seeded()
    const { a } = await twoUpts(db)
    for (const user of [
      await createUser(db, { role: 'admin', kanwilId: a.kanwil_id, totp: true }),
      await createUser(db, { role: 'finance', totp: true }),
      await createUser(db, { role: 'upt_staff', uptId: a.id }),
    ]) {
      const cookie = await sessionCookieFor(db, user.id)
      expect(
        (await call(editAction, makeRequest('/admin/pages/faq', { form: edit(), cookie }), { slug: 'faq' })).status,
      ).toBe(403)
      expect((await call(editLoader, makeRequest('/admin/pages/faq', { cookie }), { slug: 'faq' })).status).toBe(403)
    }
    const anonymous = await call(editAction, makeRequest('/admin/pages/faq', { form: edit() }), { slug: 'faq' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
    expect((await versions(db)).filter((v) => v.version > 1)).toEqual([])
  })
})
