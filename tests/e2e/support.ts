import fs from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, inject, onTestFailed } from 'vitest'
import { createDb } from '#db/client.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '#db/seed/demo.ts'
import { ROOT } from '../setup/paths.ts'
import { unusedTotpCode } from '../support/totp.ts'
import { CHROMIUM_ARGS } from './support-args.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export { CHROMIUM_ARGS }
export const ARTIFACTS = path.join(ROOT, 'test-results')
export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1280, height: 900 }

export function baseURL(): string {
  return inject('baseURL')
}

let browser: Browser | undefined

/** One browser per test file; each test gets a fresh context (no shared cookies). */
export function setupBrowser() {
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  })
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()))
  })
  afterAll(async () => {
    await browser?.close()
  })
  return {
    async newPage(viewport = PHONE): Promise<Page> {
      const context = await browser!.newContext({ baseURL: baseURL(), viewport, locale: 'id-ID' })
      contexts.push(context)
      const page = await context.newPage()
      page.on('pageerror', (error) => {
        throw error
      })
      onTestFailed(async ({ task }) => {
        fs.mkdirSync(ARTIFACTS, { recursive: true })
        const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => {})
      })
      return page
    },
  }
}

/** axe on the page as it is now: no WCAG 2.0/2.1/2.2 A or AA violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  )
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}

/** Visit a path and check it with axe. */
export async function visit(page: Page, pathname: string) {
  const response = await page.goto(pathname)
  await expectAccessible(page)
  return response
}

/** A code the server has not accepted yet for this demo account (a code is accepted once). */
async function totpCodeFor(email: string): Promise<string> {
  const { db } = createDb(inject('e2eDb'))
  try {
    return await unusedTotpCode(db, email, DEMO_TOTP_SECRET)
  } finally {
    await db.destroy()
  }
}

/**
 * Every journey signs in from 127.0.0.1, as if all of them were one person at one address, and a
 * fast run passes the limit of 10 sign-ins a minute per address. Each journey is a different
 * person at their own address: the sign-in buckets start empty for it. The limit itself is proven
 * over HTTP (tests/http/auth.test.ts) and by the "told to wait" journey in foundation.e2e.ts.
 */
export async function freshSignInBuckets() {
  const { db } = createDb(inject('e2eDb'))
  try {
    await db
      .deleteFrom('rate_limits')
      .where((eb) => eb.or([eb('key', 'like', 'login:%'), eb('key', 'like', 'totp:%')]))
      .execute()
  } finally {
    await db.destroy()
  }
}

export async function loginAs(page: Page, email: string, opts: { totp?: boolean; password?: string } = {}) {
  await freshSignInBuckets()
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Kata sandi').fill(opts.password ?? DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Masuk' }).click()
  if (opts.totp) {
    await page.waitForURL(/\/login\/totp/)
    await page.getByLabel('Kode autentikator').fill(await totpCodeFor(email))
    await page.getByRole('button', { name: 'Verifikasi' }).click()
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

/** A guest adds a product found by a catalog search to the cart. */
export async function addToCart(page: Page, query: string, name: string, qty = 1) {
  await visit(page, `/products?q=${encodeURIComponent(query)}`)
  await page.getByRole('link', { name }).click()
  await page.getByLabel('Jumlah').fill(String(qty))
  await page.getByRole('button', { name: 'Tambah ke keranjang' }).click()
  await page.waitForURL(/\/cart$/)
}

/** From the cart: check out for pickup at the UPT; returns the order page URL and the order number. */
export async function checkoutPickup(page: Page, name: string, email: string) {
  await page.getByRole('link', { name: 'Lanjut ke pembayaran' }).click()
  await page.waitForURL(/\/checkout$/)
  await page.getByLabel('Nama lengkap').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Nomor telepon').fill('081234567892')
  await page.getByLabel('Ambil sendiri di UPT (gratis)').check()
  await page.getByRole('button', { name: 'Buat pesanan' }).click()
  await page.waitForURL(/\/orders\/ML-\d{4}-\d{6}\//)
  // The router changes the URL before React commits the new page (a transition): wait for the page.
  await page.locator('.sub-order').first().waitFor()
  return { url: page.url(), number: /\/orders\/(ML-\d{4}-\d{6})\//.exec(page.url())![1]! }
}

/** Gzipped bytes of all JavaScript a page loads (docs/quality.md, Performance: public pages ship <= 120 KB). */
export async function gzippedScriptBytes(page: Page, pathname: string): Promise<number> {
  const { gzipSync } = await import('node:zlib')
  const bodies: Promise<Buffer>[] = []
  const onResponse = (r: import('playwright-core').Response) => {
    if (r.request().resourceType() === 'script') bodies.push(r.body())
  }
  page.on('response', onResponse)
  await page.goto(pathname, { waitUntil: 'networkidle' })
  page.off('response', onResponse)
  const all = await Promise.all(bodies)
  return all.reduce((sum, b) => sum + gzipSync(b).length, 0)
}
