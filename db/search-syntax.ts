/**
 * The text of a product search for each engine, from groups of words (ADR 023): any word of a
 * group may match, every group must, each word as the prefix of a word in the text. Words are
 * reduced to letters and digits here, so nothing a person types reaches the query syntax.
 * FTS5 (SQLite): `("btik"* OR "batik"*) AND "kopi"*`.
 * to_tsquery (PostgreSQL): `('btik':* | 'batik':*) & 'kopi':*`.
 */
function clean(groups: string[][]): string[][] {
  return groups
    .map((g) => [...new Set(g.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 0))])
    .filter((g) => g.length > 0)
}

export function fts5Match(groups: string[][]): string | null {
  const gs = clean(groups)
  if (gs.length === 0) return null
  return gs.map((g) => (g.length === 1 ? `"${g[0]}"*` : `(${g.map((w) => `"${w}"*`).join(' OR ')})`)).join(' AND ')
}

export function tsqueryText(groups: string[][]): string | null {
  const gs = clean(groups)
  if (gs.length === 0) return null
  return gs.map((g) => (g.length === 1 ? `'${g[0]}':*` : `(${g.map((w) => `'${w}':*`).join(' | ')})`)).join(' & ')
}
