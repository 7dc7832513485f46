/**
 * Catalog, search and product pages over HTTP at 32 connections, side by side with a floor
 * server on the same data (40,000 products). Server pinned to core 0, autocannon to core 1.
 * Targets (docs/quality.md, Performance): p99 <= 100 ms and >= 35% of the floor's throughput.
 *
 * Then "signed in" (issue 16, item 7): the catalog and a product page of the 19-product demo for a
 * signed-in buyer and a signed-in UPT staff member, whom the page cache never serves, beside the
 * floor on the same demo data in the same run, with the server's CPU time per request.
 * `BENCH_HTTP=signed-in` runs only that section (BENCH_SECONDS sets the seconds per page).
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createSqliteDb, migrateToLatest } from '../db/client.ts'
import { seedReference } from '../db/seed/reference.ts'
import { nowIso } from '../app/lib/time.ts'
import { rebuildCatalogWords } from '../app/domain/catalog/vocabulary.ts'
import { load, productionEnv, ROOT, startProcess } from './harness.ts'
import { recordBenchmark } from './report.ts'
import { benchProduct } from './catalog.ts'
import { prepareSignedInDemo } from './signed-in.ts'

const PRODUCTS = 40_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-http-'))
const file = path.join(dir, 'bench.db')
if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('Run `npm run build` first')
const onlySignedIn = process.env.BENCH_HTTP === 'signed-in'

if (!onlySignedIn) await anonymousPages()
await signedInPages()
if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true })
else console.log(`kept ${dir}`)

async function anonymousPages() {
  const { db, sqlite } = createSqliteDb(file)
  await migrateToLatest(db)
  await seedReference(db)
  const upts = await db.selectFrom('upts').select('id').execute()
  const sectors = (await db.selectFrom('sectors').select('id').execute()).map((s) => s.id)
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < PRODUCTS; i += 500) {
      await trx
        .insertInto('products')
        .values(Array.from({ length: 500 }, (_, j) => benchProduct(i + j, { upts, sectors, now, stock: 1_000 })))
        .execute()
    }
  })
  await rebuildCatalogWords(db)
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  await db.destroy()

  const appEnv = productionEnv(file, path.join(dir, 'uploads'))
  const routes = [
    { name: 'catalog /products', path: '/products' },
    { name: 'search /products?q=batik', path: '/products?q=batik' },
    { name: 'search with a typo /products?q=btik', path: '/products?q=btik' },
    { name: 'search by synonym /products?q=bag', path: '/products?q=bag' },
    { name: 'product /products/bench-12345', path: '/products/bench-12345' },
  ]
  const lines = [
    '| page | server | req/s | p50 ms | p99 ms | errors | non-2xx | peak RSS MB | share of floor |',
    '|---|---|---|---|---|---|---|---|---|',
  ]
  console.log(`bench database: ${file}`)
  const floor = await startProcess(path.join(ROOT, 'bench/floor-server.ts'), { DATABASE_URL: file })
  const floorResults = routes.map((r) => load(floor.url + r.path, { seconds: SECONDS }))
  const floorRss = floor.peakRssMb()
  await floor.stop()
  const app = await startProcess(path.join(ROOT, 'server/index.ts'), appEnv)
  const appResults = routes.map((r) => load(app.url + r.path, { seconds: SECONDS, headers: ['accept-encoding=gzip'] }))
  const appRss = app.peakRssMb()
  await app.stop()
  let ok = true
  routes.forEach((r, i) => {
    const a = appResults[i]!
    const f = floorResults[i]!
    const share = a.requestsPerSec / Math.max(1, f.requestsPerSec)
    ok &&= a.p99 <= 100 && share >= 0.35 && a.errors === 0 && a.non2xx === 0
    lines.push(
      `| ${r.name} | app | ${a.requestsPerSec} | ${a.p50} | ${a.p99} | ${a.errors} | ${a.non2xx} | ${appRss} | ${(share * 100).toFixed(0)}% |`,
    )
    lines.push(
      `| ${r.name} | floor | ${f.requestsPerSec} | ${f.p50} | ${f.p99} | ${f.errors} | ${f.non2xx} | ${floorRss} | 100% |`,
    )
  })
  lines.push(
    '',
    `32 connections, ${SECONDS} s per page, 40,000 published products. Targets (p99 <= 100 ms, >= 35% of floor): ${ok ? 'met' : 'NOT met'}.`,
  )
  recordBenchmark('HTTP: catalog, search and product pages vs floor server', 'npm run bench -- http', lines)
}

async function signedInPages() {
  const demo = await prepareSignedInDemo(dir)
  const pages = [
    { name: 'catalog /products', path: '/products' },
    { name: `product /products/${demo.productSlug}`, path: `/products/${demo.productSlug}` },
  ]
  const people = [
    { who: 'buyer', cookie: demo.cookies.buyer, name: 'Dewi Lestari' },
    { who: 'UPT staff', cookie: demo.cookies.staff, name: 'Sri Wahyuni' },
  ]
  const floor = await startProcess(path.join(ROOT, 'bench/floor-server.ts'), { DATABASE_URL: demo.file })
  const floorResults = pages.map((p) => {
    const c0 = floor.cpuMs()
    const r = load(floor.url + p.path, { seconds: SECONDS })
    return { ...r, cpuMs: (floor.cpuMs() - c0) / Math.max(1, r.requests) }
  })
  await floor.stop()
  // The page cache stays on (its default), as in production: signed-in requests pass it by.
  const app = await startProcess(path.join(ROOT, 'server/index.ts'), demo.env)
  const rows: { page: string; who: string; r: ReturnType<typeof load> & { cpuMs: number }; share: number }[] = []
  try {
    for (const [i, p] of pages.entries()) {
      for (const person of people) {
        const headers = [`cookie=${person.cookie}`, 'accept-encoding=gzip']
        // A page that does not greet the person would mean an anonymous (cached) page was measured.
        const html = await getText(app.url + p.path, person.cookie)
        if (!html.includes(person.name)) throw new Error(`${p.path} is not signed in as ${person.who}`)
        load(app.url + p.path, { seconds: 2, headers }) // warm-up
        const c0 = app.cpuMs()
        const r = load(app.url + p.path, { seconds: SECONDS, headers })
        const cpuMs = (app.cpuMs() - c0) / Math.max(1, r.requests)
        rows.push({
          page: p.name,
          who: person.who,
          r: { ...r, cpuMs },
          share: r.requestsPerSec / floorResults[i]!.requestsPerSec,
        })
      }
    }
  } finally {
    // A failed check must not leave the server running.
    if (app.proc.exitCode === null && rows.length < pages.length * people.length) await app.stop()
  }
  const rss = app.peakRssMb()
  await app.stop()
  const out = [
    '| page | signed in as | server | req/s | p50 ms | p99 ms | CPU ms per request | errors | non-2xx | share of floor |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const [i, p] of pages.entries()) {
    for (const row of rows.filter((x) => x.page === p.name)) {
      const r = row.r
      out.push(
        `| ${p.name} | ${row.who} | app | ${r.requestsPerSec} | ${r.p50} | ${r.p99} | ${r.cpuMs.toFixed(2)} | ${r.errors} | ${r.non2xx} | ${(row.share * 100).toFixed(0)}% |`,
      )
    }
    const f = floorResults[i]!
    out.push(
      `| ${p.name} | — | floor | ${f.requestsPerSec} | ${f.p50} | ${f.p99} | ${f.cpuMs.toFixed(2)} | ${f.errors} | ${f.non2xx} | 100% |`,
    )
  }
  out.push(
    '',
    `32 connections, ${SECONDS} s per page (after a 2 s warm-up), the 19-product demo; the page cache is on and passes signed-in requests by. Peak RSS of the app: ${rss} MB. CPU ms per request: the server process's user + system time during the run divided by the requests it answered.`,
  )
  recordBenchmark('HTTP: signed-in catalog and product pages vs floor server', 'npm run bench -- http', out)
}

/** One GET on a fresh connection (a pooled one may belong to a server stopped on the same port). */
function getText(target: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(target, { agent: false, headers: { cookie } }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve(body))
      })
      .on('error', reject)
  })
}
