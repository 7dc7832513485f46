import { catalogFacets } from '#app/domain/catalog/products.ts'
import type { DB } from '#db/client.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { ttlCache } from '#app/lib/ttl-cache.ts'

const cached = ttlCache<DB, Awaited<ReturnType<typeof catalogFacets>>>(() => getEnv().pageCacheSeconds * 1000)

/**
 * The catalog's filter choices (categories, provinces and UPTs with published products), the same
 * for every visitor: computed at most once per PAGE_CACHE_SECONDS, the age the page cache already
 * allows the whole anonymous catalog (ADR 009), so a signed-in visitor sees no older choices than
 * an anonymous one. PAGE_CACHE_SECONDS=0 reads them on every request (ADR 034).
 */
export function catalogFacetsCached(db: DB) {
  return cached(db, () => catalogFacets(db))
}
