import sharp from 'sharp'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { action as productAction, loader as productLoader } from '#app/routes/products.$slug.tsx'
import { action as cartAction, loader as cartLoader } from '#app/routes/cart.tsx'
import { action as checkoutAction } from '#app/routes/checkout.tsx'
import { loader as statusLoader } from '#app/routes/orders.$number.$token.tsx'
import { loader as catalogLoader } from '#app/routes/products._index.tsx'
import { action as editAction, loader as editLoader } from '#app/routes/upt.$uptId.products.$productId.tsx'
import { action as newProductAction } from '#app/routes/upt.$uptId.products.new.tsx'
import {
  action as subOrderAction,
  loader as subOrderLoader,
} from '#app/routes/upt.$uptId.orders.$subOrderId._index.tsx'
import { loader as uptOrdersLoader } from '#app/routes/upt.$uptId.orders._index.tsx'
import { loader as myOrdersLoader } from '#app/routes/account.orders._index.tsx'
import { loader as sitemapLoader } from '#app/routes/sitemap[.]xml.ts'
import { action as shippingAction } from '#app/routes/upt.$uptId.shipping.tsx'
import { addProductImage } from '#app/domain/catalog/images.server.ts'
import { markSubOrdersPaid } from '#app/domain/orders/fulfilment.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const checkoutForm = {
  name: 'Rina Kartika',
  email: 'rina@contoh.id',
  phone: '0812 3456 7890',
  delivery: 'ship',
  address: 'Jl. Pahlawan 5',
  city: 'Surabaya',
  provinceId: '35',
  postalCode: '60111',
}

async function addAsGuest(slug: string, qty: string, cookie?: string) {
  const r = await call(productAction, makeRequest(`/products/${slug}`, { form: { qty }, cookie }), { slug })
  return { r, cookie: cookie ?? cookieFrom(r.headers, 'ml_cart') }
}

describe('cart and checkout routes', () => {
  test('tampered quantities are refused with a message and nothing is written', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 5 })
    for (const qty of ['-1', '0', '1.5', '1e3', '99999999999', 'abc', '']) {
      const { r } = await addAsGuest(p.slug, qty)
      expect(r.status, qty).toBe(400)
      expect(r.data.error.qty, qty).toEqual(['cart.qtyInvalid'])
    }
    const tooMany = await addAsGuest(p.slug, '6')
    expect(tooMany.r.status).toBe(400)
    expect(tooMany.r.data.error.qty).toEqual(['cart.notEnoughStock?stock=5'])
    expect(await db.selectFrom('cart_items').selectAll().execute()).toHaveLength(0)

    const ok = await addAsGuest(p.slug, '2')
    expect(ok.r.status).toBe(302)
    for (const qty of ['-3', '0', '2.5', '100000']) {
      const r = await call(
        cartAction,
        makeRequest('/cart', { form: { intent: 'update', productId: p.id, qty }, cookie: ok.cookie }),
      )
      expect(r.status, qty).toBe(400)
      expect(r.data.errors, qty).toEqual(['cart.qtyInvalid'])
    }
    expect((await db.selectFrom('cart_items').select('qty').executeTakeFirstOrThrow()).qty).toBe(2)
  })

  test('prices come from the database, never from the form; the status page shows the sub-orders', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const batik = await createProductRow(db, { uptId: a.id, price: 450_000, stock: 3 })
    const kopi = await createProductRow(db, { uptId: b.id, price: 65_000, stock: 3 })
    const { cookie } = await addAsGuest(batik.slug, '1')
    await addAsGuest(kopi.slug, '2', cookie)
    const r = await call(
      checkoutAction,
      makeRequest('/checkout', {
        form: {
          ...checkoutForm,
          price: '1',
          total: '1',
          subtotal: '1',
          unit_price: '1',
          qty: '50',
          [`price[${batik.id}]`]: '1',
        },
        cookie,
      }),
    )
    expect(r.status).toBe(302)
    const location = r.headers.get('Location')!
    const [, number, token] = /^\/orders\/(ML-\d{4}-\d{6})\/([\w-]+)$/.exec(location)!
    const order = await db.selectFrom('orders').selectAll().executeTakeFirstOrThrow()
    expect(order.subtotal).toBe(450_000 + 2 * 65_000)
    expect(order.buyer_phone).toBe('081234567890')
    const lines = await db.selectFrom('order_lines').select(['unit_price', 'qty']).orderBy('unit_price').execute()
    expect(lines).toEqual([
      { unit_price: 65_000, qty: 2 },
      { unit_price: 450_000, qty: 1 },
    ])
    const status = await call(statusLoader, makeRequest(location), { number: number!, token: token! })
    expect(status.data.subOrders.map((s: { status: string }) => s.status)).toEqual([
      'pending_payment',
      'pending_payment',
    ])
    expect((await call(statusLoader, makeRequest(`/orders/${number}/x`), { number: number!, token: 'x' })).status).toBe(
      404,
    )
    const email = await db.selectFrom('emails').selectAll().executeTakeFirstOrThrow()
    expect(email.to_address).toBe('rina@contoh.id')
    expect(email.text_body).toContain(location)
    // The secret is stored hashed, not as given.
    expect(order.status_token_hash).not.toContain(token)
  })

  test('bad checkout input writes nothing and says why', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 3 })
    const { cookie } = await addAsGuest(p.slug, '1')
    const r = await call(
      checkoutAction,
      makeRequest('/checkout', { form: { ...checkoutForm, phone: '12', postalCode: 'abc', provinceId: '' }, cookie }),
    )
    expect(r.status).toBe(400)
    expect(r.data.error).toMatchObject({
      phone: ['field.phone'],
      postalCode: ['checkout.postalInvalid'],
      provinceId: ['field.required'],
    })
    expect(await db.selectFrom('orders').selectAll().execute()).toHaveLength(0)
    expect(
      (await db.selectFrom('products').select('stock').where('id', '=', p.id).executeTakeFirstOrThrow()).stock,
    ).toBe(3)
  })

  test('a signed-in buyer keeps the guest cart and sees the order in the history', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const { cookie: cartCookie } = await addAsGuest(p.slug, '1')
    const buyer = await createUser(db, { role: 'buyer' })
    const cookie = `${cartCookie}; ${await sessionCookieFor(db, buyer.id)}`
    const cart = await call(cartLoader, makeRequest('/cart', { cookie }))
    expect(cart.data.items).toHaveLength(1)
    expect(
      (await call(checkoutAction, makeRequest('/checkout', { form: { ...checkoutForm, delivery: 'pickup' }, cookie })))
        .status,
    ).toBe(302)
    const history = await call(myOrdersLoader, makeRequest('/account/orders', { cookie }))
    expect(history.data.rows).toHaveLength(1)
  })
})

describe('catalog pages', () => {
  test('odd query strings never fail; filters apply; unpublished products are not found', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    await createProductRow(db, { uptId: a.id, name: 'Kursi Rotan', price: 800_000 })
    const draft = await createProductRow(db, { uptId: a.id, name: 'Rahasia', status: 'draft' })
    const r = await call(
      catalogLoader,
      makeRequest('/products?q=%22kursi%22*(&min=abc&max=-5&page=zz&sort=hack&stock=maybe'),
    )
    expect(r.status).toBe(200)
    expect(r.data.rows.map((x: { name: string }) => x.name)).toEqual(['Kursi Rotan'])
    expect((await call(catalogLoader, makeRequest('/products?max=500000'))).data.total).toBe(0)
    const unknown = await call(catalogLoader, makeRequest('/products?category=%3Cx%3E'))
    expect([unknown.status, unknown.data.total]).toEqual([200, 0])
    expect((await call(productLoader, makeRequest(`/products/${draft.slug}`), { slug: draft.slug })).status).toBe(404)
    const sitemap = await call(sitemapLoader, makeRequest('/sitemap.xml'))
    expect(sitemap.data).toContain('/products/')
    expect(sitemap.data).not.toContain(draft.slug)
  })
})

describe('UPT staff scope', () => {
  test('staff manage only their own products and sub-orders', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const staffA = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const cookie = await sessionCookieFor(db, staffA.id)
    const theirs = await createProductRow(db, { uptId: b.id })
    // Another UPT's product through our UPT's URL: not found; through theirs: forbidden.
    expect(
      (
        await call(editLoader, makeRequest(`/upt/${a.id}/products/${theirs.id}`, { cookie }), {
          uptId: a.id,
          productId: theirs.id,
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await call(editLoader, makeRequest(`/upt/${b.id}/products/${theirs.id}`, { cookie }), {
          uptId: b.id,
          productId: theirs.id,
        })
      ).status,
    ).toBe(403)
    const form = {
      name: 'Meja Lipat',
      sectorId: 'furniture',
      description: 'Meja lipat kayu mahoni.',
      price: '350000',
      stockMode: 'stock',
      stock: '4',
      unit: 'buah',
      weightGrams: '7000',
      status: 'published',
    }
    expect(
      (await call(newProductAction, makeRequest(`/upt/${b.id}/products/new`, { form, cookie }), { uptId: b.id }))
        .status,
    ).toBe(403)
    const bad = await call(
      newProductAction,
      makeRequest(`/upt/${a.id}/products/new`, { form: { ...form, price: '12.5' }, cookie }),
      { uptId: a.id },
    )
    expect(bad.status).toBe(400)
    expect(bad.data.error).toMatchObject({ price: ['catalog.priceInvalid'] })
    const noLead = await call(
      newProductAction,
      makeRequest(`/upt/${a.id}/products/new`, { form: { ...form, stockMode: 'made_to_order' }, cookie }),
      { uptId: a.id },
    )
    expect(noLead.data.error).toMatchObject({ leadTimeDays: ['catalog.leadRequired'] })
    // No photo yet: it cannot be published (issue 14, item 6), and nothing is written; as a draft it can.
    const bare = await call(newProductAction, makeRequest(`/upt/${a.id}/products/new`, { form, cookie }), {
      uptId: a.id,
    })
    expect(bare.status).toBe(400)
    expect(bare.data.error).toMatchObject({ status: ['catalog.photoRequired'] })
    expect(await db.selectFrom('products').select('id').where('name', '=', 'Meja Lipat').execute()).toEqual([])
    const created = await call(
      newProductAction,
      makeRequest(`/upt/${a.id}/products/new`, { form: { ...form, status: 'draft' }, cookie }),
      { uptId: a.id },
    )
    expect(created.status).toBe(302)
    expect(
      await db
        .selectFrom('products')
        .select(['upt_id', 'price'])
        .where('name', '=', 'Meja Lipat')
        .executeTakeFirstOrThrow(),
    ).toEqual({ upt_id: a.id, price: 350_000 })

    // Orders: a two-UPT order; A sees and moves only its own sub-order.
    const mine = await createProductRow(db, { uptId: a.id, stock: 2 })
    const { cookie: cart } = await addAsGuest(mine.slug, '1')
    await addAsGuest(theirs.slug, '1', cart)
    await call(checkoutAction, makeRequest('/checkout', { form: checkoutForm, cookie: cart }))
    const list = await call(uptOrdersLoader, makeRequest(`/upt/${a.id}/orders`, { cookie }), { uptId: a.id })
    expect(list.data.rows).toHaveLength(1)
    const subs = await db.selectFrom('sub_orders').select(['id', 'upt_id', 'order_id']).execute()
    const subA = subs.find((s) => s.upt_id === a.id)!
    const subB = subs.find((s) => s.upt_id === b.id)!
    expect(
      (
        await call(subOrderLoader, makeRequest(`/upt/${a.id}/orders/${subB.id}`, { cookie }), {
          uptId: a.id,
          subOrderId: subB.id,
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await call(
          subOrderAction,
          makeRequest(`/upt/${b.id}/orders/${subB.id}`, { form: { event: 'cancel' }, cookie }),
          { uptId: b.id, subOrderId: subB.id },
        )
      ).status,
    ).toBe(403)
    // Not paid yet: processing is refused with a message.
    const early = await call(
      subOrderAction,
      makeRequest(`/upt/${a.id}/orders/${subA.id}`, { form: { event: 'process' }, cookie }),
      { uptId: a.id, subOrderId: subA.id },
    )
    expect(early.status).toBe(400)
    expect(early.data.error['']).toEqual(['order.badTransition'])
    await db.transaction().execute((trx) => markSubOrdersPaid(trx, subA.order_id))
    const params = { uptId: a.id, subOrderId: subA.id }
    expect(
      (
        await call(
          subOrderAction,
          makeRequest(`/upt/${a.id}/orders/${subA.id}`, { form: { event: 'process' }, cookie }),
          params,
        )
      ).status,
    ).toBe(302)
    const noTracking = await call(
      subOrderAction,
      makeRequest(`/upt/${a.id}/orders/${subA.id}`, {
        form: { event: 'ship', courier: 'JNE', trackingNumber: '' },
        cookie,
      }),
      params,
    )
    expect(noTracking.status).toBe(400)
    expect(
      (
        await call(
          subOrderAction,
          makeRequest(`/upt/${a.id}/orders/${subA.id}`, {
            form: { event: 'ship', courier: 'JNE', trackingNumber: 'JNE0099' },
            cookie,
          }),
          params,
        )
      ).status,
    ).toBe(302)
    const mails = await db
      .selectFrom('emails')
      .select(['subject', 'text_body'])
      .where('to_address', '=', 'rina@contoh.id')
      .execute()
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Diproses'), expect.stringContaining('Dikirim')]),
    )
    expect(mails.find((m) => m.subject.includes('Dikirim'))?.text_body).toContain('JNE0099')
  })
})

describe('shipping fees', () => {
  test('staff set their own UPT fees, which checkout then charges; bad values and other UPTs refused', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const cookie = await sessionCookieFor(db, staff.id)
    const form = { sameProvince: '12000', sameIsland: '30000', other: '70000' }
    expect(
      (await call(shippingAction, makeRequest(`/upt/${b.id}/shipping`, { form, cookie }), { uptId: b.id })).status,
    ).toBe(403)
    const bad = await call(
      shippingAction,
      makeRequest(`/upt/${a.id}/shipping`, { form: { ...form, other: '-1' }, cookie }),
      { uptId: a.id },
    )
    expect(bad.status).toBe(400)
    expect(bad.data.error.other).toEqual(['shipping.feeInvalid'])
    expect(await db.selectFrom('upt_shipping_rates').selectAll().execute()).toHaveLength(0)
    expect(
      (await call(shippingAction, makeRequest(`/upt/${a.id}/shipping`, { form, cookie }), { uptId: a.id })).status,
    ).toBe(302)
    const p = await createProductRow(db, { uptId: a.id, price: 100_000 })
    const { cookie: cart } = await addAsGuest(p.slug, '1')
    await call(checkoutAction, makeRequest('/checkout', { form: { ...checkoutForm, provinceId: '51' }, cookie: cart }))
    // Kediri (Jawa) to Bali (Bali–Nusa Tenggara): the "other islands" fee.
    expect(await db.selectFrom('orders').select(['shipping_total', 'total']).executeTakeFirstOrThrow()).toEqual({
      shipping_total: 70_000,
      total: 170_000,
    })
  })
})

describe('product images', () => {
  test('re-encoded to WebP without EXIF; SVG and non-images refused; served by server-made name only', async () => {
    const db = testDb()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-uploads-'))
    process.env.UPLOAD_DIR = dir
    try {
      const { a } = await twoUpts(db)
      const p = await createProductRow(db, { uptId: a.id })
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
        .jpeg()
        .withExif({ IFD0: { Artist: 'Nama Warga Binaan', ImageDescription: 'GPS' } })
        .toBuffer()
      expect((await sharp(jpeg).metadata()).exif).toBeDefined()
      const stored = await addProductImage(db, { productId: p.id, bytes: jpeg, alt: 'Kain batik' })
      const out = fs.readFileSync(path.join(dir, stored.fileName))
      const meta = await sharp(out).metadata()
      expect(meta.format).toBe('webp')
      expect(meta.exif).toBeUndefined()
      expect(out.includes(Buffer.from('Nama Warga Binaan'))).toBe(false)
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
      await expect(addProductImage(db, { productId: p.id, bytes: svg, alt: 'x' })).rejects.toThrow('upload.badType')
      await expect(
        addProductImage(db, { productId: p.id, bytes: Buffer.from('GIF89a....'), alt: 'x' }),
      ).rejects.toThrow('upload.badType')
      await expect(
        addProductImage(db, { productId: p.id, bytes: Buffer.alloc(6 * 1024 * 1024, 0xff), alt: 'x' }),
      ).rejects.toThrow('upload.tooLarge')

      const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
      const cookie = await sessionCookieFor(db, staff.id)
      const fd = new FormData()
      fd.set('intent', 'upload')
      fd.set('alt', 'Foto produk')
      fd.set('image', new File([new Uint8Array(svg)], 'x.svg', { type: 'image/svg+xml' }))
      const req = new Request(`http://localhost:3000/upt/${a.id}/products/${p.id}`, {
        method: 'POST',
        body: fd,
        headers: { Cookie: cookie, 'x-client-ip': '203.0.113.7' },
      })
      const refused = await call(editAction, req, { uptId: a.id, productId: p.id })
      expect(refused.status).toBe(400)
      expect(refused.data.upload).toEqual(['upload.badType'])
      expect(await db.selectFrom('product_images').selectAll().execute()).toHaveLength(1)
    } finally {
      delete process.env.UPLOAD_DIR
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
