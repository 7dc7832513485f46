/**
 * Catalog, search and product pages over HTTP at 32 connections, side by side with a floor
 * server on the same data (40,000 products). Server pinned to core 0, autocannon to core 1.
 * Targets (docs/quality.md, Performance): p99 <= 100 ms and >= 35% of the floor's throughput.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteDb, migrateToLatest } from '../db/client.ts'
import { seedReference } from '../db/seed/reference.ts'
import { newId } from '../app/lib/ids.ts'
import { nowIso } from '../app/lib/time.ts'
import { rebuildCatalogWords } from '../app/domain/catalog/vocabulary.ts'
import { load, ROOT, startProcess } from './harness.ts'
import { recordBenchmark } from './report.ts'

const PRODUCTS = 40_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-http-'))
const file = path.join(dir, 'bench.db')
if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('Run `npm run build` first')

const { db, sqlite } = createSqliteDb(file)
await migrateToLatest(db)
await seedReference(db)
const upts = await db.selectFrom('upts').select('id').execute()
const sectors = (await db.selectFrom('sectors').select('id').execute()).map((s) => s.id)
const words = [
  'batik',
  'tulis',
  'tenun',
  'ikat',
  'kursi',
  'jati',
  'meja',
  'roti',
  'kopi',
  'dupa',
  'sandal',
  'paving',
  'tas',
  'anyaman',
  'ukiran',
  'songket',
  'lemari',
  'kaos',
  'sablon',
  'keripik',
]
const now = nowIso()
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < PRODUCTS; i += 500) {
    await trx
      .insertInto('products')
      .values(
        Array.from({ length: 500 }, (_, j) => {
          const n = i + j
          const name = `${words[n % 20]} ${words[(n * 7) % 20]} ${n}`
          return {
            id: newId(),
            upt_id: upts[n % upts.length]!.id,
            program_id: null,
            sector_id: sectors[n % sectors.length]!,
            slug: `bench-${n}`,
            name,
            description: `Produk ${name} karya warga binaan.`,
            story: null,
            price: 3_000 + ((n * 7919) % 5_000_000),
            stock_mode: 'stock' as const,
            stock: 1_000,
            lead_time_days: null,
            unit: 'buah',
            weight_grams: 500,
            status: 'published' as const,
            created_at: now,
            updated_at: now,
          }
        }),
      )
      .execute()
  }
})
await rebuildCatalogWords(db)
sqlite.pragma('wal_checkpoint(TRUNCATE)')
await db.destroy()

const appEnv = {
  DATABASE_URL: file,
  MITRA_MODE: 'production',
  NODE_ENV: 'production',
  APP_URL: 'http://127.0.0.1',
  ENCRYPTION_KEY: 'c'.repeat(64),
  SMTP_URL: 'smtp://127.0.0.1:9',
  MOCKS: '',
  UPLOAD_DIR: path.join(dir, 'uploads'),
}
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
if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true })
else console.log(`kept ${file}`)
