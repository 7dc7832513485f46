import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { requestRefund } from '#app/domain/payments/refunds.ts'
import { ensureNationalSplitRule } from '#app/domain/ledger/split-rules.ts'
import {
  createMidtransProvider,
  midtransSignature,
  MOCK_MIDTRANS,
  signedMidtransNotification,
} from '#app/integrations/payments/midtrans.server.ts'
import { action as webhook } from '#app/routes/webhooks.midtrans.ts'
import { call } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { midtransMock } from '#tests/mocks/midtrans.ts'
import { createUser } from '#tests/factories.ts'
import { mockProvider, twoUptOrder } from '#tests/payments-support.ts'

beforeEach(() => midtransMock.reset())

const provider = () => createMidtransProvider(MOCK_MIDTRANS)

async function midtransOrder(db: DB) {
  await ensureNationalSplitRule(db)
  const order = await twoUptOrder(db)
  const { url } = await startCardPayment(db, provider(), {
    orderId: order.orderId,
    orderUrl: `http://localhost:3000/orders/${order.orderNumber}/${order.token}`,
  })
  const payment = await db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', order.orderId)
    .executeTakeFirstOrThrow()
  return { order, url, payment, orderId: payment.provider_session_id! }
}

const notify = (body: unknown) =>
  call(
    webhook,
    new Request('http://localhost:3000/webhooks/midtrans', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
const signed = (status: Record<string, unknown>) => signedMidtransNotification(status, MOCK_MIDTRANS.serverKey)
const tx = (orderId: string) => midtransMock.byOrderId(orderId)!
const paymentOf = (db: DB, id: string) =>
  db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const subStatuses = async (db: DB, orderId: string) =>
  (await db.selectFrom('sub_orders').select('status').where('order_id', '=', orderId).orderBy('number').execute()).map(
    (s) => s.status,
  )
const statusChecks = () => midtransMock.requests.filter((r) => r.path.endsWith('/status')).length

describe('Midtrans Snap checkout', () => {
  test('one Snap transaction per attempt: order id <order>-MT<n>, items adding up to the total, QRIS, VAs and e-wallets; a second click reuses it', async () => {
    const db = testDb()
    const { order, url, payment, orderId } = await midtransOrder(db)
    expect(orderId).toBe(`${order.orderNumber}-MT1`)
    expect(payment).toMatchObject({ method: 'card', provider: 'midtrans', status: 'pending', amount: order.total })
    expect(url).toMatch(/\/dev\/midtrans-snap\/[0-9a-f-]{36}$/)
    const req = midtransMock.requests.find((r) => r.path === '/snap/v1/transactions')!
    expect(req.auth).toBe(`Basic ${Buffer.from(`${MOCK_MIDTRANS.serverKey}:`).toString('base64')}`)
    const body = JSON.parse(req.body)
    expect(body.transaction_details).toEqual({ order_id: orderId, gross_amount: order.total })
    expect(
      body.item_details.reduce((s: number, i: { price: number; quantity: number }) => s + i.price * i.quantity, 0),
    ).toBe(order.total)
    expect(body.enabled_payments).toEqual(
      expect.arrayContaining(['other_qris', 'bca_va', 'bri_va', 'gopay', 'shopeepay']),
    )
    const again = await startCardPayment(db, provider(), {
      orderId: order.orderId,
      orderUrl: 'http://localhost:3000/x',
    })
    expect(again.url).toBe(url)
    expect(midtransMock.transactions.size).toBe(1)
  })
})

describe('Midtrans notifications', () => {
  test('a valid settlement (QRIS) pays every sub-order, posts the payment and fee per UPT, and answers 200', async () => {
    const db = testDb()
    const { order, payment, orderId } = await midtransOrder(db)
    const r = await notify(signed(midtransMock.settle(orderId, 'qris')))
    expect(r.status).toBe(200)
    expect(r.data).toEqual({ received: true, outcome: 'paid' })
    expect(await paymentOf(db, payment.id)).toMatchObject({
      status: 'paid',
      amount_received: order.total,
      received_minor: order.total * 100,
      received_currency: 'idr',
      provider_payment_intent_id: tx(orderId).transaction_id,
    })
    expect(await subStatuses(db, order.orderId)).toEqual(['paid', 'paid'])
    const entries = await db
      .selectFrom('ledger_entries')
      .select(['kind', 'provider', 'upt_id'])
      .where('provider', '=', 'midtrans')
      .execute()
    expect(entries.filter((e) => e.kind === 'payment')).toHaveLength(2)
    expect(entries.filter((e) => e.kind === 'fee')).toHaveLength(2)
    expect(statusChecks()).toBe(1)
  })

  test('a bad signature is refused with 400 before Midtrans is asked, and nothing changes', async () => {
    const db = testDb()
    const { order, payment, orderId } = await midtransOrder(db)
    const status = midtransMock.settle(orderId)
    const forged = {
      ...status,
      signature_key: midtransSignature(orderId, '200', String(status.gross_amount), 'SB-Mid-server-someone-else'),
    }
    const r = await notify(forged)
    expect(r.status).toBe(400)
    expect(r.data).toEqual({ error: 'invalid signature' })
    // the gross amount is part of what is signed: a changed amount breaks the signature
    expect((await notify({ ...signed(status), gross_amount: '1.00' })).status).toBe(400)
    expect((await notify({ ...status })).status).toBe(400)
    expect((await notify('not json')).status).toBe(400)
    expect(statusChecks()).toBe(0)
    expect((await paymentOf(db, payment.id)).status).toBe('pending')
    expect(await subStatuses(db, order.orderId)).toEqual(['pending_payment', 'pending_payment'])
    expect(await db.selectFrom('payment_events').selectAll().execute()).toHaveLength(0)
  })

  test('the same settlement delivered 8 times concurrently pays once and books once', async () => {
    const db = testDb()
    const { order, orderId } = await midtransOrder(db)
    const body = signed(midtransMock.settle(orderId, 'va', 'bri'))
    const results = await Promise.all(Array.from({ length: 8 }, () => notify(body)))
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(results.filter((r) => r.data.outcome === 'paid')).toHaveLength(1)
    expect(results.filter((r) => r.data.outcome === 'duplicate')).toHaveLength(7)
    const paid = await db
      .selectFrom('sub_order_events as e')
      .innerJoin('sub_orders as s', 's.id', 'e.sub_order_id')
      .select('s.number')
      .where('s.order_id', '=', order.orderId)
      .where('e.to_status', '=', 'paid')
      .execute()
    expect(paid).toHaveLength(2)
    expect(
      await db.selectFrom('ledger_entries').select('reference').where('kind', '=', 'payment').execute(),
    ).toHaveLength(2)
    expect(await db.selectFrom('payment_events').selectAll().where('provider', '=', 'midtrans').execute()).toHaveLength(
      1,
    )
  })

  test('out of order: a settlement after an expire still pays; a late pending or expire changes nothing', async () => {
    const db = testDb()
    const { order, payment, orderId } = await midtransOrder(db)
    // the buyer's QR timed out (expire) and then, on a retried scan, the money arrived
    const expired = signed(midtransMock.expire(orderId))
    expect((await notify(expired)).data.outcome).toBe('expired')
    expect((await paymentOf(db, payment.id)).status).toBe('expired')
    const settled = signed(midtransMock.settle(orderId, 'ewallet', 'gopay'))
    expect((await notify(settled)).data.outcome).toBe('paid')
    expect(await subStatuses(db, order.orderId)).toEqual(['paid', 'paid'])
    // the old expire redelivered: Midtrans' status now says settlement, already applied
    expect((await notify(expired)).data.outcome).toBe('duplicate')
    expect((await paymentOf(db, payment.id)).status).toBe('paid')
  })

  test('a notification is applied as the status check says, not as its body says', async () => {
    const db = testDb()
    const { order, orderId } = await midtransOrder(db)
    // a pending notification (VA issued) that arrives after the buyer already paid
    midtransMock.settle(orderId, 'va', 'bca')
    const pendingBody = signed({
      ...midtransMock.status(tx(orderId)),
      transaction_status: 'pending',
      status_code: '201',
    })
    expect((await notify(pendingBody)).data.outcome).toBe('paid')
    expect(await subStatuses(db, order.orderId)).toEqual(['paid', 'paid'])
  })

  test('an amount that differs from the order (even by one sen) is flagged, kept as sent, and pays nothing', async () => {
    const db = testDb()
    const { order, payment, orderId } = await midtransOrder(db)
    midtransMock.settle(orderId)
    tx(orderId).gross_amount = `${order.total}.50`
    const r = await notify(signed(midtransMock.status(tx(orderId))))
    expect(r.status).toBe(200)
    expect(r.data.outcome).toBe('flagged')
    expect(await paymentOf(db, payment.id)).toMatchObject({
      status: 'flagged',
      flag_reason: 'amount_mismatch',
      received_minor: order.total * 100 + 50,
      received_currency: 'idr',
      amount_received: null,
    })
    expect(await subStatuses(db, order.orderId)).toEqual(['pending_payment', 'pending_payment'])
    expect(await db.selectFrom('ledger_entries').selectAll().execute()).toHaveLength(0)

    const db2 = testDb()
    const second = await midtransOrder(db2)
    midtransMock.settle(second.orderId)
    tx(second.orderId).gross_amount = `${second.order.total - 1000}.00`
    expect((await notify(signed(midtransMock.status(tx(second.orderId))))).data.outcome).toBe('flagged')
    expect((await paymentOf(db2, second.payment.id)).flag_reason).toBe('amount_mismatch')
  })

  test('when the status check fails the answer is 503 (Midtrans redelivers), nothing is written; the redelivery pays', async () => {
    const db = testDb()
    const { order, orderId } = await midtransOrder(db)
    const body = signed(midtransMock.settle(orderId))
    midtransMock.statusOutages = 1
    const first = await notify(body)
    expect(first.status).toBe(503)
    expect(await db.selectFrom('payment_events').selectAll().execute()).toHaveLength(0)
    expect(await subStatuses(db, order.orderId)).toEqual(['pending_payment', 'pending_payment'])
    expect((await notify(body)).data.outcome).toBe('paid')
  })

  test('a signed notification for a transaction Midtrans does not know is refused (400)', async () => {
    testDb()
    const body = signedMidtransNotification(
      {
        order_id: 'ML-2026-999999-MT1',
        status_code: '200',
        gross_amount: '10000.00',
        transaction_status: 'settlement',
      },
      MOCK_MIDTRANS.serverKey,
    )
    expect((await notify(body)).status).toBe(400)
  })

  test('GET is 405', async () => {
    const { loader } = await import('#app/routes/webhooks.midtrans.ts')
    const r = loader()
    expect(r.status).toBe(405)
    expect(r.headers.get('Allow')).toBe('POST')
  })
})

describe('Midtrans refunds', () => {
  test("finance refunds part of a QRIS payment through Midtrans; Midtrans' refund notification settles it once and reverses the UPT's entry", async () => {
    const db = testDb()
    const { order, orderId } = await midtransOrder(db)
    await notify(signed(midtransMock.settle(orderId, 'qris')))
    const finance = await createUser(db, { role: 'finance', uptId: order.a.id })
    const subA = await db
      .selectFrom('sub_orders')
      .select(['id', 'number'])
      .where('order_id', '=', order.orderId)
      .where('upt_id', '=', order.a.id)
      .executeTakeFirstOrThrow()
    const byName = (name: string | null) => (name === 'midtrans' ? provider() : null)
    const rf = await requestRefund(db, byName, {
      uptId: order.a.id,
      subOrderId: subA.id,
      amount: 50_000,
      reason: 'Rusak',
      restock: false,
      userId: finance.id,
    })
    expect(rf.status).toBe('pending')
    const call = midtransMock.requests.find((r) => r.path.endsWith('/refund'))!
    expect(call.path).toBe(`/v2/${tx(orderId).transaction_id}/refund`)
    expect(JSON.parse(call.body)).toMatchObject({ refund_key: rf.id, amount: 50_000 })
    // Midtrans reports the partial refund; delivered twice, applied once
    const refunded = signed(midtransMock.status(tx(orderId)))
    expect((await notify(refunded)).data.outcome).toBe('refunded')
    expect((await notify(refunded)).data.outcome).toBe('duplicate')
    expect(
      await db.selectFrom('refunds').select(['status', 'amount']).where('id', '=', rf.id).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'succeeded', amount: 50_000 })
    expect(
      await db
        .selectFrom('ledger_entries')
        .select(['reference', 'provider', 'upt_id', 'amount'])
        .where('kind', '=', 'refund')
        .execute(),
    ).toEqual([{ reference: `refund:${rf.id}`, provider: 'midtrans', upt_id: order.a.id, amount: 50_000 }])
  })

  test('a Midtrans payment is never refunded through Stripe', async () => {
    const db = testDb()
    const { order, orderId } = await midtransOrder(db)
    await notify(signed(midtransMock.settle(orderId, 'qris')))
    const finance = await createUser(db, { role: 'finance', uptId: order.a.id })
    const subA = await db
      .selectFrom('sub_orders')
      .select('id')
      .where('order_id', '=', order.orderId)
      .where('upt_id', '=', order.a.id)
      .executeTakeFirstOrThrow()
    await expect(
      requestRefund(db, mockProvider(), {
        uptId: order.a.id,
        subOrderId: subA.id,
        amount: 10_000,
        reason: 'x',
        restock: false,
        userId: finance.id,
      }),
    ).rejects.toThrow('refund.providerUnavailable')
    expect(await db.selectFrom('refunds').selectAll().execute()).toHaveLength(0)
  })
})
