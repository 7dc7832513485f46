import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely'
import { engineOf } from './dialect.ts'

/**
 * The few SQL spellings that differ between SQLite and PostgreSQL, each behind a name that says
 * what it means, so the domain's queries read the same on both engines. Everything else is
 * written with Kysely's builders or in SQL both engines share.
 */

/**
 * The operator of a case-insensitive `LIKE` (searches typed by people): SQLite's `like` already
 * ignores case (ASCII); PostgreSQL's is case-sensitive, `ilike` is not. Use as
 * sql`x ${likeAnyCase(db)} ${pattern} escape '\\'`.
 */
export function likeAnyCase(db: Kysely<any>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql.raw('ilike') : sql.raw('like')
}

/** The distinct values of a text column joined by commas (no order promised), or null. */
export function distinctList(db: Kysely<any>, column: string): RawBuilder<string | null> {
  return engineOf(db) === 'postgres'
    ? sql<string | null>`string_agg(distinct ${sql.ref(column)}, ',')`
    : sql<string | null>`group_concat(distinct ${sql.ref(column)})`
}

/** The smaller of two values (SQLite's two-argument `min`, PostgreSQL's `least`). */
export function smallerOf<T>(db: Kysely<any>, a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return engineOf(db) === 'postgres' ? sql<T>`least(${a}, ${b})` : sql<T>`min(${a}, ${b})`
}
