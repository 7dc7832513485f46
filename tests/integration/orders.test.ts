import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { DomainError } from '#app/domain/errors.ts'
import { addToCart, cartView, ensureCart, findCart, setCartQty } from '#app/domain/orders/cart.ts'
import { expireReservationsAndNotify } from '#app/domain/orders/notify.server.ts'
import {
  expireDueReservations,
  expireReservations,
  markSubOrdersPaid,
  staffTransition,
} from '#app/domain/orders/fulfilment.ts'
import { getOrderByToken } from '#app/domain/orders/queries.ts'
import { placeOfftakeOrder, placeOrder } from '#app/domain/orders/checkout.ts'
import { ROOT } from '#tests/setup/paths.ts'
import { testDb, testDbTarget } from '#tests/setup/setup-each.ts'
import { createUser, twoUpts } from '#tests/factories.ts'
import { BUYER, createProductRow } from '#tests/factories-market.ts'

const run = promisify(execFile)

async function stockOf(id: string) {
  return (await testDb().selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock
}

async function cartWith(items: [string, number][]) {
  const { cartId } = await ensureCart(testDb(), {})
  for (const [p, q] of items) await addToCart(testDb(), cartId, p, q)
  return cartId
}

describe('checkout', () => {
  test('splits an order per UPT, prices from the database, stock reserved', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const batik = await createProductRow(db, { uptId: a.id, price: 350_000, stock: 4 })
    const dupa = await createProductRow(db, { uptId: b.id, price: 25_000, stock: 10 })
    const cartId = await cartWith([
      [batik.id, 2],
      [dupa.id, 3],
    ])
    const r = await placeOrder(db, { cartId, userId: null, ...BUYER })
    expect(r.orderNumber).toMatch(/^ML-\d{4}-\d{6}$/)
    expect(r.subOrders).toEqual([`${r.orderNumber}-1`, `${r.orderNumber}-2`])
    expect(await stockOf(batik.id)).toBe(2)
    expect(await stockOf(dupa.id)).toBe(7)
    const view = await getOrderByToken(db, r.orderNumber, r.token)
    expect(view?.subOrders.map((s) => s.status)).toEqual(['pending_payment', 'pending_payment'])
    // Kediri (Jawa Timur) ships to Jawa Timur at the same-province fee; Bangli (Bali, another island group) at the far fee.
    const fees = view!.subOrders.map((s) => s.shipping_fee).sort((x, y) => x - y)
    expect(fees).toEqual([20_000, 60_000])
    expect(view!.order.total).toBe(2 * 350_000 + 3 * 25_000 + 80_000)
    expect(await getOrderByToken(db, r.orderNumber, 'wrong-token')).toBeNull()
    expect((await cartView(db, cartId)).items).toHaveLength(0)
  })

  test('a sold-out line rolls back the whole order', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const p1 = await createProductRow(db, { uptId: a.id, stock: 5 })
    const p2 = await createProductRow(db, { uptId: b.id, stock: 2 })
    const cartId = await cartWith([
      [p1.id, 1],
      [p2.id, 2],
    ])
    await db.updateTable('products').set({ stock: 1 }).where('id', '=', p2.id).execute()
    await expect(placeOrder(db, { cartId, userId: null, ...BUYER })).rejects.toThrow('checkout.outOfStock')
    expect(await stockOf(p1.id)).toBe(5)
    expect(await db.selectFrom('orders').select('id').execute()).toHaveLength(0)
    const view = await cartView(db, cartId)
    expect(view.blocked).toBe(true)
    expect(view.items.find((i) => i.product_id === p2.id)?.warning).toBe('stockChanged')
  })

  test('a price change after adding is shown and the order uses the database price', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, price: 100_000 })
    const cartId = await cartWith([[p.id, 1]])
    await db.updateTable('products').set({ price: 120_000 }).where('id', '=', p.id).execute()
    expect((await cartView(db, cartId)).items[0]?.warning).toBe('priceChanged')
    const r = await placeOrder(db, { cartId, userId: null, ...BUYER, delivery: 'pickup' })
    expect(r.total).toBe(120_000)
  })

  test('quantities beyond stock are refused when added or changed', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 3 })
    const cartId = await cartWith([[p.id, 2]])
    await expect(addToCart(db, cartId, p.id, 2)).rejects.toThrow('cart.notEnoughStock')
    await expect(setCartQty(db, cartId, p.id, 4)).rejects.toThrow('cart.notEnoughStock')
    await expect(addToCart(db, cartId, p.id, 0)).rejects.toBeInstanceOf(DomainError)
    await expect(addToCart(db, cartId, p.id, 1.5)).rejects.toBeInstanceOf(DomainError)
  })

  test('a guest cart is kept when the buyer signs in', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const q = await createProductRow(db, { uptId: a.id })
    const user = await createUser(db, { role: 'buyer' })
    const mine = await ensureCart(db, { userId: user.id })
    await addToCart(db, mine.cartId, q.id, 1)
    const guest = await ensureCart(db, {})
    await addToCart(db, guest.cartId, p.id, 2)
    const merged = await findCart(db, { token: guest.newToken, userId: user.id })
    expect(merged).toBe(mine.cartId)
    const view = await cartView(db, merged)
    expect(view.items.map((i) => [i.product_id, i.qty]).sort()).toEqual(
      [
        [p.id, 2],
        [q.id, 1],
      ].sort(),
    )
    expect(await findCart(db, { token: guest.newToken })).toBeNull()
  })
})

describe('reservations and fulfilment', () => {
  test('an expired reservation returns stock exactly once', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 5 })
    const m = await createProductRow(db, { uptId: b.id, stockMode: 'made_to_order', stock: 0 })
    const cartId = await cartWith([
      [p.id, 3],
      [m.id, 2],
    ])
    const now = new Date('2026-11-28T03:00:00Z')
    const r = await placeOrder(db, { cartId, userId: null, ...BUYER, now })
    expect(await stockOf(p.id)).toBe(2)
    expect(await expireReservations(db, new Date('2026-11-28T03:59:00Z'))).toBe(0)
    const later = new Date('2026-11-28T04:00:01Z')
    const [x, y] = await Promise.all([expireReservations(db, later), expireReservations(db, later)])
    expect(x + y).toBe(2)
    expect(await expireReservations(db, later)).toBe(0)
    expect(await stockOf(p.id)).toBe(5)
    expect(await stockOf(m.id)).toBe(0)
    const view = await getOrderByToken(db, r.orderNumber, r.token)
    expect(view?.order.status).toBe('expired')
    // A late payment finds nothing to pay.
    expect(await markSubOrdersPaid(db, r.orderId)).toBe(0)
  })

  test('the buyer of an expired order gets exactly one email, however often the job runs', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 5 })
    const q = await createProductRow(db, { uptId: b.id, stock: 5 })
    const now = new Date('2026-11-28T03:00:00Z')
    const guest = await placeOrder(db, {
      cartId: await cartWith([
        [p.id, 1],
        [q.id, 1],
      ]),
      userId: null,
      ...BUYER,
      now,
    })
    const english = await createUser(db)
    await db.updateTable('users').set({ locale: 'en' }).where('id', '=', english.id).execute()
    const mine = await placeOrder(db, {
      cartId: await cartWith([[p.id, 1]]),
      userId: english.id,
      ...BUYER,
      buyerEmail: 'buyer-en@test.local',
      now,
    })
    const paid = await placeOrder(db, {
      cartId: await cartWith([[q.id, 1]]),
      userId: null,
      ...BUYER,
      buyerEmail: 'paid@test.local',
      now,
    })
    await db.transaction().execute((trx) => markSubOrdersPaid(trx, paid.orderId, { reference: 'test' }))
    const before = await db.selectFrom('emails').select('id').execute()
    const appUrl = 'https://mitra.test'
    expect((await expireReservationsAndNotify(db, { appUrl, now: new Date('2026-11-28T03:59:00Z') })).emailed).toBe(0)
    const later = new Date('2026-11-28T04:00:01Z')
    // Two runs at once (as two processes would), then a third: one email per expired order.
    const [x, y] = await Promise.all([
      expireReservationsAndNotify(db, { appUrl, now: later }),
      expireReservationsAndNotify(db, { appUrl, now: later }),
    ])
    expect(x.emailed + y.emailed).toBe(2)
    expect(x.subOrders + y.subOrders).toBe(3)
    expect(await expireReservationsAndNotify(db, { appUrl, now: later })).toEqual({ subOrders: 0, emailed: 0 })
    const sent = await db
      .selectFrom('emails')
      .select(['to_address', 'subject', 'text_body'])
      .where('id', 'not in', before.length ? before.map((e) => e.id) : ['-'])
      .orderBy('to_address')
      .execute()
    expect(sent.map((e) => e.to_address)).toEqual(['buyer-en@test.local', BUYER.buyerEmail].sort())
    const guestMail = sent.find((e) => e.to_address === BUYER.buyerEmail)!
    expect(guestMail.subject).toBe(`Pesanan ${guest.orderNumber} kedaluwarsa`)
    expect(guestMail.text_body).toContain(guest.orderNumber)
    expect(guestMail.text_body).toContain(`${appUrl}/products`)
    // A signed-in buyer whose account is in English gets it in English.
    const enMail = sent.find((e) => e.to_address === 'buyer-en@test.local')!
    expect(enMail.subject).toBe(`Order ${mine.orderNumber} has expired`)
    expect(enMail.text_body).toContain(`${appUrl}/products`)
    expect((await getOrderByToken(db, guest.orderNumber, guest.token))?.order.status).toBe('expired')
    expect((await getOrderByToken(db, paid.orderNumber, paid.token))?.order.status).toBe('paid')
  })

  test('an order expires together with its queued email or not at all', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 5 })
    const now = new Date('2026-11-28T03:00:00Z')
    const order = await placeOrder(db, { cartId: await cartWith([[p.id, 2]]), userId: null, ...BUYER, now })
    const later = new Date('2026-11-28T04:00:01Z')
    const emails = async () => (await db.selectFrom('emails').select('id').execute()).length
    const before = await emails()
    // the email cannot be queued (the hook fails inside the transaction): the expiry is rolled back too
    await expect(
      expireDueReservations(db, later, async (trx) => {
        await trx
          .insertInto('emails')
          .values({
            id: 'x',
            to_address: 'a@b',
            subject: 's',
            text_body: 't',
            html_body: null,
            created_at: later.toISOString(),
            sent_at: null,
            error: null,
            next_attempt_at: null,
            claimed_until: null,
          })
          .execute()
        throw new Error('disk full')
      }),
    ).rejects.toThrow('disk full')
    expect(await emails()).toBe(before)
    expect((await getOrderByToken(db, order.orderNumber, order.token))?.order.status).toBe('pending_payment')
    expect(await stockOf(p.id)).toBe(3)
    // the next run expires it with its email
    expect((await expireReservationsAndNotify(db, { appUrl: 'https://mitra.test', now: later })).emailed).toBe(1)
    expect(await emails()).toBe(before + 1)
    expect(await stockOf(p.id)).toBe(5)
  })

  test('paid -> processing -> shipped -> completed; cancel restocks; foreign UPT refused', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 5 })
    const q = await createProductRow(db, { uptId: b.id, stock: 5 })
    const r = await placeOrder(db, {
      cartId: await cartWith([
        [p.id, 2],
        [q.id, 1],
      ]),
      userId: null,
      ...BUYER,
    })
    await db.transaction().execute((trx) => markSubOrdersPaid(trx, r.orderId, { reference: 'test' }))
    const subs = await db
      .selectFrom('sub_orders')
      .select(['id', 'upt_id', 'status'])
      .where('order_id', '=', r.orderId)
      .execute()
    expect(subs.every((s) => s.status === 'paid')).toBe(true)
    const subA = subs.find((s) => s.upt_id === a.id)!
    const subB = subs.find((s) => s.upt_id === b.id)!
    await expect(staffTransition(db, { uptId: b.id, subOrderId: subA.id, event: 'process' })).rejects.toThrow(
      'error.notFound',
    )
    await expect(
      staffTransition(db, { uptId: a.id, subOrderId: subA.id, event: 'ship', courier: 'JNE', trackingNumber: 'X1' }),
    ).rejects.toThrow('order.badTransition')
    await staffTransition(db, { uptId: a.id, subOrderId: subA.id, event: 'process' })
    await expect(staffTransition(db, { uptId: a.id, subOrderId: subA.id, event: 'ship' })).rejects.toThrow(
      'field.required',
    )
    await staffTransition(db, {
      uptId: a.id,
      subOrderId: subA.id,
      event: 'ship',
      courier: 'JNE',
      trackingNumber: 'JNE123',
    })
    await staffTransition(db, { uptId: a.id, subOrderId: subA.id, event: 'complete' })
    expect(await stockOf(p.id)).toBe(3)
    await staffTransition(db, { uptId: b.id, subOrderId: subB.id, event: 'cancel' })
    await expect(staffTransition(db, { uptId: b.id, subOrderId: subB.id, event: 'cancel' })).rejects.toThrow(
      'order.badTransition',
    )
    expect(await stockOf(q.id)).toBe(5)
    const row = await db
      .selectFrom('sub_orders')
      .select(['status', 'tracking_number'])
      .where('id', '=', subA.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'completed', tracking_number: 'JNE123' })
  })
})

describe('offtake hook', () => {
  test('an offtake order uses the agreed price, reserves stock and waits for payment like any order', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, price: 650_000, stock: 10 })
    const r = await placeOfftakeOrder(db, {
      ...BUYER,
      delivery: 'pickup',
      userId: null,
      agreementId: 'agreement-1',
      productId: p.id,
      qty: 4,
      unitPrice: 500_000,
    })
    const order = await db.selectFrom('orders').selectAll().where('id', '=', r.orderId).executeTakeFirstOrThrow()
    expect(order).toMatchObject({
      kind: 'offtake',
      agreement_id: 'agreement-1',
      total: 2_000_000,
      status: 'pending_payment',
    })
    expect(await stockOf(p.id)).toBe(6)
    await expect(
      placeOfftakeOrder(db, {
        ...BUYER,
        userId: null,
        agreementId: 'agreement-1',
        productId: p.id,
        qty: 7,
        unitPrice: 500_000,
      }),
    ).rejects.toThrow('checkout.outOfStock')
    await expect(
      placeOfftakeOrder(db, {
        ...BUYER,
        userId: null,
        agreementId: 'agreement-1',
        productId: p.id,
        qty: 0,
        unitPrice: 500_000,
      }),
    ).rejects.toThrow('cart.qtyInvalid')
  })
})

describe('concurrency', () => {
  test('stock 5, 50 concurrent checkouts of 1 from two processes: exactly 5 succeed', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 5 })
    const carts: string[] = []
    for (let i = 0; i < 50; i++) carts.push(await cartWith([[p.id, 1]]))
    // This test's own database (a file on SQLite, a database URL on PostgreSQL).
    const dbFile = testDbTarget()
    const worker = path.join(ROOT, 'tests/integration/support/checkout-worker.ts')
    const spawn = (ids: string[]) =>
      run(process.execPath, ['--import', 'tsx', worker, dbFile, ...ids], {
        cwd: ROOT,
        env: { ...process.env },
        maxBuffer: 1 << 20,
      })
    const [one, two] = await Promise.all([spawn(carts.slice(0, 25)), spawn(carts.slice(25))])
    const results = [...JSON.parse(one.stdout), ...JSON.parse(two.stdout)] as { ok: boolean; code?: string }[]
    expect(
      results.filter((r) => r.ok),
      JSON.stringify(results.slice(0, 3)),
    ).toHaveLength(5)
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array(45).fill('checkout.outOfStockLeft'))
    expect(await stockOf(p.id)).toBe(0)
    const orders = await db.selectFrom('orders').select('order_number').execute()
    expect(new Set(orders.map((o) => o.order_number)).size).toBe(5)
  }, 60_000)

  test('two job processes expiring the same 20 orders send exactly one email per order', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 100 })
    const now = new Date('2026-11-28T03:00:00Z')
    const numbers: string[] = []
    for (let i = 0; i < 20; i++)
      numbers.push(
        (
          await placeOrder(db, {
            cartId: await cartWith([[p.id, 1]]),
            userId: null,
            ...BUYER,
            buyerEmail: `buyer${i}@test.local`,
            now,
          })
        ).orderNumber,
      )
    const dbFile = testDbTarget()
    const worker = path.join(ROOT, 'tests/integration/support/expiry-worker.ts')
    const spawn = () =>
      run(process.execPath, ['--import', 'tsx', worker, dbFile, '2026-11-28T04:00:01Z'], {
        cwd: ROOT,
        env: { ...process.env },
        maxBuffer: 1 << 20,
      })
    const [one, two] = await Promise.all([spawn(), spawn()])
    const results = [JSON.parse(one.stdout), JSON.parse(two.stdout)] as { subOrders: number; emailed: number }[]
    expect(results[0]!.emailed + results[1]!.emailed).toBe(20)
    expect(results[0]!.subOrders + results[1]!.subOrders).toBe(20)
    const mails = await db
      .selectFrom('emails')
      .select(['to_address', 'subject'])
      .where('subject', 'like', '%kedaluwarsa')
      .execute()
    expect(mails).toHaveLength(20)
    expect(new Set(mails.map((m) => m.to_address)).size).toBe(20)
    expect(new Set(mails.map((m) => m.subject))).toEqual(new Set(numbers.map((n) => `Pesanan ${n} kedaluwarsa`)))
    expect(await stockOf(p.id)).toBe(100)
  }, 60_000)
})
