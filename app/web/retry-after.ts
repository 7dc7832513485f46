import type { HeadersFunction } from '@remix-run/node'

/**
 * The `headers` of the root and of every route whose action calls `enforceRateLimit`: passes a
 * 429's Retry-After from the thrown `data()` onto the wire. Remix keeps only Set-Cookie of what an
 * action threw unless the boundary's `headers` passes more on, and the boundary differs by
 * transport: the root for a document POST (no JavaScript), the action's own route for single
 * fetch's `.data` POST. Whatever the parent routes set is kept.
 */
export const headers: HeadersFunction = ({ parentHeaders, errorHeaders }) => {
  const out = new Headers(parentHeaders)
  const retryAfter = errorHeaders?.get('Retry-After')
  if (retryAfter) out.set('Retry-After', retryAfter)
  return out
}
