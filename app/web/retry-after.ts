import type { HeadersFunction } from '@remix-run/node'

/**
 * The `headers` of the root and of every route whose action answers 429 (too many attempts):
 * passes its Retry-After onto the wire, whether the action returned the form's reply
 * (checkRateLimit) or threw to the error page (enforceRateLimit). Remix keeps only Set-Cookie of
 * what an action threw unless the boundary's `headers` passes more on, and the boundary differs by
 * transport: the root for a document POST (no JavaScript), the action's own route for single
 * fetch's `.data` POST. Whatever the parent routes set is kept.
 */
export const headers: HeadersFunction = ({ parentHeaders, actionHeaders, errorHeaders }) => {
  const out = new Headers(parentHeaders)
  const retryAfter = errorHeaders?.get('Retry-After') ?? actionHeaders.get('Retry-After')
  if (retryAfter) out.set('Retry-After', retryAfter)
  return out
}
