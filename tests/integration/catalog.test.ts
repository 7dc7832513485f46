import { describe, expect, test } from 'vitest'
import { catalogFacets, ftsQuery, searchCatalog } from '#app/domain/catalog/products.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'

describe('catalog search', () => {
  test('Indonesian full-text search tolerates case and accents and ranks by relevance', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const tenun = await createProductRow(db, {
      uptId: a.id,
      name: 'Kain Tenun Ikat Sumba',
      description: 'Tenun tangan dengan pewarna alami.',
      price: 850_000,
      sectorId: 'tenun',
    })
    const mention = await createProductRow(db, {
      uptId: b.id,
      name: 'Tas Anyaman',
      description: 'Tas dengan aksen kain tenun di sisi depan.',
      price: 120_000,
      sectorId: 'crafts',
    })
    await createProductRow(db, {
      uptId: b.id,
      name: 'Kopi Kintamani',
      description: 'Kopi arabika sangrai.',
      price: 65_000,
      sectorId: 'food',
    })
    await createProductRow(db, { uptId: a.id, name: 'Tenun draft', status: 'draft' })
    await createProductRow(db, {
      uptId: a.id,
      name: 'Café Crème Bali',
      description: 'Produk uji aksen.',
      price: 10_000,
    })

    const r = await searchCatalog(db, { q: 'TENUN', page: 1 })
    expect(r.rows.map((x) => x.id)).toEqual([tenun.id, mention.id])
    expect((await searchCatalog(db, { q: 'cafe creme', page: 1 })).rows.map((x) => x.name)).toEqual(['Café Crème Bali'])
    expect((await searchCatalog(db, { q: 'kintamâni', page: 1 })).total).toBe(1)
    expect((await searchCatalog(db, { q: 'ten', page: 1 })).total).toBe(2)
    // Filters combine with search.
    expect((await searchCatalog(db, { q: 'tenun', province: '51', page: 1 })).rows.map((x) => x.id)).toEqual([
      mention.id,
    ])
    expect((await searchCatalog(db, { min: 100_000, max: 500_000, page: 1 })).rows.map((x) => x.id)).toEqual([
      mention.id,
    ])
    expect((await searchCatalog(db, { category: 'food', page: 1 })).total).toBe(1)
    expect((await searchCatalog(db, { sort: 'price_asc', page: 1 })).rows.map((x) => x.price)).toEqual([
      10_000, 65_000, 120_000, 850_000,
    ])
    // Operators and quotes typed by a visitor are just text.
    expect((await searchCatalog(db, { q: '"tenun" OR NEAR(*', page: 1 })).total).toBeGreaterThanOrEqual(0)
    expect(ftsQuery('  ')).toBeNull()
    // The index follows edits.
    await db.updateTable('products').set({ name: 'Sarung Songket' }).where('id', '=', tenun.id).execute()
    expect((await searchCatalog(db, { q: 'songket', page: 1 })).rows.map((x) => x.id)).toEqual([tenun.id])
  })

  test('facets list only provinces and UPTs with a published product', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    expect(await catalogFacets(db)).toMatchObject({ provinces: [], upts: [] })
    await createProductRow(db, { uptId: b.id, name: 'Dupa draft', status: 'draft' })
    expect((await catalogFacets(db)).provinces).toEqual([])
    await createProductRow(db, { uptId: a.id, name: 'Roti Manis' })
    await createProductRow(db, { uptId: b.id, name: 'Kopi Kintamani' })
    const facets = await catalogFacets(db)
    expect(facets.provinces).toEqual(
      await db
        .selectFrom('provinces')
        .select(['id', 'name'])
        .where('id', 'in', [a.province_id, b.province_id])
        .orderBy('name')
        .execute(),
    )
    expect(facets.upts.map((u) => u.slug).sort()).toEqual([a.slug, b.slug].sort())
  })
})
