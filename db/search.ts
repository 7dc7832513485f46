import { type Kysely, type RawBuilder, sql } from 'kysely'
import { engineOf } from './dialect.ts'
import { fts5Match, tsqueryText } from './search-syntax.ts'

/**
 * Product search on either engine, for a query already cut into groups of words (ADR 023: any
 * word of a group may match, every group must, each word as a prefix of a word of the name,
 * description or story; db/search-syntax.ts writes each engine's syntax), without regard to case
 * or accents; ranked with the name weighing 10, the description 3 and the
 * story 1. Both engines keep the index in a `products_fts` table joined on `product_id` (the
 * marketplace migration): an FTS5 table on SQLite, a tsvector with a GIN index on PostgreSQL.
 * `rank` sorts ascending, best first. `alias`: the name the query gives `products_fts` (PostgreSQL
 * needs it; FTS5's `match` and `bm25` take the table's own name).
 */
export function productSearch(
  db: Kysely<any>,
  groups: string[][],
  alias = 'products_fts',
): { match: RawBuilder<boolean>; rank: RawBuilder<number> } {
  if (engineOf(db) === 'postgres') {
    const query = tsqueryText(groups) ?? "''"
    const tsquery = sql`to_tsquery('mitra_search', ${query})`
    return {
      match: sql<boolean>`${sql.ref(`${alias}.document`)} @@ ${tsquery}`,
      // weights {D, C, B, A}: story C, description B, name A; normalisation 1 = by log of length, as bm25 damps long text
      rank: sql<number>`-ts_rank('{0, 0.1, 0.3, 1.0}', ${sql.ref(`${alias}.document`)}, ${tsquery}, 1)`,
    }
  }
  const match = fts5Match(groups) ?? '""'
  return {
    match: sql<boolean>`products_fts match ${match}`,
    rank: sql<number>`bm25(products_fts, 0, 10.0, 3.0, 1.0)`,
  }
}
