import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { searchCatalog } from '#app/domain/catalog/products.ts'
import { createProduct, updateProduct } from '#app/domain/catalog/products.ts'
import { addProductImage } from '#app/domain/catalog/images.server.ts'
import sharp from 'sharp'
import { loader as catalogLoader } from '#app/routes/products._index.tsx'
import { seedAll } from '#db/seed/index.ts'
import { getEnv } from '#app/lib/env.server.ts'
import type { DB } from '#db/client.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { TMP } from '#tests/setup/paths.ts'
import { testDb } from '#tests/setup/setup-each.ts'

// The demo seed writes product photos: keep them out of the working tree.
let uploadDir: string | undefined
beforeEach(() => {
  uploadDir = process.env.UPLOAD_DIR
  process.env.UPLOAD_DIR = path.join(TMP, `search-uploads-${process.env.VITEST_POOL_ID ?? process.pid}`)
})
afterEach(() => {
  if (uploadDir === undefined) delete process.env.UPLOAD_DIR
  else process.env.UPLOAD_DIR = uploadDir
})

async function demoCatalog(): Promise<DB> {
  const db = testDb()
  await seedAll(db, { demo: true, encryptionKey: getEnv().encryptionKey })
  return db
}

const names = async (db: DB, q: string) => (await searchCatalog(db, { q, page: 1 })).rows.map((r) => r.name).sort()

describe('search that forgives, on the demo catalog (ADR 023)', () => {
  test('typos find the product and suggest the word meant; synonyms cross languages; case and accents still fold', async () => {
    const db = await demoCatalog()
    const btik = await searchCatalog(db, { q: 'btik', page: 1 })
    expect(btik.rows.map((r) => r.name).sort()).toEqual([
      'Batik Cap Kawung',
      'Batik Tulis Motif Kediri',
      'Batik Tulis Parang Rusak',
    ])
    expect(btik.suggestion).toBe('batik')
    const kopii = await searchCatalog(db, { q: 'kopii', page: 1 })
    expect(kopii.rows.map((r) => r.name)).toEqual(['Kopi Arabika Kintamani'])
    expect(kopii.suggestion).toBe('kopi')
    expect(await names(db, 'kpoi')).toEqual(['Kopi Arabika Kintamani'])
    expect(await names(db, 'bag')).toEqual(['Tas Anyaman Pandan'])
    expect(await names(db, 'coffee')).toEqual(['Kopi Arabika Kintamani'])
    expect(await names(db, 'wooden carving')).toEqual(['Ukiran Kayu Garuda'])
    expect(await names(db, 'KOPÍ')).toEqual(['Kopi Arabika Kintamani'])
    expect(await names(db, 'batik tulis kediri')).toEqual(['Batik Tulis Motif Kediri'])
    expect(await names(db, 'batik tuls')).toEqual(['Batik Tulis Motif Kediri', 'Batik Tulis Parang Rusak'])
    // an exact word is no typo: no suggestion; nonsense stays empty, with nothing to suggest
    expect((await searchCatalog(db, { q: 'batik', page: 1 })).suggestion).toBeNull()
    expect(await searchCatalog(db, { q: 'qwxzv', page: 1 })).toMatchObject({ total: 0, suggestion: null })
    // the filters still apply to the widened search
    expect((await searchCatalog(db, { q: 'btik', province: '52', page: 1 })).total).toBe(0)
  })

  test('the catalog page links "Maksud Anda: batik?", keeping the other filters and starting at page 1', async () => {
    const db = await demoCatalog()
    void db
    const res = await call(catalogLoader, makeRequest('/products?q=btik&sort=price_asc&page=1'))
    expect(res.status).toBe(200)
    const data = res.data as { total: number; suggestion: string; suggestionHref: string }
    expect(data.total).toBe(3)
    expect(data.suggestion).toBe('batik')
    expect(data.suggestionHref).toBe('/products?q=batik&sort=price_asc')
    const exact = (await call(catalogLoader, makeRequest('/products?q=batik'))).data as {
      suggestionHref: string | null
    }
    expect(exact.suggestionHref).toBeNull()
  })

  test('the vocabulary follows the catalog: a newly published product is found by a typo, a draft lends no words', async () => {
    const db = await demoCatalog()
    const upt = await db
      .selectFrom('upts')
      .select('id')
      .where('slug', '=', 'lapas-kelas-iia-kediri')
      .executeTakeFirstOrThrow()
    const actor = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'staf.kediri@mitralipas.demo')
      .executeTakeFirstOrThrow()
    const base = {
      sectorId: 'crafts',
      price: 20_000,
      stockMode: 'stock' as const,
      stock: 10,
      unit: 'batang',
      weightGrams: 100,
    }
    expect(await names(db, 'sabn')).toEqual([])
    // Published as staff publish it: a draft, its photo, then published (a product needs a photo).
    const soap = {
      ...base,
      name: 'Sabun Sereh Wangi',
      description: 'Sabun batang minyak sereh buatan tangan.',
      uptId: upt.id,
      actorUserId: actor.id,
    }
    const { id: productId } = await createProduct(db, { ...soap, status: 'draft' })
    expect(await names(db, 'sabn')).toEqual([])
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c9b27c' } })
      .png()
      .toBuffer()
    await addProductImage(db, { productId, bytes: png, alt: 'Sabun sereh' })
    await updateProduct(db, { ...soap, status: 'published', productId })
    await createProduct(db, {
      ...base,
      name: 'Lilin Aromaterapi',
      description: 'Lilin kedelai wangi lavender.',
      status: 'draft',
      uptId: upt.id,
      actorUserId: actor.id,
    })
    expect(await names(db, 'sabn')).toEqual(['Sabun Sereh Wangi'])
    expect(await names(db, 'soap')).toEqual(['Sabun Sereh Wangi'])
    expect((await searchCatalog(db, { q: 'aromaterapy', page: 1 })).suggestion).toBeNull()
  })
})
