/**
 * Screenshots of pages at phone (390 px) and desktop (1280 px) width, for looking at what we
 * build as its users do. Usage (against a running server):
 *   npx tsx scripts/screenshots.ts http://localhost:3000 /tmp/shots / /login /products
 *   LOGIN=staf.kediri@mitralipas.demo npx tsx scripts/screenshots.ts …   (signs in first; TOTP=1 for admin/finance)
 *   FULL_PAGE=0 …                                                      (the first screen only)
 *   OPEN=1 …                                                           (with the header's menu open)
 *   WIDTHS=390,1024,1280 …                                             (other widths; default 390 and 1280)
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { currentTotp } from '../app/domain/identity/totp.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../db/seed/demo.ts'
import { CHROMIUM_ARGS } from '../tests/e2e/support-args.ts'

const [base, outDir, ...paths] = process.argv.slice(2)
if (!base || !outDir || paths.length === 0) {
  console.error('usage: tsx scripts/screenshots.ts BASE_URL OUT_DIR PATH…')
  process.exit(2)
}
fs.mkdirSync(outDir, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
})
const VIEWPORTS: [string, { width: number; height: number }][] = process.env.WIDTHS
  ? process.env.WIDTHS.split(',').map((w) => [
      `w${Number(w)}`,
      { width: Number(w), height: Number(w) < 640 ? 844 : 900 },
    ])
  : [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 900 }],
    ]
for (const [label, viewport] of VIEWPORTS) {
  const context = await browser.newContext({ baseURL: base, viewport })
  const page = await context.newPage()
  if (process.env.LOGIN) {
    await page.goto('/login')
    await page.getByLabel('Email').fill(process.env.LOGIN)
    await page.getByLabel('Kata sandi').fill(process.env.PASSWORD ?? DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Masuk' }).click()
    if (process.env.TOTP) {
      await page.waitForURL(/\/login\/totp/)
      await page.getByLabel('Kode autentikator').fill(currentTotp(DEMO_TOTP_SECRET))
      await page.getByRole('button', { name: 'Verifikasi' }).click()
    }
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  }
  for (const p of paths) {
    await page.goto(p)
    if (process.env.OPEN) await page.locator('.site-header summary:visible').last().click()
    const file = path.join(
      outDir,
      `${label}${p.replace(/[^a-z0-9]+/gi, '_') || '_home'}${process.env.OPEN ? '_open' : ''}.png`,
    )
    await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE !== '0' })
    console.log(file)
  }
  await context.close()
}
await browser.close()
