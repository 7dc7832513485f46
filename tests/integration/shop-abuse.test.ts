/**
 * Anonymous abuse of the shop (issue 11, item 10): one IP placing guest orders in bulk held the
 * stock for an hour and mailed arbitrary addresses with the buyer's "name" at the top. Orders are
 * throttled per IP and per email address, a guest order holds a limited number of units, and
 * nothing a stranger typed reaches an email as the portal's own words.
 */
import { describe, expect, test } from 'vitest'
import { translator } from '#app/i18n/index.ts'
import { action as productAction } from '#app/routes/products.$slug.tsx'
import { action as checkoutAction, loader as checkoutLoader } from '#app/routes/checkout.tsx'
import { expireReservationsAndNotify } from '#app/domain/orders/notify.server.ts'
import { markSubOrdersPaid } from '#app/domain/orders/fulfilment.ts'
import { notifyPaid } from '#app/domain/payments/notify.server.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const id = translator('id')
const form = (email: string, name = 'Rina Kartika') => ({ name, email, phone: '081234567890', delivery: 'pickup' })

/** A guest (new cart cookie) puts `qty` of the product in a cart and checks out from `ip`. */
async function guestOrder(
  slug: string,
  o: { ip: string; email: string; qty?: number; name?: string; cookie?: string },
) {
  const added = await call(
    productAction,
    makeRequest(`/products/${slug}`, { form: { qty: String(o.qty ?? 1) }, ip: o.ip, cookie: o.cookie }),
    { slug },
  )
  expect(added.status).toBe(302)
  const cookie = o.cookie ?? cookieFrom(added.headers, 'ml_cart')
  return call(checkoutAction, makeRequest('/checkout', { form: form(o.email, o.name), ip: o.ip, cookie }))
}

async function counts(productId: string) {
  const db = testDb()
  const [orders, emails, product] = await Promise.all([
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('emails')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow(),
  ])
  return { orders: Number(orders.n), emails: Number(emails.n), stock: product.stock }
}

describe('guest orders are throttled', () => {
  test('by default one IP places 10 orders an hour; the 11th gets 429 with Retry-After and reserves and mails nothing', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 500 })
    for (let i = 0; i < 10; i++)
      expect(
        (await guestOrder(p.slug, { ip: '198.51.100.9', email: `pembeli${i}@contoh.id`, qty: 2 })).status,
        `order ${i + 1}`,
      ).toBe(302)
    const before = await counts(p.id)
    expect(before).toEqual({ orders: 10, emails: 10, stock: 480 })

    const refused = await guestOrder(p.slug, { ip: '198.51.100.9', email: 'korban@contoh.id', qty: 2 })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('Retry-After'))
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 3600).toBe(true)
    const [message] = refused.data.error[''] as string[]
    expect(id(message!)).toBe(
      `Terlalu banyak pesanan dari jaringan Anda dalam waktu singkat. Coba lagi dalam ${Math.ceil(retryAfter / 60)} menit.`,
    )
    expect(await counts(p.id)).toEqual(before)
    expect(
      await db.selectFrom('emails').select('to_address').where('to_address', '=', 'korban@contoh.id').execute(),
    ).toEqual([])

    // Another network is not held back by this one.
    expect((await guestOrder(p.slug, { ip: '203.0.113.50', email: 'lain@contoh.id' })).status).toBe(302)
  })

  test('by default one email address receives at most 5 orders an hour, whatever IPs place them and however the address is written', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 500 })
    const spellings = [
      'korban@contoh.id',
      'Korban@Contoh.ID',
      ' korban@contoh.id',
      'KORBAN@contoh.id',
      'korban@CONTOH.id',
    ]
    for (const [i, email] of spellings.entries())
      expect((await guestOrder(p.slug, { ip: `192.0.2.${i + 1}`, email })).status, email).toBe(302)
    const before = await counts(p.id)
    const refused = await guestOrder(p.slug, { ip: '192.0.2.77', email: 'korban@contoh.id' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(id((refused.data.error[''] as string[])[0]!)).toMatch(/^Terlalu banyak pesanan dengan alamat email ini/)
    expect(await counts(p.id)).toEqual(before)
    expect(
      (await db.selectFrom('emails').select('to_address').execute()).filter(
        (e) => e.to_address.trim().toLowerCase() === 'korban@contoh.id',
      ),
    ).toHaveLength(5)
    // The address is not stored in the limiter, only its hash.
    expect(
      (await db.selectFrom('rate_limits').select('key').execute()).some((r) => r.key.toLowerCase().includes('korban')),
    ).toBe(false)
  })

  test('a guest order holds at most 50 units by default; a signed-in buyer may order more; the checkout page says so first', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 500 })
    const added = await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '51' } }), {
      slug: p.slug,
    })
    const cookie = cookieFrom(added.headers, 'ml_cart')
    const page = await call(checkoutLoader, makeRequest('/checkout', { cookie }))
    expect(page.data.guestMaxUnits).toBe(50)
    const before = await counts(p.id)
    const refused = await call(checkoutAction, makeRequest('/checkout', { form: form('rina@contoh.id'), cookie }))
    expect(refused.status).toBe(400)
    expect(id((refused.data.error[''] as string[])[0]!)).toBe(
      'Pesanan tanpa akun paling banyak 50 unit, keranjang Anda berisi 51. Kurangi jumlahnya, atau masuk untuk memesan lebih banyak.',
    )
    expect(await counts(p.id)).toEqual(before)

    const buyer = await createUser(db, { role: 'buyer' })
    const signedIn = await sessionCookieFor(db, buyer.id)
    expect(
      (
        await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '51' }, cookie: signedIn }), {
          slug: p.slug,
        })
      ).status,
    ).toBe(302)
    expect((await call(checkoutLoader, makeRequest('/checkout', { cookie: signedIn }))).data.guestMaxUnits).toBeNull()
    expect(
      (await call(checkoutAction, makeRequest('/checkout', { form: form(buyer.email), cookie: signedIn }))).status,
    ).toBe(302)
    expect((await counts(p.id)).stock).toBe(500 - 51)
  })
})

describe('what a stranger types never speaks for the portal in an email', () => {
  test('the order, expiry and receipt emails leave out the name, address and phone typed at checkout', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 50 })
    const phishing = 'Selamat! Anda menang Rp 5 juta, klaim di https://evil.example/klaim'
    const added = await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '1' } }), {
      slug: p.slug,
    })
    const cookie = cookieFrom(added.headers, 'ml_cart')
    const placed = await call(
      checkoutAction,
      makeRequest('/checkout', {
        form: {
          name: phishing,
          email: 'korban@contoh.id',
          phone: '081234567890',
          delivery: 'ship',
          address: 'Jl. www.evil.example No. 1',
          city: 'Kota Tipu',
          provinceId: '35',
          postalCode: '60111',
        },
        cookie,
      }),
    )
    expect(placed.status).toBe(302)
    const order = await db.selectFrom('orders').selectAll().executeTakeFirstOrThrow()
    expect(order.buyer_name).toBe(phishing) // kept for the order page and the UPT, never mailed

    const sub = await db
      .selectFrom('sub_orders')
      .select('id')
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow()
    await db
      .transaction()
      .execute((trx) => markSubOrdersPaid(trx, order.id, { reference: 'evt_test', now: new Date() }))
    await notifyPaid(db, { subOrderIds: [sub.id], appUrl: 'https://mitra.test' })

    // A second order that expires unpaid.
    const again = await call(productAction, makeRequest(`/products/${p.slug}`, { form: { qty: '1' } }), {
      slug: p.slug,
    })
    await call(
      checkoutAction,
      makeRequest('/checkout', {
        form: { name: phishing, email: 'korban@contoh.id', phone: '081234567890', delivery: 'pickup' },
        cookie: cookieFrom(again.headers, 'ml_cart'),
      }),
    )
    expect(
      (
        await expireReservationsAndNotify(db, {
          appUrl: 'https://mitra.test',
          now: new Date(Date.now() + 2 * 3600_000),
        })
      ).emailed,
    ).toBe(1)

    const mails = await db
      .selectFrom('emails')
      .select(['subject', 'text_body'])
      .where('to_address', '=', 'korban@contoh.id')
      .orderBy('created_at')
      .execute()
    expect(mails).toHaveLength(4) // placed, paid, placed again, expired
    for (const m of mails) {
      for (const typed of ['evil.example', 'Selamat', 'menang', 'Kota Tipu', '081234567890']) {
        expect(m.subject, typed).not.toContain(typed)
        expect(m.text_body, typed).not.toContain(typed)
      }
      expect(m.text_body).not.toMatch(/^(Halo|Terima kasih|Hello|Thank you)/)
    }
    // The first line is the portal's own sentence about the order, with the number it made.
    const first = mails.find((m) => m.subject === `Pesanan ${order.order_number} di Mitra Lipas`)!
    expect(first.text_body.split('\n')[0]).toBe(
      `Pesanan ${order.order_number} dibuat di Mitra Lipas dengan alamat email ini.`,
    )
  })
})

describe('the limits are settings', () => {
  test('national admins and national finance change them (audited, 400 on bad values); others cannot; checkout follows at once', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 500 })
    const { action: limitsAction, loader: limitsLoader } = await import('#app/routes/admin.shop-limits.tsx')
    const good = { ordersPerIp: '2', ordersPerEmail: '1', windowMinutes: '30', guestMaxUnits: '3' }
    const as = async (user: { id: string }) => sessionCookieFor(db, user.id)

    for (const user of [
      await createUser(db, { role: 'admin', kanwilId: a.kanwil_id, totp: true }),
      await createUser(db, { role: 'finance', uptId: a.id, totp: true }),
      await createUser(db, { role: 'upt_staff', uptId: a.id }),
    ]) {
      expect(
        (await call(limitsAction, makeRequest('/admin/shop-limits', { form: good, cookie: await as(user) }))).status,
      ).toBe(403)
    }
    expect(await db.selectFrom('shop_settings').selectAll().execute()).toEqual([])

    const finance = await createUser(db, { role: 'finance', totp: true })
    const page = await call(limitsLoader, makeRequest('/admin/shop-limits', { cookie: await as(finance) }))
    expect(page.data).toEqual({
      limits: { ordersPerIp: 10, ordersPerEmail: 5, windowMinutes: 60, guestMaxUnits: 50 },
      back: '/finance',
    })
    for (const bad of [
      { ordersPerIp: '0' },
      { windowMinutes: '61' },
      { guestMaxUnits: '1000' },
      { ordersPerEmail: 'banyak' },
      { ordersPerIp: '2.5' },
    ]) {
      const r = await call(
        limitsAction,
        makeRequest('/admin/shop-limits', { form: { ...good, ...bad }, cookie: await as(finance) }),
      )
      expect(r.status, JSON.stringify(bad)).toBe(400)
    }
    const tooLong = await call(
      limitsAction,
      makeRequest('/admin/shop-limits', { form: { ...good, windowMinutes: '61' }, cookie: await as(finance) }),
    )
    expect(translator('en')((tooLong.data.error.windowMinutes as string[])[0]!)).toBe('A whole number from 1 to 60.')
    expect(await db.selectFrom('shop_settings').selectAll().execute()).toEqual([])

    const admin = await createUser(db, { role: 'admin', totp: true })
    const saved = await call(limitsAction, makeRequest('/admin/shop-limits', { form: good, cookie: await as(admin) }))
    expect(saved.status).toBe(302)
    const entry = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'shop.limits')
      .executeTakeFirstOrThrow()
    expect(entry.actor_user_id).toBe(admin.id)
    expect(JSON.parse(entry.details!)).toEqual({
      before: { ordersPerIp: 10, ordersPerEmail: 5, windowMinutes: 60, guestMaxUnits: 50 },
      after: { ordersPerIp: 2, ordersPerEmail: 1, windowMinutes: 30, guestMaxUnits: 3 },
    })

    // The new limits apply to the next checkout: 3 units per guest order (a refused cart spends no
    // budget), 1 order per address, 2 per IP.
    expect((await guestOrder(p.slug, { ip: '198.51.100.1', email: 'satu@contoh.id', qty: 4 })).status).toBe(400)
    expect((await guestOrder(p.slug, { ip: '198.51.100.2', email: 'satu@contoh.id', qty: 3 })).status).toBe(302)
    const sameAddress = await guestOrder(p.slug, { ip: '198.51.100.3', email: 'satu@contoh.id' })
    expect(sameAddress.status).toBe(429)
    expect(Number(sameAddress.headers.get('Retry-After'))).toBeLessThanOrEqual(30 * 60)
    expect((await guestOrder(p.slug, { ip: '198.51.100.1', email: 'dua@contoh.id' })).status).toBe(302)
    expect((await guestOrder(p.slug, { ip: '198.51.100.1', email: 'tiga@contoh.id' })).status).toBe(302)
    expect((await guestOrder(p.slug, { ip: '198.51.100.1', email: 'empat@contoh.id' })).status).toBe(429)
  })
})
