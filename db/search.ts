import { type Kysely, type RawBuilder, sql } from 'kysely'
import { engineOf } from './dialect.ts'

/**
 * Product search on either engine, for a query already cut into words (letters and digits only,
 * at most 8): every word must match as a prefix of a word of the name, description or story,
 * without regard to case or accents; ranked with the name weighing 10, the description 3 and the
 * story 1. Both engines keep the index in a `products_fts` table joined on `product_id` (the
 * marketplace migration): an FTS5 table on SQLite, a tsvector with a GIN index on PostgreSQL.
 * `rank` sorts ascending, best first. `alias`: the name the query gives `products_fts` (PostgreSQL
 * needs it; FTS5's `match` and `bm25` take the table's own name).
 */
export function productSearch(db: Kysely<any>, words: string[], alias = 'products_fts'): { match: RawBuilder<boolean>; rank: RawBuilder<number> } {
  const clean = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 0)
  if (engineOf(db) === 'postgres') {
    const query = clean.map((w) => `'${w}':*`).join(' & ')
    const tsquery = sql`to_tsquery('mitra_search', ${query})`
    return {
      match: sql<boolean>`${sql.ref(`${alias}.document`)} @@ ${tsquery}`,
      // weights {D, C, B, A}: story C, description B, name A; normalisation 1 = by log of length, as bm25 damps long text
      rank: sql<number>`-ts_rank('{0, 0.1, 0.3, 1.0}', ${sql.ref(`${alias}.document`)}, ${tsquery}, 1)`,
    }
  }
  const match = clean.map((w) => `"${w}"*`).join(' ')
  return {
    match: sql<boolean>`products_fts match ${match}`,
    rank: sql<number>`bm25(products_fts, 0, 10.0, 3.0, 1.0)`,
  }
}
