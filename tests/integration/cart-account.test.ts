/**
 * Cart and account (issue 14, item 7): the header's count cookie follows every change of the cart,
 * sign-in lands where the buyer was, and "Beli lagi" refills the cart as the shop stands now.
 */
import { describe, expect, test } from 'vitest'
import { action as productAction } from '#app/routes/products.$slug.tsx'
import { action as cartAction, loader as cartLoader } from '#app/routes/cart.tsx'
import { action as checkoutAction } from '#app/routes/checkout.tsx'
import { action as loginAction, loader as loginLoader } from '#app/routes/login.tsx'
import { action as ordersAction } from '#app/routes/account.orders._index.tsx'
import { readCartCount } from '#app/lib/cart-count.ts'
import { createUser, sessionCookieFor, TEST_PASSWORD, twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

/** The count the header would show after this answer (the browser reads the cookie). */
function countSet(headers: Headers): number | null {
  const c = headers.getSetCookie().find((x) => x.startsWith('ml_cart_n='))
  if (!c) return null
  expect(c).not.toMatch(/HttpOnly/i)
  return readCartCount(c.split(';')[0]!)
}

const buyerForm = { name: 'Rina Kartika', email: 'rina@contoh.id', phone: '081234567890', delivery: 'pickup' }

describe('the header count cookie', () => {
  test('adding, changing, removing, ordering and opening the cart each set the count; it is readable by the page', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 20 })
    const q = await createProductRow(db, { uptId: a.id, stock: 20 })
    const added = await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '2' } }), {
      slug: p.slug,
    })
    expect(countSet(added.headers)).toBe(2)
    const cookie = cookieFrom(added.headers, 'ml_cart')
    const more = await call(productAction, makeRequest(`/products/${q.slug}`, { form: { qty: '3' }, cookie }), {
      slug: q.slug,
    })
    expect(countSet(more.headers)).toBe(5)
    const changed = await call(
      cartAction,
      makeRequest('/cart', { form: { intent: 'update', productId: p.id, qty: '4' }, cookie }),
    )
    expect(countSet(changed.headers)).toBe(7)
    const removed = await call(
      cartAction,
      makeRequest('/cart', { form: { intent: 'remove', productId: q.id }, cookie }),
    )
    expect(countSet(removed.headers)).toBe(4)
    expect(countSet((await call(cartLoader, makeRequest('/cart', { cookie }))).headers)).toBe(4)
    const ordered = await call(checkoutAction, makeRequest('/checkout', { form: buyerForm, cookie }))
    expect(ordered.status).toBe(302)
    expect(countSet(ordered.headers)).toBe(0)
  })

  test('reading the cookie in the browser: missing or odd is 0', () => {
    expect(readCartCount('lang=id; ml_cart_n=3')).toBe(3)
    expect(readCartCount('ml_cart_n=12; lang=en')).toBe(12)
    expect(readCartCount('')).toBe(0)
    expect(readCartCount('ml_cart_n=abc')).toBe(0)
    expect(readCartCount('xml_cart_n=5')).toBe(0)
  })
})

describe('sign-in lands where the buyer was', () => {
  test('redirectTo is followed when it is a path of this site, and the guest cart is counted with the account', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 20 })
    const user = await createUser(db, { role: 'buyer' })
    const added = await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '2' } }), {
      slug: p.slug,
    })
    const cart = cookieFrom(added.headers, 'ml_cart')
    const back = await call(
      loginAction,
      makeRequest('/login', {
        form: { email: user.email, password: TEST_PASSWORD, redirectTo: `/products/${p.slug}?from=cart` },
        cookie: cart,
      }),
    )
    expect(back.status).toBe(302)
    expect(back.headers.get('Location')).toBe(`/products/${p.slug}?from=cart`)
    expect(countSet(back.headers)).toBe(2)
    for (const evil of ['https://evil.example/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      const r = await call(
        loginAction,
        makeRequest('/login', {
          form: { email: user.email, password: TEST_PASSWORD, redirectTo: evil },
          ip: '203.0.113.9',
        }),
      )
      expect(r.headers.get('Location'), evil).toBe('/account')
    }
    // Already signed in, the login link goes straight back too.
    const signedIn = await sessionCookieFor(db, user.id)
    const again = await call(loginLoader, makeRequest('/login?redirectTo=%2Fcheckout', { cookie: signedIn }))
    expect(again.headers.get('Location')).toBe('/checkout')
  })
})

describe('"Beli lagi"', () => {
  test("puts available lines back at today's price and stock, says what is gone; other buyers' orders not found", async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const kept = await createProductRow(db, { uptId: a.id, stock: 20, price: 100_000, name: 'Batik Kawung Uji' })
    const dearer = await createProductRow(db, { uptId: a.id, stock: 20, price: 50_000, name: 'Dupa Uji' })
    const scarce = await createProductRow(db, { uptId: b.id, stock: 10, name: 'Kopi Uji' })
    const gone = await createProductRow(db, { uptId: b.id, stock: 10, name: 'Ukiran Uji' })
    const buyer = await createUser(db, { role: 'buyer' })
    const session = await sessionCookieFor(db, buyer.id)
    for (const [p, qty] of [
      [kept, '2'],
      [dearer, '1'],
      [scarce, '5'],
      [gone, '1'],
    ] as const) {
      expect(
        (
          await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty }, cookie: session }), {
            slug: p.slug,
          })
        ).status,
      ).toBe(302)
    }
    expect((await call(checkoutAction, makeRequest('/checkout', { form: buyerForm, cookie: session }))).status).toBe(
      302,
    )
    const { order_number: number } = await db.selectFrom('orders').select('order_number').executeTakeFirstOrThrow()
    // Since then: a price went up, stock ran low, a product was withdrawn.
    await db.updateTable('products').set({ price: 60_000 }).where('id', '=', dearer.id).execute()
    await db.updateTable('products').set({ stock: 3 }).where('id', '=', scarce.id).execute()
    await db.updateTable('products').set({ status: 'archived' }).where('id', '=', gone.id).execute()

    const r = await call(
      ordersAction,
      makeRequest('/account/orders', { form: { orderNumber: number }, cookie: session }),
    )
    expect(r.status).toBe(200)
    expect(r.data.units).toBe(2 + 1 + 3)
    expect(r.data.notes).toEqual(
      expect.arrayContaining([
        { kind: 'priceChanged', name: 'Dupa Uji', price: 60_000, old: 50_000 },
        { kind: 'reduced', name: 'Kopi Uji', qty: 3, wanted: 5 },
        { kind: 'unavailable', name: 'Ukiran Uji' },
      ]),
    )
    expect(countSet(r.headers)).toBe(6)
    const cart = await call(cartLoader, makeRequest('/cart', { cookie: session }))
    expect(
      cart.data.items
        .map((i: { name: string; qty: number; price_at_add: number }) => [i.name, i.qty, i.price_at_add])
        .sort(),
    ).toEqual(
      [
        ['Batik Kawung Uji', 2, 100_000],
        ['Dupa Uji', 1, 60_000],
        ['Kopi Uji', 3, expect.any(Number)],
      ].sort(),
    )
    expect(cart.data.blocked).toBe(false)

    // Again: the cart already holds all the scarce stock.
    const twice = await call(
      ordersAction,
      makeRequest('/account/orders', { form: { orderNumber: number }, cookie: session }),
    )
    expect(twice.data.notes).toEqual(expect.arrayContaining([{ kind: 'soldOut', name: 'Kopi Uji' }]))

    const other = await createUser(db, { role: 'buyer' })
    const before = {
      items: await db.selectFrom('cart_items').selectAll().execute(),
      carts: await db.selectFrom('carts').selectAll().execute(),
    }
    const theirs = await call(
      ordersAction,
      makeRequest('/account/orders', { form: { orderNumber: number }, cookie: await sessionCookieFor(db, other.id) }),
    )
    expect(theirs.status).toBe(404)
    const bad = await call(
      ordersAction,
      makeRequest('/account/orders', { form: { orderNumber: '1 OR 1=1' }, cookie: session }),
    )
    expect(bad.status).toBe(400)
    expect({
      items: await db.selectFrom('cart_items').selectAll().execute(),
      carts: await db.selectFrom('carts').selectAll().execute(),
    }).toEqual(before)
  })
})
