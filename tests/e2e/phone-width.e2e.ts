import type { Page } from 'playwright-core'
import { describe, expect, inject, test } from 'vitest'
import { createDb } from '#db/client.ts'
import { PHONE, loginAs, setupBrowser, visit } from './support.ts'

const browser = setupBrowser()

/** The UPTs of the demo staff and finance accounts (README), from the e2e database. */
async function demoUpts() {
  const { db } = createDb(inject('e2eDb'))
  try {
    const uptOf = async (email: string) =>
      (
        await db
          .selectFrom('role_assignments as r')
          .innerJoin('users as u', 'u.id', 'r.user_id')
          .select('r.upt_id')
          .where('u.email', '=', email)
          .executeTakeFirstOrThrow()
      ).upt_id!
    const kediri = await uptOf('staf.kediri@mitralipas.demo')
    const bangli = await uptOf('keuangan.bangli@mitralipas.demo')
    const { slug } = await db.selectFrom('upts').select('slug').where('id', '=', kediri).executeTakeFirstOrThrow()
    return { kediri, bangli, kediriSlug: slug }
  } finally {
    await db.destroy()
  }
}

/** Paths whose page is wider than the phone (the document scrolls sideways), with the width. */
async function tooWide(page: Page, paths: string[]) {
  const wide: string[] = []
  for (const path of paths) {
    const response = await visit(page, path)
    expect(response?.status(), path).toBe(200)
    const { scrollWidth, clientWidth, boxes, wrapped } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      // a list of records is cards on a phone: none scrolls sideways inside its own box either
      boxes: [...document.querySelectorAll<HTMLElement>('.list-table')]
        .filter((el) => el.scrollWidth > el.clientWidth)
        .map((el) => `${el.scrollWidth}px`),
      // an amount is one line ("Rp" and its figure together)
      wrapped: [...document.querySelectorAll<HTMLElement>('.money')]
        .filter((el) => el.getClientRects().length > 1)
        .map((el) => el.textContent ?? ''),
    }))
    if (scrollWidth > clientWidth) wide.push(`${path}: ${scrollWidth}px > ${clientWidth}px`)
    for (const box of boxes) wide.push(`${path}: a list scrolls sideways in its box (${box})`)
    for (const amount of wrapped) wide.push(`${path}: the amount ${amount} wraps`)
  }
  return wide
}

// Every list page of every role at 390 px, finance included: lists and finance tables turn into
// cards on phones, so none makes the page or its own box scroll sideways, and no amount wraps.
describe('list pages at phone width', () => {
  test('anyone and the buyer', async () => {
    const { kediriSlug } = await demoUpts()
    const page = await browser.newPage(PHONE)
    const wide = await tooWide(page, [
      '/',
      '/products',
      '/partners',
      '/programs',
      '/offers',
      '/impact',
      `/stores/${kediriSlug}`,
    ])
    await loginAs(page, 'pembeli@mitralipas.demo')
    wide.push(...(await tooWide(page, ['/account', '/account/orders', '/cart'])))
    expect(wide).toEqual([])
  })

  test('partner and UPT staff', async () => {
    const { kediri } = await demoUpts()
    const partner = await browser.newPage(PHONE)
    await loginAs(partner, 'mitra@mitralipas.demo')
    const wide = await tooWide(partner, [
      '/partner',
      '/partner/members',
      '/partner/suggestions',
      '/partner/impact',
      '/agreements',
    ])
    const staff = await browser.newPage(PHONE)
    await loginAs(staff, 'staf.kediri@mitralipas.demo')
    const upt = `/upt/${kediri}`
    wide.push(
      ...(await tooWide(staff, [
        upt,
        `${upt}/products`,
        `${upt}/orders`,
        `${upt}/suggestions`,
        `${upt}/outcomes`,
        `${upt}/shipping`,
        '/agreements',
      ])),
    )
    expect(wide).toEqual([])
  })

  // One test per finance officer: each visits six pages (their own timeout on a busy machine).
  for (const [email, which] of [
    ['keuangan.bangli@mitralipas.demo', 'bangli'],
    ['keuangan.kediri@mitralipas.demo', 'kediri'],
  ] as const) {
    test(`UPT finance (${which})`, async () => {
      const upt = (await demoUpts())[which]
      const page = await browser.newPage(PHONE)
      await loginAs(page, email, { totp: true })
      const base = `/finance/upt/${upt}`
      const wide = await tooWide(page, ['/finance', base, `${base}/payments`, `${base}/statements`, `${base}/ledger`])
      // a sale's refund page (its breakdown table), reached from the payments list; the demo has one per UPT
      await visit(page, `${base}/payments`)
      const refund = await page.locator('a[href*="/payments/refund/"]').first().getAttribute('href')
      expect(refund, `${base}/payments links to a refund page`).toBeTruthy()
      wide.push(...(await tooWide(page, [refund!])))
      expect(wide).toEqual([])
    })
  }

  test('national finance', async () => {
    const national = await browser.newPage(PHONE)
    await loginAs(national, 'keuangan@mitralipas.demo', { totp: true })
    const wide = await tooWide(national, [
      '/finance',
      '/finance/payouts',
      '/finance/rules',
      '/finance/targets',
      '/finance/report',
      '/finance/settings',
    ])
    expect(wide).toEqual([])
  })

  const ADMIN_LISTS = ['/admin', '/admin/partners', '/admin/upts', '/admin/users', '/admin/matching', '/admin/targets']

  test('national admin', async () => {
    const national = await browser.newPage(PHONE)
    await loginAs(national, 'admin@mitralipas.demo', { totp: true })
    expect(await tooWide(national, [...ADMIN_LISTS, '/admin/audit', '/admin/settings', '/admin/shop-limits'])).toEqual(
      [],
    )
  })

  test('Kanwil admin', async () => {
    const kanwil = await browser.newPage(PHONE)
    await loginAs(kanwil, 'kanwil.jateng@mitralipas.demo', { totp: true })
    expect(await tooWide(kanwil, ADMIN_LISTS)).toEqual([])
  })
})
