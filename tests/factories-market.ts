import type { DB } from '#db/client.ts'
import type { ProductStatus, StockMode } from '#db/schema.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'

let seq = 0

export interface ProductOverrides {
  uptId: string
  name?: string
  description?: string
  sectorId?: string
  price?: number
  stock?: number
  stockMode?: StockMode
  status?: ProductStatus
}

/** A product row (published, stocked) for marketplace tests. */
export async function createProductRow(db: DB, o: ProductOverrides) {
  seq++
  const id = newId()
  const now = nowIso()
  const name = o.name ?? `Produk Uji ${seq}`
  const sector =
    o.sectorId ?? (await db.selectFrom('sectors').select('id').orderBy('sort').executeTakeFirstOrThrow()).id
  await db
    .insertInto('products')
    .values({
      id,
      upt_id: o.uptId,
      program_id: null,
      sector_id: sector,
      slug: `produk-uji-${seq}-${id.slice(-8)}`,
      name,
      description: o.description ?? 'Produk karya warga binaan untuk pengujian.',
      story: null,
      price: o.price ?? 150_000,
      stock_mode: o.stockMode ?? 'stock',
      stock: o.stock ?? 10,
      lead_time_days: o.stockMode === 'made_to_order' ? 14 : null,
      unit: 'pcs',
      weight_grams: 500,
      status: o.status ?? 'published',
      created_at: now,
      updated_at: now,
    })
    .execute()
  return {
    id,
    name,
    slug: (await db.selectFrom('products').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug,
  }
}

export const BUYER = {
  buyerName: 'Dewi Lestari',
  buyerEmail: 'dewi@contoh.id',
  buyerPhone: '081234567890',
  delivery: 'ship' as const,
  address: 'Jl. Merdeka 10',
  city: 'Kediri',
  provinceId: '35',
  postalCode: '64121',
}
