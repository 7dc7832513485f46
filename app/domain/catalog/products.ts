import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { productSearch } from '#db/search.ts'
import type { ProductStatus } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId, slugify } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { PAGE_SIZE } from '#app/lib/pagination.ts'
import type { ProductInput } from './schemas.ts'
import { fts5Match } from '#db/search-syntax.ts'
import { expandQuery } from './forgiving.ts'
import { addCatalogWords, catalogVocabulary } from './vocabulary.ts'

export const MAX_IMAGES = 8

async function uniqueSlug(db: DB, name: string, uptSlug: string, exceptId?: string) {
  const base =
    slugify(`${name} ${uptSlug.replace(/^(lapas|rutan|lpka)-(kelas-[a-z0-9]+-)?/, '')}`).slice(0, 70) || 'produk'
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`
    const hit = await db.selectFrom('products').select('id').where('slug', '=', slug).executeTakeFirst()
    if (!hit || hit.id === exceptId) return slug
  }
}

/** The sector exists, and the program (optional) is one of this UPT's: another UPT's is not found. */
async function checkRefs(db: DB, input: ProductInput, uptId: string) {
  const sector = await db.selectFrom('sectors').select('id').where('id', '=', input.sectorId).executeTakeFirst()
  if (!sector) throw new DomainError('field.invalid', 'sectorId')
  if (
    input.programId &&
    !(await db
      .selectFrom('programs')
      .select('id')
      .where('id', '=', input.programId)
      .where('upt_id', '=', uptId)
      .executeTakeFirst())
  ) {
    throw new NotFoundError('program', 'programId', 'catalog.programNotInUpt')
  }
}

function columns(input: ProductInput) {
  return {
    name: input.name,
    description: input.description,
    story: input.story || null,
    sector_id: input.sectorId,
    program_id: input.programId || null,
    price: input.price,
    stock_mode: input.stockMode,
    stock: input.stockMode === 'stock' ? input.stock : 0,
    lead_time_days: input.stockMode === 'made_to_order' ? (input.leadTimeDays ?? null) : null,
    unit: input.unit,
    weight_grams: input.weightGrams,
    status: input.status,
  }
}

/**
 * A product is published only with at least one photo (issue 14, item 6): buyers do not buy what
 * they cannot see. A new product has none yet, so it starts as a draft and is published once a
 * photo is uploaded; the last photo of a published product cannot be removed.
 */
async function checkPhotoRule(db: DB, status: ProductStatus, productId: string | null) {
  if (status !== 'published') return
  const n = productId ? await photoCount(db, productId) : 0
  if (n === 0) throw new DomainError('catalog.photoRequired', 'status')
}

async function photoCount(db: DB, productId: string): Promise<number> {
  const row = await db
    .selectFrom('product_images')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function createProduct(
  db: DB,
  input: ProductInput & { uptId: string; actorUserId: string; ip?: string | null },
) {
  await checkRefs(db, input, input.uptId)
  await checkPhotoRule(db, input.status, null)
  const upt = await db.selectFrom('upts').select(['slug']).where('id', '=', input.uptId).executeTakeFirstOrThrow()
  const id = newId()
  const now = nowIso()
  await inTransaction(db, async (trx) => {
    const slug = await uniqueSlug(trx, input.name, upt.slug)
    await trx
      .insertInto('products')
      .values({ id, upt_id: input.uptId, slug, ...columns(input), created_at: now, updated_at: now })
      .execute()
    if (input.status === 'published') await addCatalogWords(trx, [input.name, input.description])
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'product.create',
      targetType: 'product',
      targetId: id,
      ip: input.ip,
    })
  })
  return { id }
}

/** Edits a product of `uptId`; a product of another UPT is not found. */
export async function updateProduct(
  db: DB,
  input: ProductInput & { uptId: string; productId: string; actorUserId: string; ip?: string | null },
) {
  await checkRefs(db, input, input.uptId)
  await inTransaction(db, async (trx) => {
    // Counted inside the write: a photo removed meanwhile cannot leave a published product bare.
    if (
      await trx
        .selectFrom('products')
        .select('id')
        .where('id', '=', input.productId)
        .where('upt_id', '=', input.uptId)
        .executeTakeFirst()
    ) {
      await checkPhotoRule(trx, input.status, input.productId)
    }
    const r = await trx
      .updateTable('products')
      .set({ ...columns(input), updated_at: nowIso() })
      .where('id', '=', input.productId)
      .where('upt_id', '=', input.uptId)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError('product')
    if (input.status === 'published') await addCatalogWords(trx, [input.name, input.description])
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'product.update',
      targetType: 'product',
      targetId: input.productId,
      ip: input.ip,
    })
  })
}

export async function getProductForUpt(db: DB, uptId: string, productId: string) {
  return db
    .selectFrom('products')
    .selectAll()
    .where('id', '=', productId)
    .where('upt_id', '=', uptId)
    .executeTakeFirst()
}

export async function listUptProducts(db: DB, uptId: string, opts: { status?: ProductStatus; page: number }) {
  let q = db.selectFrom('products').where('upt_id', '=', uptId)
  if (opts.status) q = q.where('status', '=', opts.status)
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'slug', 'name', 'price', 'stock', 'stock_mode', 'status', 'updated_at'])
      .orderBy('updated_at', 'desc')
      .limit(PAGE_SIZE)
      .offset((opts.page - 1) * PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** A product's photos in their order. */
export async function listProductImages(db: DB, productId: string) {
  return db
    .selectFrom('product_images')
    .select(['id', 'thumb_name', 'alt'])
    .where('product_id', '=', productId)
    .orderBy('sort')
    .execute()
}

export async function listSectors(db: DB) {
  return db.selectFrom('sectors').select(['id', 'name_id', 'name_en']).orderBy('sort').execute()
}

/** The words of a search (letters and digits), at most 8: what `productSearch` (db/search.ts) matches, after widening. */
export function searchWords(q: string): string[] {
  return q
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8)
}

/** Turns what a person typed into a safe FTS5 query: each word a prefix term, all required. */
export function ftsQuery(q: string): string | null {
  return fts5Match(searchWords(q).map((w) => [w]))
}

export type CatalogSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest'

export interface CatalogFilters {
  q?: string
  category?: string
  province?: string
  upt?: string
  min?: number
  max?: number
  inStock?: boolean
  sort?: CatalogSort
  page: number
  pageSize?: number
  /** rows from here instead of `page` (the open-data API's cursor) */
  offset?: number
}

/**
 * Published products matching the filters, best matches first when searching. The words typed
 * are widened first (ADR 023): synonyms in both languages, and corrections of typos against the
 * catalog's vocabulary; `suggestion` is the corrected query ("Maksud Anda: batik?") when a typo
 * was corrected and the correction found something.
 */
export async function searchCatalog(db: DB, f: CatalogFilters) {
  const size = f.pageSize ?? PAGE_SIZE
  const words = f.q ? searchWords(f.q) : []
  const expanded = words.length > 0 ? expandQuery(words, await catalogVocabulary(db)) : null
  const match = expanded ? productSearch(db, expanded.groups, 'f') : null
  // Filters only touch products (place through a subquery on upts), so the count needs no join.
  let q = db.selectFrom('products as p').where('p.status', '=', 'published')
  if (match) {
    q = q.innerJoin('products_fts as f', 'f.product_id', 'p.id').where(match.match)
  }
  if (f.category) q = q.where('p.sector_id', '=', f.category)
  if (f.province)
    q = q.where('p.upt_id', 'in', db.selectFrom('upts').select('id').where('province_id', '=', f.province))
  if (f.upt) q = q.where('p.upt_id', 'in', db.selectFrom('upts').select('id').where('slug', '=', f.upt))
  if (f.min !== undefined) q = q.where('p.price', '>=', f.min)
  if (f.max !== undefined) q = q.where('p.price', '<=', f.max)
  if (f.inStock) q = q.where((eb) => eb.or([eb('p.stock_mode', '=', 'made_to_order'), eb('p.stock', '>', 0)]))
  const sort = f.sort ?? (match ? 'relevance' : 'newest')
  let rowsQ = q
    .innerJoin('upts as u', 'u.id', 'p.upt_id')
    .innerJoin('provinces as pr', 'pr.id', 'u.province_id')
    .innerJoin('sectors as s', 's.id', 'p.sector_id')
    .select([
      'p.id',
      'p.slug',
      'p.name',
      'p.price',
      'p.unit',
      'p.stock',
      'p.stock_mode',
      'p.lead_time_days',
      'u.name as upt_name',
      'u.slug as upt_slug',
      'pr.name as province_name',
      's.name_id as sector_name_id',
      's.name_en as sector_name_en',
      (eb) =>
        eb
          .selectFrom('product_images as i')
          .select('i.thumb_name')
          .whereRef('i.product_id', '=', 'p.id')
          .orderBy('i.sort')
          .limit(1)
          .as('thumb'),
    ])
  if (sort === 'relevance' && match) rowsQ = rowsQ.orderBy(match.rank)
  else if (sort === 'price_asc') rowsQ = rowsQ.orderBy('p.price', 'asc')
  else if (sort === 'price_desc') rowsQ = rowsQ.orderBy('p.price', 'desc')
  else rowsQ = rowsQ.orderBy('p.created_at', 'desc')
  rowsQ = rowsQ.orderBy('p.id', sort === 'newest' || (sort === 'relevance' && !match) ? 'desc' : 'asc')
  const [rows, count] = await Promise.all([
    rowsQ
      .limit(size)
      .offset(f.offset ?? (f.page - 1) * size)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const total = Number(count.n)
  return { rows, total, suggestion: total > 0 ? (expanded?.suggestion ?? null) : null }
}

export async function getPublishedProduct(db: DB, slug: string) {
  const product = await db
    .selectFrom('products as p')
    .innerJoin('upts as u', 'u.id', 'p.upt_id')
    .innerJoin('provinces as pr', 'pr.id', 'u.province_id')
    .innerJoin('sectors as s', 's.id', 'p.sector_id')
    .select([
      'p.id',
      'p.slug',
      'p.name',
      'p.description',
      'p.story',
      'p.price',
      'p.unit',
      'p.stock',
      'p.stock_mode',
      'p.lead_time_days',
      'p.weight_grams',
      'p.updated_at',
      'p.program_id',
      'u.id as upt_id',
      'u.name as upt_name',
      'u.slug as upt_slug',
      'u.city as upt_city',
      'pr.name as province_name',
      's.id as sector_id',
      's.name_id as sector_name_id',
      's.name_en as sector_name_en',
    ])
    .where('p.slug', '=', slug)
    .where('p.status', '=', 'published')
    .executeTakeFirst()
  if (!product) return null
  const images = await db
    .selectFrom('product_images')
    .select(['id', 'file_name', 'thumb_name', 'alt', 'width', 'height'])
    .where('product_id', '=', product.id)
    .orderBy('sort')
    .execute()
  return { ...product, images }
}

/**
 * Up to `limit` other published products from the same program first, then from the same UPT
 * (issue 14, item 6), newest first, shaped for the product cards.
 */
export async function relatedProducts(
  db: DB,
  product: { id: string; upt_id: string; program_id: string | null },
  limit = 4,
) {
  return (
    db
      .selectFrom('products as p')
      .innerJoin('upts as u', 'u.id', 'p.upt_id')
      .innerJoin('provinces as pr', 'pr.id', 'u.province_id')
      .innerJoin('sectors as s', 's.id', 'p.sector_id')
      .select([
        'p.id',
        'p.slug',
        'p.name',
        'p.price',
        'p.unit',
        'p.stock',
        'p.stock_mode',
        'p.lead_time_days',
        'u.name as upt_name',
        'pr.name as province_name',
        's.name_id as sector_name_id',
        's.name_en as sector_name_en',
        (eb) =>
          eb
            .selectFrom('product_images as i')
            .select('i.thumb_name')
            .whereRef('i.product_id', '=', 'p.id')
            .orderBy('i.sort')
            .limit(1)
            .as('thumb'),
      ])
      .where('p.status', '=', 'published')
      .where('p.id', '!=', product.id)
      .where('p.upt_id', '=', product.upt_id)
      // Same program first (a product's program is always one of its UPT's).
      .orderBy((eb) =>
        eb
          .case()
          .when('p.program_id', '=', product.program_id ?? '')
          .then(0)
          .else(1)
          .end(),
      )
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(limit)
      .execute()
  )
}

/** Filter choices: categories, and provinces/UPTs that have something published. */
export async function catalogFacets(db: DB) {
  const [sectors, provinces, upts] = await Promise.all([
    listSectors(db),
    db
      .selectFrom('provinces as pr')
      .select(['pr.id', 'pr.name'])
      // Province -> its UPTs (upts_province_idx) -> one published product (products_upt_status).
      // Going through products first scanned every published product for each province
      // without any (~1 s at 40,000 products, blocking the event loop).
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('upts as u')
            .select('u.id')
            .whereRef('u.province_id', '=', 'pr.id')
            .where((eb2) =>
              eb2.exists(
                eb2
                  .selectFrom('products as p')
                  .select('p.id')
                  .whereRef('p.upt_id', '=', 'u.id')
                  .where('p.status', '=', 'published'),
              ),
            ),
        ),
      )
      .orderBy('pr.name')
      .execute(),
    db
      .selectFrom('upts as u')
      .select(['u.slug', 'u.name'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('products as p')
            .select('p.id')
            .whereRef('p.upt_id', '=', 'u.id')
            .where('p.status', '=', 'published'),
        ),
      )
      .orderBy('u.name')
      .execute(),
  ])
  return { sectors, provinces, upts }
}

export async function sitemapEntries(db: DB) {
  const [products, upts] = await Promise.all([
    db
      .selectFrom('products')
      .select(['slug', 'updated_at'])
      .where('status', '=', 'published')
      .orderBy('updated_at', 'desc')
      .limit(45_000)
      .execute(),
    db
      .selectFrom('upts as u')
      .select(['u.slug'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('products as p')
            .select('p.id')
            .whereRef('p.upt_id', '=', 'u.id')
            .where('p.status', '=', 'published'),
        ),
      )
      .execute(),
  ])
  return { products, upts }
}
