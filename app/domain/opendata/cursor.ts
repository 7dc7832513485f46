import type { Params } from './datasets.ts'

/**
 * Opaque page cursors of the open-data API (ADR 026): the position of the next row, bound to the
 * dataset and filters it was made for, so a cursor pasted into another query is refused (400)
 * rather than quietly skipping rows. base64url of a small JSON; clients must treat it as opaque.
 */

/** FNV-1a, 32 bits: enough to tell one query from another, not a secret. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}

export function queryKey(dataset: string, params: Params): string {
  return fnv1a(
    JSON.stringify([
      dataset,
      Object.keys(params)
        .sort()
        .map((k) => [k, params[k]]),
    ]),
  )
}

export function encodeCursor(offset: number, key: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: key }), 'utf8').toString('base64url')
}

/** The offset a cursor points at, or null when it is not a cursor of this query. */
export function decodeCursor(cursor: string, key: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; k?: unknown }
    return typeof v.o === 'number' && Number.isSafeInteger(v.o) && v.o > 0 && v.k === key ? v.o : null
  } catch {
    return null
  }
}
