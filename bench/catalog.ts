import { newId } from '../app/lib/ids.ts'

/** The words the benchmark catalogues are named from (and searched by). */
export const WORDS = [
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
] as const

/**
 * Product number `n` of a benchmark catalogue: spread over the given UPTs and sectors, named from
 * two of the words, priced from Rp 3.000 up, published. The same rows in every bench that loads
 * 40,000 products, so their figures can be compared.
 */
export function benchProduct(
  n: number,
  ctx: { upts: { id: string }[]; sectors: string[]; now: string; stock: number },
) {
  const name = `${WORDS[n % 20]} ${WORDS[(n * 7) % 20]} ${n}`
  return {
    id: newId(),
    upt_id: ctx.upts[n % ctx.upts.length]!.id,
    program_id: null,
    sector_id: ctx.sectors[n % ctx.sectors.length]!,
    slug: `bench-${n}`,
    name,
    description: `Produk ${name} karya warga binaan.`,
    story: null,
    price: 3_000 + ((n * 7919) % 5_000_000),
    stock_mode: 'stock' as const,
    stock: ctx.stock,
    lead_time_days: null,
    unit: 'buah',
    weight_grams: 500,
    status: 'published' as const,
    created_at: ctx.now,
    updated_at: ctx.now,
  }
}
