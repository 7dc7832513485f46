import { ensureCart, findCart } from '#app/domain/orders/cart.ts'
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
  const { cartId, newToken } = await ensureCart(getDb(), { token: readCookie(request, cartCookieName()), userId: session?.user.id ?? null })
  const headers = new Headers()
  if (newToken) headers.append('Set-Cookie', serializeCookie(cartCookieName(), newToken, { maxAge: THIRTY_DAYS }))
  return { cartId, headers, userId: session?.user.id ?? null }
}
