/**
 * The number of items in the visitor's cart, for the header (issue 14, item 7; ADR 021). It travels
 * in a cookie the browser can read (not HttpOnly: it is only a number, never an id), written by
 * every answer that changes the cart and read by the header after hydration. Pages never render
 * it on the server, so a cached anonymous page stays the same bytes for every visitor.
 */
export const CART_COUNT_COOKIE = 'ml_cart_n'

/** The count in a `document.cookie` string: 0 when missing or odd. */
export function readCartCount(cookies: string): number {
  const m = new RegExp(`(?:^|;\\s*)${CART_COUNT_COOKIE}=(\\d{1,4})(?:;|$)`).exec(cookies)
  return m ? Number(m[1]) : 0
}
