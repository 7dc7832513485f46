import { cartCount, ensureCart, findCart } from '#app/domain/orders/cart.ts'
import { CART_COUNT_COOKIE } from '#app/lib/cart-count.ts'
import { readCookie, serializeCookie } from './cookies.server.ts'
import { getDb } from './db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { getUser } from './session.server.ts'

export function cartCookieName(): string {
  return getEnv().mode === 'production' ? '__Host-ml_cart' : 'ml_cart'
}

const THIRTY_DAYS = 30 * 24 * 3600

/** The visitor's cart id (guest cookie or account), folding a guest cart into the account's. */
export async function currentCartId(request: Request): Promise<string | null> {
  const session = await getUser(request)
  return findCart(getDb(), { token: readCookie(request, cartCookieName()), userId: session?.user.id ?? null })
}

/** The cart to write into; the headers carry a new guest cookie when one was created. */
export async function writableCart(request: Request) {
  const session = await getUser(request)
  const { cartId, newToken } = await ensureCart(getDb(), {
    token: readCookie(request, cartCookieName()),
    userId: session?.user.id ?? null,
  })
  const headers = new Headers()
  if (newToken) headers.append('Set-Cookie', serializeCookie(cartCookieName(), newToken, { maxAge: THIRTY_DAYS }))
  return { cartId, headers, userId: session?.user.id ?? null }
}

/** The header's count cookie (ADR 021): readable by the page's script, a number only. */
export function cartCountCookie(count: number): string {
  return serializeCookie(CART_COUNT_COOKIE, String(Math.max(0, Math.min(count, 9999))), {
    httpOnly: false,
    maxAge: THIRTY_DAYS,
  })
}

/** Appends the count cookie for this cart as it stands now. */
export async function appendCartCount(headers: Headers, cartId: string | null): Promise<Headers> {
  headers.append('Set-Cookie', cartCountCookie(await cartCount(getDb(), cartId)))
  return headers
}

/** Right after sign-in: folds the guest cart into the account's and counts what it holds. */
export async function accountCartCount(request: Request, userId: string): Promise<number> {
  const cartId = await findCart(getDb(), { token: readCookie(request, cartCookieName()), userId })
  return cartCount(getDb(), cartId)
}
