/**
 * The whole price before ordering (issue 14, item 1): the checkout summary's shipping per UPT and
 * grand total come from the same function the order books with, "Hitung ongkir" writes nothing,
 * pickup outlets are kept by UPT staff and shown with the order, and the order shows the province.
 */
import { describe, expect, test } from 'vitest'
import { action as productAction } from '#app/routes/products.$slug.tsx'
import { action as checkoutAction, loader as checkoutLoader } from '#app/routes/checkout.tsx'
import { loader as statusLoader } from '#app/routes/orders.$number.$token.tsx'
import { loader as productLoader } from '#app/routes/products.$slug.tsx'
import { action as shippingAction, loader as shippingLoader } from '#app/routes/upt.$uptId.shipping.tsx'
import { quoteShipping } from '#app/domain/orders/shipping.ts'
import { checkoutPreview } from '#app/domain/orders/checkout.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import type { DB } from '#db/client.ts'

const buyer = {
  name: 'Rina Kartika',
  email: 'rina@contoh.id',
  phone: '081234567890',
  address: 'Jl. Melati 3',
  city: 'Denpasar',
  postalCode: '80111',
}

async function addAsGuest(slug: string, qty: string, cookie?: string) {
  const r = await call(productAction, makeRequest(`/products/${slug}`, { form: { qty }, cookie }), { slug })
  expect(r.status).toBe(302)
  return cookie ?? cookieFrom(r.headers, 'ml_cart')
}

/** A cart with goods from both UPTs (Kediri, Jawa Timur; Bangli, Bali), with their own fees. */
async function twoUptCart(db: DB) {
  const { a, b } = await twoUpts(db)
  await db
    .insertInto('upt_shipping_rates')
    .values({
      upt_id: a.id,
      same_province: 12_000,
      same_island: 30_000,
      other: 70_000,
      pickup: 1,
      updated_at: new Date().toISOString(),
    })
    .execute()
  await db
    .insertInto('upt_shipping_rates')
    .values({
      upt_id: b.id,
      same_province: 18_000,
      same_island: 35_000,
      other: 55_000,
      pickup: 1,
      updated_at: new Date().toISOString(),
    })
    .execute()
  const pa = await createProductRow(db, { uptId: a.id, price: 450_000, stock: 10 })
  const pb = await createProductRow(db, { uptId: b.id, price: 65_000, stock: 10 })
  let cookie = await addAsGuest(pa.slug, '1')
  cookie = await addAsGuest(pb.slug, '2', cookie)
  return { a, b, cookie, pa, pb }
}

const tables = async (db: DB) => ({
  orders: (await db.selectFrom('orders').selectAll().execute()).length,
  carts: (await db.selectFrom('cart_items').selectAll().execute()).length,
  emails: (await db.selectFrom('emails').selectAll().execute()).length,
})

describe('quoteShipping', () => {
  test('per UPT fee by zone, pickup free, no province yet = unknown, unknown province refused', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const parcels = [
      { uptId: a.id, subtotal: 100_000 },
      { uptId: b.id, subtotal: 50_000 },
    ]
    // Bali: Bangli's own province (same_province default 20.000), Kediri's other islands (60.000).
    expect(await quoteShipping(db, parcels, 'ship', '51')).toEqual({
      parcels: [
        { uptId: a.id, subtotal: 100_000, fee: 60_000, total: 160_000 },
        { uptId: b.id, subtotal: 50_000, fee: 20_000, total: 70_000 },
      ],
      subtotal: 150_000,
      shipping: 80_000,
      total: 230_000,
    })
    expect((await quoteShipping(db, parcels, 'pickup', null)).total).toBe(150_000)
    const pending = await quoteShipping(db, parcels, 'ship', null)
    expect(pending.shipping).toBeNull()
    expect(pending.total).toBeNull()
    expect(pending.parcels.map((p) => p.fee)).toEqual([null, null])
    await expect(quoteShipping(db, parcels, 'ship', '99')).rejects.toMatchObject({
      code: 'field.invalid',
      field: 'provinceId',
    })
  })
})

describe('checkout price before ordering', () => {
  test('"Hitung ongkir" shows shipping per UPT and the total, writes nothing, and the order books exactly that', async () => {
    const db = testDb()
    const { a, b, cookie } = await twoUptCart(db)
    const first = await call(checkoutLoader, makeRequest('/checkout', { cookie }))
    expect(first.data.quote.shipping).toBeNull()
    expect(first.data.quote.subtotal).toBe(450_000 + 130_000)

    const before = await tables(db)
    const form = { ...buyer, delivery: 'ship', provinceId: '51', intent: 'quote' }
    const quoted = await call(checkoutAction, makeRequest('/checkout', { form, cookie }))
    expect(quoted.status).toBe(200)
    expect(quoted.data.quote.parcels.map((p: { uptId: string; fee: number }) => [p.uptId, p.fee])).toEqual([
      [a.id, 70_000],
      [b.id, 18_000],
    ])
    expect(quoted.data.quote.total).toBe(580_000 + 88_000)
    // What was typed comes back for the page without JavaScript.
    expect(quoted.data.initialValue).toMatchObject({ name: 'Rina Kartika', provinceId: '51', delivery: 'ship' })
    expect(await tables(db)).toEqual(before)

    const placed = await call(checkoutAction, makeRequest('/checkout', { form: { ...form, intent: 'order' }, cookie }))
    expect(placed.status).toBe(302)
    const order = await db
      .selectFrom('orders')
      .select(['id', 'subtotal', 'shipping_total', 'total'])
      .executeTakeFirstOrThrow()
    expect(order).toMatchObject({
      subtotal: quoted.data.quote.subtotal,
      shipping_total: quoted.data.quote.shipping,
      total: quoted.data.quote.total,
    })
    const subs = await db
      .selectFrom('sub_orders')
      .select(['upt_id', 'subtotal', 'shipping_fee', 'total'])
      .where('order_id', '=', order.id)
      .execute()
    for (const p of quoted.data.quote.parcels) {
      expect(subs.find((s) => s.upt_id === p.uptId)).toEqual({
        upt_id: p.uptId,
        subtotal: p.subtotal,
        shipping_fee: p.fee,
        total: p.total,
      })
    }
  })

  test('pickup is free and names each outlet; a refused order still shows the price; an unknown province is a field error', async () => {
    const db = testDb()
    const { a, cookie } = await twoUptCart(db)
    await db
      .insertInto('upt_pickup_points')
      .values({
        upt_id: a.id,
        address: 'Gerai Lapas Kediri, Jl. Dr. Sahardjo 1',
        hours: 'Senin–Jumat 08.00–15.00',
        contact: '0354 000 000',
        updated_at: new Date().toISOString(),
      })
      .execute()
    const pickup = await call(
      checkoutAction,
      makeRequest('/checkout', { form: { delivery: 'pickup', intent: 'quote' }, cookie }),
    )
    expect(pickup.status).toBe(200)
    expect(pickup.data.quote).toMatchObject({ delivery: 'pickup', shipping: 0, total: 580_000 })
    expect(pickup.data.pickupPoints[a.id]).toMatchObject({ address: 'Gerai Lapas Kediri, Jl. Dr. Sahardjo 1' })

    const refused = await call(
      checkoutAction,
      makeRequest('/checkout', {
        form: { ...buyer, phone: '12', delivery: 'ship', provinceId: '35', intent: 'order' },
        cookie,
      }),
    )
    expect(refused.status).toBe(400)
    expect(refused.data.error.phone).toEqual(['field.phone'])
    // Kediri in its own province; Bangli (Bali) to Jawa Timur is another island group.
    expect(refused.data.quote.shipping).toBe(12_000 + 55_000)

    const unknown = await call(
      checkoutAction,
      makeRequest('/checkout', { form: { delivery: 'ship', provinceId: '99', intent: 'quote' }, cookie }),
    )
    expect(unknown.status).toBe(400)
    expect(unknown.data.error.provinceId).toEqual(['field.invalid'])
    expect(unknown.data.quote.shipping).toBeNull()
    expect(await db.selectFrom('orders').selectAll().execute()).toHaveLength(0)
  })

  test('the order page shows the province of a delivery and the outlet of a pickup', async () => {
    const db = testDb()
    const { a, cookie } = await twoUptCart(db)
    const shipped = await call(
      checkoutAction,
      makeRequest('/checkout', { form: { ...buyer, delivery: 'ship', provinceId: '51' }, cookie }),
    )
    const [, number, token] = /\/orders\/([^/]+)\/(.+)$/.exec(shipped.headers.get('Location')!)!
    const page = await call(statusLoader, makeRequest(`/orders/${number}/${token}`), { number: number!, token: token! })
    expect(page.data.order.province_name).toBe('Bali')

    await db
      .insertInto('upt_pickup_points')
      .values({
        upt_id: a.id,
        address: 'Gerai Lapas Kediri',
        hours: '08.00–15.00',
        contact: '0354 000 000',
        updated_at: new Date().toISOString(),
      })
      .execute()
    const p = await createProductRow(db, { uptId: a.id, stock: 5 })
    const cart = await addAsGuest(p.slug, '1')
    const picked = await call(
      checkoutAction,
      makeRequest('/checkout', { form: { ...buyer, delivery: 'pickup' }, cookie: cart }),
    )
    const [, n2, t2] = /\/orders\/([^/]+)\/(.+)$/.exec(picked.headers.get('Location')!)!
    const page2 = await call(statusLoader, makeRequest(`/orders/${n2}/${t2}`), { number: n2!, token: t2! })
    expect(page2.data.subOrders[0].pickup).toEqual({
      address: 'Gerai Lapas Kediri',
      hours: '08.00–15.00',
      contact: '0354 000 000',
    })
    const product = await call(productLoader, makeRequest(`/products/${p.slug}`), { slug: p.slug })
    expect(product.data.pickup).toMatchObject({ address: 'Gerai Lapas Kediri' })
  })

  test('checkoutPreview of an empty cart has no parcels', async () => {
    const db = testDb()
    expect((await checkoutPreview(db, null, 'ship', '35')).quote).toMatchObject({
      parcels: [],
      subtotal: 0,
      shipping: 0,
      total: 0,
    })
  })
})

describe('pickup outlet in the shipping settings', () => {
  test('staff save the outlet with the fees; all three or none; audited; another UPT refused', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const cookie = await sessionCookieFor(db, staff.id)
    const fees = { sameProvince: '12000', sameIsland: '30000', other: '70000' }
    const half = await call(
      shippingAction,
      makeRequest(`/upt/${a.id}/shipping`, { form: { ...fees, pickupAddress: 'Jl. Dr. Sahardjo 1' }, cookie }),
      { uptId: a.id },
    )
    expect(half.status).toBe(400)
    expect(half.data.error).toMatchObject({
      pickupHours: ['pickup.allOrNothing'],
      pickupContact: ['pickup.allOrNothing'],
    })
    expect(await db.selectFrom('upt_pickup_points').selectAll().execute()).toHaveLength(0)
    const form = {
      ...fees,
      pickupAddress: 'Gerai Lapas Kediri\nJl. Dr. Sahardjo 1',
      pickupHours: 'Senin–Jumat 08.00–15.00 WIB',
      pickupContact: '0354 682 130',
    }
    expect(
      (await call(shippingAction, makeRequest(`/upt/${b.id}/shipping`, { form, cookie }), { uptId: b.id })).status,
    ).toBe(403)
    expect(
      (await call(shippingAction, makeRequest(`/upt/${a.id}/shipping`, { form, cookie }), { uptId: a.id })).status,
    ).toBe(302)
    const page = await call(shippingLoader, makeRequest(`/upt/${a.id}/shipping`, { cookie }), { uptId: a.id })
    expect(page.data.pickup).toEqual({
      address: 'Gerai Lapas Kediri\nJl. Dr. Sahardjo 1',
      hours: 'Senin–Jumat 08.00–15.00 WIB',
      contact: '0354 682 130',
    })
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'upt.shippingRates')
      .executeTakeFirstOrThrow()
    expect(audit.details).toContain('0354 682 130')
    // Emptied: the outlet is gone again.
    expect(
      (
        await call(
          shippingAction,
          makeRequest(`/upt/${a.id}/shipping`, {
            form: { ...fees, pickupAddress: '', pickupHours: '', pickupContact: '' },
            cookie,
          }),
          { uptId: a.id },
        )
      ).status,
    ).toBe(302)
    expect(await db.selectFrom('upt_pickup_points').selectAll().execute()).toHaveLength(0)
  })
})
