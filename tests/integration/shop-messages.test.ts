import { describe, expect, test } from 'vitest'
import { translator } from '#app/i18n/index.ts'
import { action as productAction } from '#app/routes/products.$slug.tsx'
import { action as checkoutAction } from '#app/routes/checkout.tsx'
import { twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const id = translator('id')
const en = translator('en')

describe('refusals that carry a number or a name', () => {
  test('asking the product page for more than the stock answers with the real number, in both languages', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 6 })
    const r = await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '50' } }), { slug: p.slug })
    expect(r.status).toBe(400)
    const [message] = r.data.error.qty as string[]
    expect(id(message!)).toBe('Stok tersisa hanya 6.')
    expect(en(message!)).toBe('Only 6 left in stock.')
    expect(await db.selectFrom('cart_items').selectAll().execute()).toHaveLength(0)
  })

  test('a checkout that loses the race for the last units names the product', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 3, name: 'Tenun Ikat Uji' })
    const added = await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '3' } }), {
      slug: p.slug,
    })
    const cookie = cookieFrom(added.headers, 'ml_cart')
    await db.updateTable('products').set({ stock: 1 }).where('id', '=', p.id).execute()
    const r = await call(
      checkoutAction,
      makeRequest('/checkout', {
        form: { name: 'Rina Kartika', email: 'rina@contoh.id', phone: '081234567890', delivery: 'pickup' },
        cookie,
      }),
    )
    expect(r.status).toBe(400)
    const [message] = r.data.error[''] as string[]
    expect(id(message!)).toContain('Tenun Ikat Uji')
    expect(en(message!)).toContain('Tenun Ikat Uji')
    expect(id(message!)).not.toMatch(/[{}]/)
    // The real number, as on the product page and in the cart.
    expect(id(message!)).toBe('Stok Tenun Ikat Uji tersisa hanya 1. Ubah jumlahnya di keranjang.')
    expect(en(message!)).toBe('Only 1 of Tenun Ikat Uji left in stock. Change the quantity in your cart.')
  })
})
