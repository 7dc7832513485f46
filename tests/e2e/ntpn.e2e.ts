import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { createSession } from '#app/domain/identity/sessions.ts'
import { createBilling } from '#app/domain/pnbp/billings.ts'
import { todayIn } from '#app/lib/time.ts'
import { DESKTOP, baseURL, expectAccessible, setupBrowser } from './support.ts'

const browser = setupBrowser()

/** A signed-in session made in the server's database (no TOTP login: the code is spent once per user). */
async function signedIn(email: string) {
  const { db } = createDb(inject('e2eDb'))
  try {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const upt = await db
      .selectFrom('upts')
      .select(['id', 'timezone'])
      .where('slug', '=', 'lapas-narkotika-kelas-iia-bangli')
      .executeTakeFirstOrThrow()
    const today = todayIn('Asia/Makassar')
    const kode = `7${String(Date.now()).padStart(14, '0')}`
    const billing = await db.transaction().execute((trx) =>
      createBilling(trx, {
        uptId: upt.id,
        kodeBilling: kode,
        billingDate: today,
        amount: 12_345,
        period: today.slice(0, 7),
        actorUserId: user.id,
      }),
    )
    return { token: await createSession(db, user.id), uptId: upt.id, billingId: billing.id, kode }
  } finally {
    await db.destroy()
  }
}

describe('recording an NTPN', () => {
  test('after a refused NTPN, correcting it and pressing "Catat pembayaran" once records the payment', async () => {
    const { token, uptId, billingId, kode } = await signedIn('keuangan.bangli@mitralipas.demo')
    const page = await browser.newPage(DESKTOP)
    await page.context().addCookies([{ name: 'ml_session', value: token, url: baseURL() }])
    const posts: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url())
    })
    await page.goto(`/finance/upt/${uptId}?pay=${billingId}`)
    // hydrated: the form validates in the browser, which is where the first press was lost
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))
    await page.waitForLoadState('networkidle')
    expect(await page.getByRole('heading', { name: `Pembayaran billing ${kode}` }).count()).toBe(1)
    await page.getByLabel('NTPN').fill('SALAH-12')
    await page.getByLabel('NTB').fill('987654321')
    await page.getByLabel('Bank / kanal').fill('Bank BRI')
    const submit = page.getByRole('button', { name: 'Catat pembayaran' })
    await submit.click()
    await expect.poll(() => page.getByText('NTPN harus tepat 16 huruf atau angka.').count()).toBe(1)
    expect(posts).toEqual([]) // refused in the browser
    await expectAccessible(page)

    const ntpn = `E2E1${String(Date.now()).slice(-12)}`
    await page.getByLabel('NTPN').fill(ntpn)
    const before = posts.length
    await submit.click()
    await expect.poll(() => page.getByRole('status').count(), { timeout: 10_000 }).toBe(1)
    expect(await page.getByRole('status').textContent()).toContain('Pembayaran tercatat')
    expect(posts.length - before).toBe(1)
    expect(await page.getByText(`NTPN ${ntpn}`).count()).toBe(1)
  })
})
