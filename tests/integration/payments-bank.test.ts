import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { expireReservations } from '#app/domain/orders/fulfilment.ts'
import { setPaymentSetting } from '#app/domain/payments/settings.ts'
import { action as financeAction, loader as financeLoader } from '#app/routes/finance.upt.$uptId.payments._index.tsx'
import { action as refundAction } from '#app/routes/finance.upt.$uptId.payments.refund.$subOrderId.tsx'
import { action as orderAction, loader as orderLoader } from '#app/routes/orders.$number.$token.tsx'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { createUser, sessionCookieFor } from '#tests/factories.ts'
import { stripeMock } from '#tests/mocks/stripe.ts'
import { bankAccountFor, stockOf, twoUptOrder } from '#tests/payments-support.ts'

beforeEach(() => stripeMock.reset())

// 1x1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

async function transferOrder(db: DB) {
  const order = await twoUptOrder(db)
  await bankAccountFor(db, order.a.id)
  await bankAccountFor(db, order.b.id)
  const path = `/orders/${order.orderNumber}/${order.token}`
  const params = { number: order.orderNumber, token: order.token }
  const r = await call(orderAction, makeRequest(path, { form: { intent: 'transfer' } }), params)
  expect(r.status).toBe(302)
  const payments = await db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', order.orderId)
    .orderBy('reference')
    .execute()
  return { order, path, params, payments }
}

function proofRequest(path: string, paymentId: string, bytes: Uint8Array, type = 'image/png') {
  const form = new FormData()
  form.set('intent', 'proof')
  form.set('paymentId', paymentId)
  form.set('proof', new File([new Uint8Array(bytes)], 'bukti.png', { type }))
  return new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    body: form,
    headers: { 'x-client-ip': '203.0.113.7' },
  })
}

async function financeOf(db: DB, uptId: string | null) {
  const u = await createUser(db, { role: 'finance', uptId, totp: true })
  return { ...u, cookie: await sessionCookieFor(db, u.id) }
}

describe('bank transfer', () => {
  test('per UPT: account details, total plus a unique 3-digit code, a 24 h deadline that also holds the stock', async () => {
    const db = testDb()
    const { order, payments, path, params } = await transferOrder(db)
    expect(payments).toHaveLength(2)
    const subs = await db
      .selectFrom('sub_orders')
      .select(['id', 'total'])
      .where('order_id', '=', order.orderId)
      .execute()
    for (const p of payments) {
      const sub = subs.find((s) => s.id === p.sub_order_id)!
      expect(p.unique_code).toBeGreaterThanOrEqual(1)
      expect(p.unique_code).toBeLessThanOrEqual(999)
      expect(p.amount).toBe(sub.total + p.unique_code!)
      const hours = (new Date(p.deadline).getTime() - new Date(p.created_at).getTime()) / 3_600_000
      expect(hours).toBe(24)
    }
    const o = await db
      .selectFrom('orders')
      .select('reserved_until')
      .where('id', '=', order.orderId)
      .executeTakeFirstOrThrow()
    expect(o.reserved_until).toBe(payments[0]!.deadline)
    // the order page shows the instructions; choosing again creates nothing new
    const page = await call(orderLoader, makeRequest(path), params)
    expect(page.data.payment.payments.map((p: { account_number: string }) => p.account_number)).toEqual([
      '0123456789',
      '0123456789',
    ])
    await call(orderAction, makeRequest(path, { form: { intent: 'transfer' } }), params)
    expect(await db.selectFrom('payments').selectAll().execute()).toHaveLength(2)
  })

  test("codes are unique among a UPT's open transfers", async () => {
    const db = testDb()
    const codes = new Set<number>()
    for (let i = 0; i < 6; i++) {
      const { payments } = await transferOrder(db)
      for (const p of payments.filter((x) => x.upt_id === payments[0]!.upt_id)) codes.add(p.unique_code!)
    }
    expect(codes.size).toBe(6)
  })

  test('no UPT bank account: refused with a message, nothing written', async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    await bankAccountFor(db, order.a.id)
    const r = await call(
      orderAction,
      makeRequest(`/orders/${order.orderNumber}/${order.token}`, { form: { intent: 'transfer' } }),
      { number: order.orderNumber, token: order.token },
    )
    expect(r.status).toBe(400)
    expect(r.data.error).toBe('payment.noBankAccount')
    expect(await db.selectFrom('payments').selectAll().execute()).toHaveLength(0)
  })

  test("a proof for another order's transfer is not found (404) and no file is stored for it", async () => {
    const db = testDb()
    const mine = await transferOrder(db)
    const theirs = await transferOrder(db)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofs-'))
    process.env.UPLOAD_DIR = dir
    try {
      for (const paymentId of [theirs.payments[0]!.id, '0190aaaa-0000-7000-8000-00000000dead']) {
        const r = await call(orderAction, proofRequest(mine.path, paymentId, PNG), mine.params)
        expect(r.status, paymentId).toBe(404)
      }
      expect(fs.existsSync(path.join(dir, 'proofs')) ? fs.readdirSync(path.join(dir, 'proofs')) : []).toEqual([])
      expect(await db.selectFrom('payments').select('id').where('proof_file', 'is not', null).execute()).toEqual([])
      expect((await call(orderAction, proofRequest(mine.path, mine.payments[0]!.id, PNG), mine.params)).status).toBe(
        302,
      )
      expect(fs.readdirSync(path.join(dir, 'proofs'))).toHaveLength(1)
    } finally {
      delete process.env.UPLOAD_DIR
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  test('proof upload: images only, re-encoded; then finance of the selling UPT confirms and the sub-order is paid', async () => {
    const db = testDb()
    const { order, payments, path, params } = await transferOrder(db)
    const pa = payments.find((p) => p.upt_id === order.a.id)!
    const bad = await call(
      orderAction,
      proofRequest(path, pa.id, new TextEncoder().encode('<svg onload=alert(1)>'), 'image/svg+xml'),
      params,
    )
    expect(bad.status).toBe(400)
    expect(bad.data.error).toBe('upload.badType')
    const ok = await call(orderAction, proofRequest(path, pa.id, PNG), params)
    expect(ok.status).toBe(302)
    const stored = await db
      .selectFrom('payments')
      .select('proof_file')
      .where('id', '=', pa.id)
      .executeTakeFirstOrThrow()
    expect(stored.proof_file).toMatch(/^proof-[0-9a-f-]{36}\.webp$/)

    const financeB = await financeOf(db, order.b.id)
    const uptParams = { uptId: order.a.id }
    // finance of the other UPT is refused (403) and nothing changes
    const foreign = await call(
      financeAction,
      makeRequest(`/finance/upt/${order.a.id}/payments`, {
        form: { intent: 'confirm', paymentId: pa.id },
        cookie: financeB.cookie,
      }),
      uptParams,
    )
    expect(foreign.status).toBe(403)
    // and cannot confirm A's transfer through its own UPT's page either: not found in B's scope
    const sideways = await call(
      financeAction,
      makeRequest(`/finance/upt/${order.b.id}/payments`, {
        form: { intent: 'confirm', paymentId: pa.id },
        cookie: financeB.cookie,
      }),
      { uptId: order.b.id },
    )
    expect(sideways.status).toBe(404)
    const financeA = await financeOf(db, order.a.id)
    const list = await call(
      financeLoader,
      makeRequest(`/finance/upt/${order.a.id}/payments`, { cookie: financeA.cookie }),
      uptParams,
    )
    expect(list.data.transfers.map((t: { id: string }) => t.id)).toEqual([pa.id])
    const r = await call(
      financeAction,
      makeRequest(`/finance/upt/${order.a.id}/payments`, {
        form: { intent: 'confirm', paymentId: pa.id },
        cookie: financeA.cookie,
      }),
      uptParams,
    )
    expect(r.status).toBe(302)
    const subs = await db
      .selectFrom('sub_orders')
      .select(['upt_id', 'status'])
      .where('order_id', '=', order.orderId)
      .execute()
    expect(subs.find((s) => s.upt_id === order.a.id)!.status).toBe('paid')
    expect(subs.find((s) => s.upt_id === order.b.id)!.status).toBe('pending_payment')
    expect(
      (await db.selectFrom('orders').select('status').where('id', '=', order.orderId).executeTakeFirstOrThrow()).status,
    ).toBe('pending_payment')
    // confirming twice changes nothing
    const again = await call(
      financeAction,
      makeRequest(`/finance/upt/${order.a.id}/payments`, {
        form: { intent: 'confirm', paymentId: pa.id },
        cookie: financeA.cookie,
      }),
      uptParams,
    )
    expect(again.status).toBe(400)
    expect(await db.selectFrom('sub_order_events').select('id').where('to_status', '=', 'paid').execute()).toHaveLength(
      1,
    )
    const receipt = await db
      .selectFrom('emails')
      .select('subject')
      .where('to_address', '=', 'dewi@contoh.id')
      .where('subject', 'like', 'Pembayaran diterima%')
      .execute()
    expect(receipt).toHaveLength(1)
  })

  test('above the threshold a second, different finance person must confirm', async () => {
    const db = testDb()
    await setPaymentSetting(db, 'fourEyesThreshold', 100_000, null)
    const { order, payments } = await transferOrder(db)
    const pa = payments.find((p) => p.upt_id === order.a.id)!
    expect(pa.amount).toBeGreaterThan(100_000)
    const first = await financeOf(db, order.a.id)
    const national = await financeOf(db, null)
    const url = `/finance/upt/${order.a.id}/payments`
    const params = { uptId: order.a.id }
    expect(
      (
        await call(
          financeAction,
          makeRequest(url, { form: { intent: 'confirm', paymentId: pa.id }, cookie: first.cookie }),
          params,
        )
      ).status,
    ).toBe(302)
    expect(
      (await db.selectFrom('payments').select('status').where('id', '=', pa.id).executeTakeFirstOrThrow()).status,
    ).toBe('awaiting_second')
    const same = await call(
      financeAction,
      makeRequest(url, { form: { intent: 'confirm', paymentId: pa.id }, cookie: first.cookie }),
      params,
    )
    expect(same.status).toBe(400)
    expect(JSON.stringify(same.data)).toContain('payment.secondPersonRequired')
    expect(
      (await db.selectFrom('sub_orders').select('status').where('id', '=', pa.sub_order_id!).executeTakeFirstOrThrow())
        .status,
    ).toBe('pending_payment')
    expect(
      (
        await call(
          financeAction,
          makeRequest(url, { form: { intent: 'confirm', paymentId: pa.id }, cookie: national.cookie }),
          params,
        )
      ).status,
    ).toBe(302)
    expect(
      (await db.selectFrom('sub_orders').select('status').where('id', '=', pa.sub_order_id!).executeTakeFirstOrThrow())
        .status,
    ).toBe('paid')
  })

  test('reject needs a reason; the buyer sees it and can start a new transfer', async () => {
    const db = testDb()
    const { order, payments, path, params } = await transferOrder(db)
    const pa = payments.find((p) => p.upt_id === order.a.id)!
    const fin = await financeOf(db, order.a.id)
    const url = `/finance/upt/${order.a.id}/payments`
    const noReason = await call(
      financeAction,
      makeRequest(url, { form: { intent: 'reject', paymentId: pa.id, reason: '' }, cookie: fin.cookie }),
      { uptId: order.a.id },
    )
    expect(noReason.status).toBe(400)
    expect(
      (await db.selectFrom('payments').select('status').where('id', '=', pa.id).executeTakeFirstOrThrow()).status,
    ).toBe('pending')
    await call(
      financeAction,
      makeRequest(url, {
        form: { intent: 'reject', paymentId: pa.id, reason: 'Dana tidak masuk' },
        cookie: fin.cookie,
      }),
      { uptId: order.a.id },
    )
    const page = await call(orderLoader, makeRequest(path), params)
    expect(page.data.payment.payments.find((p: { id: string }) => p.id === pa.id).reject_reason).toBe(
      'Dana tidak masuk',
    )
    const mail = await db
      .selectFrom('emails')
      .select(['subject', 'text_body'])
      .where('to_address', '=', 'dewi@contoh.id')
      .where('subject', 'like', 'Transfer untuk%')
      .executeTakeFirstOrThrow()
    expect(mail.text_body).toContain('Dana tidak masuk')
    await call(orderAction, makeRequest(path, { form: { intent: 'transfer' } }), params)
    expect(
      await db.selectFrom('payments').selectAll().where('sub_order_id', '=', pa.sub_order_id).execute(),
    ).toHaveLength(2)
  })

  test('unpaid transfers expire after the deadline and the stock returns once', async () => {
    const db = testDb()
    const { order, payments } = await transferOrder(db)
    for (const p of order.products) expect(await stockOf(db, p)).toBe(3)
    // the marketplace's 60-minute reservation no longer applies: still pending after 2 hours
    expect(await expireReservations(db, new Date(Date.now() + 2 * 3_600_000))).toBe(0)
    const after = new Date(new Date(payments[0]!.deadline).getTime() + 1000)
    expect(await expireReservations(db, after)).toBe(2)
    expect(await expireReservations(db, after)).toBe(0)
    for (const p of order.products) expect(await stockOf(db, p)).toBe(5)
    // a late confirmation is refused
    const fin = await financeOf(db, order.a.id)
    const pa = payments.find((p) => p.upt_id === order.a.id)!
    const r = await call(
      financeAction,
      makeRequest(`/finance/upt/${order.a.id}/payments`, {
        form: { intent: 'confirm', paymentId: pa.id },
        cookie: fin.cookie,
      }),
      { uptId: order.a.id },
    )
    expect(r.status).toBe(400)
  })

  test('finance refunds a bank-transfer sub-order in full with restock: refunded at once, stock back', async () => {
    const db = testDb()
    const { order, payments } = await transferOrder(db)
    const pa = payments.find((p) => p.upt_id === order.a.id)!
    const fin = await financeOf(db, order.a.id)
    await call(
      financeAction,
      makeRequest(`/finance/upt/${order.a.id}/payments`, {
        form: { intent: 'confirm', paymentId: pa.id },
        cookie: fin.cookie,
      }),
      { uptId: order.a.id },
    )
    const sub = await db
      .selectFrom('sub_orders')
      .selectAll()
      .where('id', '=', pa.sub_order_id!)
      .executeTakeFirstOrThrow()
    const url = `/finance/upt/${order.a.id}/payments/refund/${sub.id}`
    const params = { uptId: order.a.id, subOrderId: sub.id }
    const unconfirmed = await call(
      refundAction,
      makeRequest(url, { form: { amount: String(sub.total), reason: 'Barang rusak' }, cookie: fin.cookie }),
      params,
    )
    expect(unconfirmed.status).toBe(400)
    expect(await db.selectFrom('refunds').selectAll().execute()).toHaveLength(0)
    const r = await call(
      refundAction,
      makeRequest(url, {
        form: { amount: String(sub.total), reason: 'Barang rusak', restock: 'on', confirm: 'on' },
        cookie: fin.cookie,
      }),
      params,
    )
    expect(r.status).toBe(302)
    expect(
      (await db.selectFrom('sub_orders').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status,
    ).toBe('refunded')
    expect(await stockOf(db, order.products[0]!)).toBe(5)
  })
})
