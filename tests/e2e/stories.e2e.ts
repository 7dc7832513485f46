import sharp from 'sharp'
import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { DESKTOP, PHONE, expectAccessible, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

async function kediriId() {
  const { db } = createDb(inject('e2eDb'))
  try {
    return (
      await db.selectFrom('upts').select('id').where('slug', '=', 'lapas-kelas-iia-kediri').executeTakeFirstOrThrow()
    ).id
  } finally {
    await db.destroy()
  }
}

describe('stories (issue 15, item 1)', () => {
  test('UPT staff write a story with a photo, an admin approves it, it appears on /cerita, its page and the feed', async () => {
    const title = `Pameran batik Kediri ${Date.now()}`
    const staff = await browser.newPage(DESKTOP)
    await loginAs(staff, 'staf.kediri@mitralipas.demo')
    await visit(staff, `/upt/${await kediriId()}`)
    // The UPT dashboard links to its stories page.
    await staff.locator('main').getByRole('link', { name: 'Cerita', exact: true }).click()
    await staff.waitForURL(/\/upt\/[\w-]+\/stories$/)
    await expectAccessible(staff)

    const form = staff.locator('form#story')
    await form.getByLabel('Judul', { exact: true }).fill(title)
    await form
      .getByLabel('Ringkasan', { exact: true })
      .fill('Kain batik tulis warga binaan Lapas Kediri dipamerkan di alun-alun kota.')
    await form
      .getByLabel('Isi cerita')
      .fill(
        'Selama tiga hari, **batik tulis** dari bengkel Lapas Kediri dipamerkan. Pengunjung dapat melihat proses membatik dan membeli kain langsung dari stan.',
      )
    const png = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#7a4b1e' } })
      .png()
      .toBuffer()
    await form.locator('#story-photo0').setInputFiles({ name: 'batik.png', mimeType: 'image/png', buffer: png })
    await form.getByLabel('Keterangan foto 1').fill('Kain batik tulis terbentang di stan pameran')
    // Without the confirmation nothing is sent (the browser and the server both refuse).
    await form.getByRole('checkbox', { name: /tidak ada warga binaan yang dapat dikenali/ }).check()
    await form.getByRole('button', { name: 'Kirim untuk ditinjau' }).click()
    await expect
      .poll(() => staff.getByText('Cerita terkirim dan menunggu tinjauan admin Kanwil.').isVisible())
      .toBe(true)
    await expect.poll(() => staff.getByRole('heading', { name: title }).isVisible()).toBe(true)

    const admin = await browser.newPage(DESKTOP)
    await loginAs(admin, 'admin@mitralipas.demo', { totp: true })
    await visit(admin, '/admin/stories')
    const card = admin.getByRole('article', { name: title })
    await expect
      .poll(() => card.getByRole('img', { name: 'Kain batik tulis terbentang di stan pameran' }).isVisible())
      .toBe(true)
    await card.getByRole('button', { name: 'Setujui dan terbitkan' }).click()
    await expect.poll(() => admin.getByText('Cerita diterbitkan.').isVisible()).toBe(true)

    const visitor = await browser.newPage(PHONE)
    await visit(visitor, '/cerita')
    await visitor.getByRole('link', { name: title }).click()
    await visitor.waitForURL(/\/cerita\/pameran-batik-kediri-/)
    await expectAccessible(visitor)
    expect(await visitor.locator('.story-body strong').textContent()).toBe('batik tulis')
    const ld = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent())!)
    expect(ld).toMatchObject({ '@type': 'Article', headline: title })
    expect(await visitor.locator('meta[property="og:type"]').getAttribute('content')).toBe('article')
    expect(await visitor.locator('meta[property="og:image"]').getAttribute('content')).toMatch(
      /\/uploads\/story-[0-9a-f-]+\.webp$/,
    )
    const feed = await visitor.request.get('/cerita/feed.xml')
    expect(feed.status()).toBe(200)
    expect(await feed.text()).toContain(`<title>${title}</title>`)
  })
})
