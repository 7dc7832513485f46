/**
 * SQLite vs PostgreSQL, one and two app instances (issue 13, item 9): catalog, search and product
 * pages at 32 connections, and checkout orders/s (32 buyers each adding to a new cart and checking
 * out, over HTTP), on the same 40,000 products. The page cache is off (PAGE_CACHE_SECONDS=0) so
 * every request reaches the database; with it on, anonymous pages barely touch either engine.
 * PostgreSQL is a throwaway cluster with production durability (fsync, synchronous_commit on),
 * as SQLite runs with synchronous=FULL. App instances are pinned to core 0 and the load generator
 * to core 1 where taskset exists; PostgreSQL itself is not pinned (it shares both cores).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createDb, type DB, migrateToLatest } from '../db/client.ts'
import { seedReference } from '../db/seed/reference.ts'
import { nowIso } from '../app/lib/time.ts'
import { createDatabase, startPostgres } from '../tests/support/postgres.ts'
import { type Child, load, loadAsync, productionEnv, ROOT, startProcess } from './harness.ts'
import { benchProduct } from './catalog.ts'
import { recordBenchmark } from './report.ts'

const PRODUCTS = 40_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CHECKOUT_SECONDS = Number(process.env.BENCH_CHECKOUT_SECONDS ?? 10)
if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('Run `npm run build` first')

/** The same 40,000 published products (as bench/http.bench.ts) and shop limits a load test can live with. */
async function loadCatalog(db: DB) {
  await migrateToLatest(db)
  await seedReference(db)
  const upts = await db.selectFrom('upts').select('id').orderBy('id').execute()
  const sectors = (await db.selectFrom('sectors').select('id').orderBy('id').execute()).map((s) => s.id)
  const now = nowIso()
  for (let i = 0; i < PRODUCTS; i += 1000) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('products')
        .values(Array.from({ length: 1000 }, (_, j) => benchProduct(i + j, { upts, sectors, now, stock: 1_000_000 })))
        .execute()
    })
  }
  for (const [key, value] of Object.entries({
    ordersPerIp: 100_000,
    ordersPerEmail: 100_000,
    windowMinutes: 1,
    guestMaxUnits: 999,
  })) {
    await db.insertInto('shop_settings').values({ key, value, updated_by: null, updated_at: now }).execute()
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-engines-'))
const sqliteFile = path.join(dir, 'bench.db')
console.log('loading 40,000 products into SQLite and PostgreSQL…')
{
  const { db } = createDb(sqliteFile)
  await loadCatalog(db)
  await db.destroy()
}
const pg = await startPostgres({ durable: true })
const pgUrl = await createDatabase(pg, 'bench')
{
  const { db, pool } = createDb(pgUrl) as Extract<ReturnType<typeof createDb>, { engine: 'postgres' }>
  await loadCatalog(db)
  await pool.query('VACUUM ANALYZE')
  await db.destroy()
}

const appEnv = (databaseUrl: string) => ({
  ...productionEnv(databaseUrl, path.join(dir, 'uploads')),
  PAGE_CACHE_SECONDS: '0',
  DATABASE_POOL_SIZE: '10',
})

const routes = [
  { name: 'catalog', path: '/products' },
  { name: 'search', path: '/products?q=batik' },
  { name: 'product', path: '/products/bench-12345' },
]

/** 32 buyers in a loop for `seconds`, spread over `instances`: add to a new cart, check out. */
async function checkoutLoad(instances: Child[], seconds: number) {
  const until = Date.now() + seconds * 1000
  let placed = 0
  let refused = 0
  let failed = 0
  let n = 0
  const latencies: number[] = []
  const outcomes = new Map<string, number>()
  const buyer = async (k: number) => {
    while (Date.now() < until) {
      const base = instances[k % instances.length]!.url
      const slug = `bench-${(n++ * 7) % PRODUCTS}`
      const started = performance.now()
      try {
        const add = await fetch(`${base}/products/${slug}`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ qty: '1' }),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
        })
        await add.arrayBuffer()
        const cookie = add.headers
          .getSetCookie()
          .find((c) => /ml_cart=/.test(c))
          ?.split(';')[0]
        if (!cookie) {
          failed++
          continue
        }
        const r = await fetch(`${base}/checkout`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({
            name: 'Pembeli Bench',
            email: `b${k}@contoh.id`,
            phone: '081234567890',
            delivery: 'pickup',
          }),
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Sec-Fetch-Site': 'same-origin',
            Cookie: cookie,
          },
        })
        await r.arrayBuffer()
        if (r.status === 302 && r.headers.get('Location')?.startsWith('/orders/')) {
          placed++
          latencies.push(performance.now() - started)
        } else {
          const why = `${r.status} ${r.headers.get('Location') ?? ''}`.trim()
          outcomes.set(why, (outcomes.get(why) ?? 0) + 1)
          if (r.status < 500) refused++
          else failed++
        }
      } catch {
        failed++
      }
    }
  }
  await Promise.all(Array.from({ length: 32 }, (_, k) => buyer(k)))
  latencies.sort((a, b) => a - b)
  if (outcomes.size) console.log('checkouts not placed:', Object.fromEntries(outcomes))
  return {
    perSecond: Math.round(placed / seconds),
    placed,
    refused,
    failed,
    p50: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
  }
}

async function oversold(db: DB) {
  const r = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stock', '<', 0)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

const pageLines = [
  '| page | engine | instances | req/s | p50 ms | p99 ms | errors | non-2xx |',
  '|---|---|---|---|---|---|---|---|',
]
const checkoutLines = [
  '| engine | instances | orders/s | p50 ms (add + checkout) | p99 ms | refused | 5xx/errors | oversold |',
  '|---|---|---|---|---|---|---|---|',
]
for (const [engine, url] of [
  ['SQLite', sqliteFile],
  ['PostgreSQL', pgUrl],
] as const) {
  for (const count of [1, 2]) {
    const instances: Child[] = []
    for (let i = 0; i < count; i++) instances.push(await startProcess(path.join(ROOT, 'server/index.ts'), appEnv(url)))
    console.log(`${engine}, ${count} instance(s): pages…`)
    for (const r of routes) {
      // Two instances: two load generators at once, 16 connections each; figures added up (req/s) or the worse of the two (latency).
      const results =
        count === 1
          ? [load(instances[0]!.url + r.path, { seconds: SECONDS, headers: ['accept-encoding=gzip'] })]
          : await Promise.all(
              instances.map((inst) =>
                loadAsync(inst.url + r.path, { seconds: SECONDS, connections: 16, headers: ['accept-encoding=gzip'] }),
              ),
            )
      const sum = results.reduce((s, x) => s + x.requestsPerSec, 0)
      const p50 = Math.max(...results.map((x) => x.p50))
      const p99 = Math.max(...results.map((x) => x.p99))
      pageLines.push(
        `| ${r.name} | ${engine} | ${count} | ${sum} | ${p50} | ${p99} | ${results.reduce((s, x) => s + x.errors, 0)} | ${results.reduce((s, x) => s + x.non2xx, 0)} |`,
      )
    }
    console.log(`${engine}, ${count} instance(s): checkout…`)
    const c = await checkoutLoad(instances, CHECKOUT_SECONDS)
    const { db } = createDb(url)
    const bad = await oversold(db)
    await db.destroy()
    checkoutLines.push(
      `| ${engine} | ${count} | ${c.perSecond} | ${c.p50} | ${c.p99} | ${c.refused} | ${c.failed} | ${bad} |`,
    )
    for (const inst of instances) await inst.stop()
  }
}
await pg.stop()
fs.rmSync(dir, { recursive: true, force: true })

recordBenchmark('SQLite vs PostgreSQL, one and two instances', 'npm run bench -- postgres', [
  `40,000 published products, page cache off (every request reaches the database), ${SECONDS} s per page at 32 connections (two instances: 16 each, two load generators at once).`,
  '',
  ...pageLines,
  '',
  `Checkout: 32 buyers in a loop for ${CHECKOUT_SECONDS} s, each adding one unit to a new cart and checking out (two HTTP requests), spread over the instances; orders/s counts placed orders.`,
  '',
  ...checkoutLines,
])
