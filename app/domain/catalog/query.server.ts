import { z } from 'zod'
import { pageFrom } from '#app/lib/pagination.ts'
import type { CatalogFilters } from './products.ts'

// Server-only (the .server suffix keeps zod out of the public pages' JavaScript).
const money = z.coerce.number().int().min(0).max(1_000_000_000).optional().catch(undefined)
/** Query strings are never an error: odd values are ignored. */
const QuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.string().max(64).optional().catch(undefined),
  province: z.string().max(8).optional().catch(undefined),
  upt: z.string().max(120).optional().catch(undefined),
  min: money,
  max: money,
  stock: z.literal('1').optional().catch(undefined),
  sort: z.enum(['relevance', 'newest', 'price_asc', 'price_desc']).optional().catch(undefined),
})

export function parseCatalogQuery(url: URL): CatalogFilters {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''))
  const v = QuerySchema.parse(raw)
  return {
    q: v.q || undefined,
    category: v.category,
    province: v.province,
    upt: v.upt,
    min: v.min,
    max: v.max,
    inStock: v.stock === '1',
    sort: v.sort,
    page: pageFrom(url),
  }
}
