import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import { freePort } from '../free-port.ts'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { ROOT, TMP } from '../setup/paths.ts'
import { setupBrowser } from './support.ts'

/**
 * The shared journeys run with the page cache off (they change data and look for it at once).
 * Here a second server on the same demo database keeps pages for a minute, so the browser gets
 * cache hits: their hash-based CSP must let the page hydrate without a single violation.
 */
const browser = setupBrowser()
let child: ChildProcess | undefined
let base = ''

beforeAll(async () => {
  const port = await freePort()
  base = `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MITRA_MODE: 'demo',
    NODE_ENV: 'production',
    DATABASE_URL: inject('e2eDb'),
    PORT: String(port),
    APP_URL: base,
    MOCKS: 'true',
    UPLOAD_DIR: path.join(TMP, 'e2e-uploads'),
    PAGE_CACHE_SECONDS: '60',
  }
  const log = fs.createWriteStream(path.join(TMP, 'e2e-cached-server.log'))
  child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/index.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error('The cached server exited early; see tests/.tmp/e2e-cached-server.log')
    if (Date.now() > deadline) throw new Error('The cached server did not answer /healthz within 60 s')
    await new Promise((r) => setTimeout(r, 200))
  }
})

afterAll(async () => {
  child?.kill('SIGTERM')
  await new Promise((r) => setTimeout(r, 300))
})

async function watchViolations(page: Page) {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] }
    w.cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    )
  })
  return errors
}

describe('page cache in the browser', () => {
  test('cache hits of the home, catalog and product pages hydrate under their hash-based CSP', async () => {
    for (const pathname of ['/', '/products', '/products/roti-manis-isi-cokelat-kediri']) {
      const page = await browser.newPage()
      const errors = await watchViolations(page)
      const first = await page.goto(base + pathname)
      const second = await page.goto(base + pathname)
      expect(first!.status(), pathname).toBe(200)
      expect(second!.status(), pathname).toBe(200)
      expect(['MISS', 'HIT']).toContain(first!.headers()['x-cache'])
      expect(second!.headers()['x-cache'], pathname).toBe('HIT')
      const csp = second!.headers()['content-security-policy']!
      expect(csp, pathname).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ 'strict-dynamic'/)
      expect(csp, pathname).not.toContain("'nonce-")
      // The app hydrated: Remix's router runs in the page and the route modules loaded.
      await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))
      await page.waitForLoadState('networkidle')
      expect(
        await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
        pathname,
      ).toEqual([])
      expect(errors, pathname).toEqual([])
    }
  })

  test('a client-side navigation from a cached page works', async () => {
    const page = await browser.newPage()
    const errors = await watchViolations(page)
    await page.goto(`${base}/products`)
    await page.goto(`${base}/products`)
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))
    const documents: string[] = []
    page.on('request', (r) => {
      if (r.resourceType() === 'document') documents.push(r.url())
    })
    await page.locator('main a[href^="/products/"]').first().click()
    await page.waitForURL(/\/products\/[^/?]+$/)
    expect(documents).toEqual([]) // fetched as data, not as a new document
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([])
    expect(errors).toEqual([])
  })
})
