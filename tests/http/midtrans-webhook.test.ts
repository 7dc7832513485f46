/**
 * POST /webhooks/midtrans as Midtrans reaches it: real HTTP to the built server (whose msw
 * answers Snap and the Get Status API in its own process). Midtrans retries a notification that
 * did not get a 2xx, so a bad signature must not look delivered, a status check or an apply that
 * failed must answer 5xx, and a redelivered notification must change nothing twice.
 */
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MOCK_MIDTRANS, signedMidtransNotification } from '#app/integrations/payments/midtrans.server.ts'
import { TMP } from '#tests/setup/paths.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { placeOrder } from './shop.ts'
import { changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

const post = (body: string, o: { baseURL?: string; method?: string } = {}) =>
  send('/webhooks/midtrans', { method: o.method ?? 'POST', body, contentType: 'application/json', baseURL: o.baseURL })

/** A guest-link order whose buyer chose QRIS / VA / e-wallet: the Snap token and the Midtrans order id. */
async function midtransOrder() {
  const db = serverDb()
  const cookie = await sessionFor('pembeli@mitralipas.demo')
  const order = await placeOrder(db, cookie)
  const r = await send(order.path, { cookie, form: { intent: 'midtrans' } })
  expect(r.status, r.text.slice(0, 300)).toBe(302)
  const token = /\/dev\/midtrans-snap\/([0-9a-f-]+)$/.exec(r.headers.get('Location') ?? '')?.[1]
  expect(token).toBeTruthy()
  const o = await db
    .selectFrom('orders')
    .select('id')
    .where('order_number', '=', order.number)
    .executeTakeFirstOrThrow()
  const payment = await db
    .selectFrom('payments')
    .select(['id', 'provider_session_id', 'amount'])
    .where('order_id', '=', o.id)
    .where('provider', '=', 'midtrans')
    .executeTakeFirstOrThrow()
  const settlement = signedMidtransNotification(
    {
      order_id: payment.provider_session_id,
      status_code: '200',
      gross_amount: `${payment.amount}.00`,
      transaction_status: 'settlement',
      currency: 'IDR',
    },
    MOCK_MIDTRANS.serverKey,
  )
  return { cookie, order, orderId: o.id, token: token!, payment, settlement }
}

async function stateOf(orderId: string) {
  const db = serverDb()
  const subs = await db.selectFrom('sub_orders').select(['id', 'status']).where('order_id', '=', orderId).execute()
  const payments = await db.selectFrom('payments').select(['id', 'status']).where('order_id', '=', orderId).execute()
  // this order's entries: payments by sub-order, fees by payment
  const ledger = await db
    .selectFrom('ledger_entries')
    .select(['kind', 'source_id'])
    .where('provider', '=', 'midtrans')
    .where('source_id', 'in', [...subs.map((s) => s.id), ...payments.map((p) => p.id)])
    .execute()
  return { subs, ledger, payments }
}

/** The simulated Snap page: the buyer picks QRIS and pays; the simulator settles and notifies. */
const payOnSnap = (token: string, cookie: string) =>
  send(`/dev/midtrans-snap/${token}`, { cookie, form: { intent: 'pay', channel: 'qris' } })

describe('Midtrans notifications on the wire', () => {
  test('a bad or missing signature, a tampered amount or a non-JSON body answer 400 and write nothing', async () => {
    const { settlement } = await midtransOrder()
    const before = await fingerprint()
    const cases: [string, string][] = [
      [
        'wrong server key',
        JSON.stringify(
          signedMidtransNotification({ ...settlement, signature_key: undefined }, 'SB-Mid-server-someone-else'),
        ),
      ],
      ['no signature', JSON.stringify({ ...settlement, signature_key: undefined })],
      ['tampered amount', JSON.stringify({ ...settlement, gross_amount: '1.00' })],
      ['empty object', '{}'],
      ['not JSON', 'not json'],
    ]
    for (const [what, body] of cases) {
      const r = await post(body)
      expect(r.status, `${what}: ${r.text}`).toBe(400)
      expect(r.headers.get('Content-Type'), what).toMatch(/^application\/json/)
      expect(r.json().error, what).toMatch(/^invalid (signature|payload)$/)
    }
    expect(changedTables(before, await fingerprint())).toEqual([])
  })

  test('GET, PUT and DELETE answer 405 with Allow: POST', async () => {
    const get = await send('/webhooks/midtrans')
    expect(get.status).toBe(405)
    expect(get.headers.get('Allow')).toBe('POST')
    for (const method of ['PUT', 'DELETE']) {
      const r = await post('{}', { method })
      expect(r.status, method).toBe(405)
      expect(r.headers.get('Allow'), method).toBe('POST')
    }
  })

  test('the simulated Snap page pays by QRIS: the signed notification pays the order and the buyer returns to it', async () => {
    const { cookie, order, orderId, token } = await midtransOrder()
    const r = await payOnSnap(token, cookie)
    expect(r.status, r.text.slice(0, 300)).toBe(302)
    expect(r.headers.get('Location')).toMatch(
      new RegExp(`^${order.path}\\?paid=1&order_id=.+&status_code=200&transaction_status=settlement$`),
    )
    const s = await stateOf(orderId)
    expect(s.payments.map((p) => p.status)).toEqual(['paid'])
    expect(s.subs.every((x) => x.status === 'paid')).toBe(true)
    expect(s.ledger.filter((l) => l.kind === 'payment')).toHaveLength(s.subs.length)
    expect(s.ledger.filter((l) => l.kind === 'fee')).toHaveLength(s.subs.length)
    // the transaction is over: the page says so and paying again is a redirect, nothing else
    expect((await send(`/dev/midtrans-snap/${token}`, { cookie })).text).toContain(
      'Transaksi ini sudah selesai atau kedaluwarsa.',
    )
  })

  test('a notification whose effects cannot be written answers 5xx, keeps nothing, and the redelivery pays once; duplicates are acknowledged once', async () => {
    const { cookie, orderId, token, settlement, payment } = await midtransOrder()
    const db = serverDb()
    await sql`CREATE TRIGGER http_test_midtrans_ledger_down BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger unavailable'); END`.execute(
      db,
    )
    try {
      // the simulator settles the transaction and delivers its notification: the apply fails
      expect((await payOnSnap(token, cookie)).status).toBe(302)
      const failed = await stateOf(orderId)
      expect(failed.payments.map((p) => p.status)).toEqual(['pending'])
      expect(failed.subs.every((s) => s.status === 'pending_payment')).toBe(true)
      const direct = await post(JSON.stringify(settlement))
      expect(direct.status, direct.text).toBeGreaterThanOrEqual(500)
    } finally {
      await sql`DROP TRIGGER IF EXISTS http_test_midtrans_ledger_down`.execute(db)
    }
    // not remembered: the redelivery is not a duplicate
    expect(
      await db
        .selectFrom('payment_events')
        .select('event_id')
        .where('provider', '=', 'midtrans')
        .where('session_id', '=', payment.provider_session_id)
        .execute(),
    ).toEqual([])
    // Midtrans redelivers, five times at once
    const deliveries = await Promise.all(Array.from({ length: 5 }, () => post(JSON.stringify(settlement))))
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200])
    expect(deliveries.map((d) => d.json().outcome).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'paid',
    ])
    const paid = await stateOf(orderId)
    expect(paid.payments.map((p) => p.status)).toEqual(['paid'])
    expect(paid.ledger.filter((l) => l.kind === 'payment')).toHaveLength(paid.subs.length)
  })
})

describe('a server without Midtrans (no MOCKS, no Midtrans keys)', () => {
  let bare: BuiltServer | undefined
  beforeAll(async () => {
    const dbFile = path.join(TMP, 'http-no-midtrans.db')
    await freshDatabase(dbFile, { demo: false })
    bare = await startBuiltServer({
      name: 'http-no-midtrans',
      dbFile,
      env: { MOCKS: 'false', MIDTRANS_SERVER_KEY: '', MIDTRANS_CLIENT_KEY: '', MIDTRANS_IS_PRODUCTION: '' },
    })
  })
  afterAll(async () => {
    await bare?.stop()
  })

  test('answers 404 to a notification, even a well-signed one, and 405 to GET', async () => {
    const body = signedMidtransNotification(
      {
        order_id: 'ML-2026-999999-MT1',
        status_code: '200',
        gross_amount: '50000.00',
        transaction_status: 'settlement',
      },
      MOCK_MIDTRANS.serverKey,
    )
    const r = await post(JSON.stringify(body), { baseURL: bare!.baseURL })
    expect(r.status, r.text).toBe(404)
    expect(r.json().error).toBe('midtrans is not configured')
    expect((await send('/webhooks/midtrans', { baseURL: bare!.baseURL })).status).toBe(405)
  })
})
