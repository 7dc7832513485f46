/**
 * Marketplace queries at realistic volume (40,000 products), measured in-process on the domain
 * layer (no HTTP): catalog search and filters, product page lookups, and checkout throughput with
 * the stock reservation. Appends its figures to BENCHMARKS.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createDb, migrateToLatest } from '../db/client.ts'
import { seedReference } from '../db/seed/reference.ts'
import { getPublishedProduct, searchCatalog } from '../app/domain/catalog/products.ts'
import { rebuildCatalogWords } from '../app/domain/catalog/vocabulary.ts'
import { addToCart, ensureCart } from '../app/domain/orders/cart.ts'
import { placeOrder } from '../app/domain/orders/checkout.ts'
import { nowIso } from '../app/lib/time.ts'
import { WORDS, benchProduct } from './catalog.ts'

const PRODUCTS = 40_000
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-bench-'))
const file = path.join(dir, 'bench.db')
const { db } = createDb(file)
await migrateToLatest(db)
await seedReference(db)
const upts = await db.selectFrom('upts').select('id').execute()
const sectors = (await db.selectFrom('sectors').select('id').execute()).map((s) => s.id)
const now = nowIso()
let t0 = performance.now()
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < PRODUCTS; i += 500) {
    const rows = Array.from({ length: 500 }, (_, j) => {
      const row = benchProduct(i + j, { upts, sectors, now, stock: 1_000 })
      return { ...row, description: `Produk ${row.name} karya warga binaan, dibuat dengan teliti.` }
    })
    await trx.insertInto('products').values(rows).execute()
  }
})
const loadMs = performance.now() - t0

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
async function timed(n: number, fn: (i: number) => Promise<unknown>) {
  const ms: number[] = []
  for (let i = 0; i < n; i++) {
    const s = performance.now()
    await fn(i)
    ms.push(performance.now() - s)
  }
  return { p50: pct(ms, 50).toFixed(2), p99: pct(ms, 99).toFixed(2) }
}

// The search vocabulary (ADR 023), widened to 20,000 words: a real catalog's names and
// descriptions hold thousands, and a typo is compared with every word of a near length.
await rebuildCatalogWords(db)
const letters = 'abcdefghijklmnoprstuwy'
const extra = Array.from({ length: 20_000 }, (_, i) => {
  let w = ''
  for (let k = 0, n = i * 2654435761; k < 4 + (i % 7); k++, n = Math.floor(n / 7) + k * 31)
    w += letters[n % letters.length]
  return `${w}${i}`.replace(/[0-9]/g, (d) => letters[Number(d)]!)
})
for (let i = 0; i < extra.length; i += 500) {
  await db
    .insertInto('catalog_words')
    .values(extra.slice(i, i + 500).map((word) => ({ word })))
    .onConflict((oc) => oc.column('word').doNothing())
    .execute()
}
const vocabularySize = Number(
  (
    await db
      .selectFrom('catalog_words')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
)
const typos = ['btik', 'kopii', 'tneun', 'lemrai', 'kersi', 'sabln']
const typo = await timed(300, (i) => searchCatalog(db, { q: typos[i % typos.length], page: 1 }))
const synonym = await timed(300, (i) => searchCatalog(db, { q: ['bag', 'coffee', 'chair', 'wood'][i % 4], page: 1 }))
const search = await timed(300, (i) => searchCatalog(db, { q: WORDS[i % 20], page: 1 + (i % 3) }))
const filtered = await timed(300, (i) =>
  searchCatalog(db, { category: sectors[i % sectors.length], min: 10_000, max: 2_000_000, sort: 'price_asc', page: 1 }),
)
const listing = await timed(300, (i) => searchCatalog(db, { page: 1 + (i % 50) }))
const page = await timed(300, (i) => getPublishedProduct(db, `bench-${(i * 131) % PRODUCTS}`))

const ORDERS = 1_000
const carts: string[] = []
for (let i = 0; i < ORDERS; i++) {
  const { cartId } = await ensureCart(db, {})
  await addToCart(
    db,
    cartId,
    (
      await db
        .selectFrom('products')
        .select('id')
        .where('slug', '=', `bench-${i * 3}`)
        .executeTakeFirstOrThrow()
    ).id,
    1,
  )
  carts.push(cartId)
}
t0 = performance.now()
for (const cartId of carts) {
  await placeOrder(db, {
    cartId,
    userId: null,
    buyerName: 'Bench',
    buyerEmail: 'b@contoh.id',
    buyerPhone: '081234567890',
    delivery: 'pickup',
  })
}
const perSecond = (ORDERS / ((performance.now() - t0) / 1000)).toFixed(0)
await db.destroy()
fs.rmSync(dir, { recursive: true, force: true })

const lines = [
  `## Marketplace domain queries (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Command: \`npm run bench marketplace\` · machine: ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB · ${PRODUCTS.toLocaleString('en')} published products (loaded in ${(loadMs / 1000).toFixed(1)} s with FTS triggers). In-process, no HTTP.`,
  '',
  '| query | p50 ms | p99 ms |',
  '|---|---|---|',
  `| full-text search (one word, pages 1–3) | ${search.p50} | ${search.p99} |`,
  `| search with a typo, corrected against ${vocabularySize.toLocaleString('en')} words ("btik", "kopii"…) | ${typo.p50} | ${typo.p99} |`,
  `| search by an English synonym ("bag", "coffee"…) | ${synonym.p50} | ${synonym.p99} |`,
  `| category + price range, sorted by price | ${filtered.p50} | ${filtered.p99} |`,
  `| newest listing, pages 1–50 | ${listing.p50} | ${listing.p99} |`,
  `| product page by slug | ${page.p50} | ${page.p99} |`,
  '',
  `Checkout (one line, stock reservation, sequential): ${perSecond} orders/s.`,
  '',
]
console.log(lines.join('\n'))
fs.appendFileSync(
  path.resolve(path.dirname(new URL(import.meta.url).pathname), '../BENCHMARKS.md'),
  `${lines.join('\n')}\n`,
)
