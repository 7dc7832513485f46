import { beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { balances, ledgerProblems } from '#app/domain/ledger/invariants.ts'
import { ensureNationalSplitRule } from '#app/domain/ledger/split-rules.ts'
import { midtransFee } from '#app/domain/payments/midtrans-fees.ts'
import { readRupiah, readSettlementReport } from '#app/domain/payments/midtrans-settlement-report.ts'
import {
  createMidtransProvider,
  MOCK_MIDTRANS,
  signedMidtransNotification,
} from '#app/integrations/payments/midtrans.server.ts'
import { action as webhook } from '#app/routes/webhooks.midtrans.ts'
import { action, loader } from '#app/routes/finance.payouts.tsx'
import { createUser, sessionCookieFor } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { midtransMock } from '#tests/mocks/midtrans.ts'
import { twoUptOrder } from '#tests/payments-support.ts'

beforeEach(() => midtransMock.reset())

const HEADER = 'Order ID,Transaction ID,Payment Type,Gross Amount,Fee,Net Amount,Settlement Date'
const TODAY = new Date().toISOString().slice(0, 10)

/** An order across two UPTs paid on (mocked) Snap by `channel`; what Midtrans' report would say of it. */
async function paidByMidtrans(db: DB, channel: 'qris' | 'va' = 'qris') {
  const order = await twoUptOrder(db)
  await startCardPayment(db, createMidtransProvider(MOCK_MIDTRANS), {
    orderId: order.orderId,
    orderUrl: 'http://localhost:3000/x',
  })
  const payment = await db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', order.orderId)
    .executeTakeFirstOrThrow()
  const status = midtransMock.settle(payment.provider_session_id!, channel)
  const r = await call(
    webhook,
    new Request('http://localhost:3000/webhooks/midtrans', {
      method: 'POST',
      body: JSON.stringify(signedMidtransNotification(status, MOCK_MIDTRANS.serverKey)),
    }),
  )
  expect(r.status).toBe(200)
  const fee = midtransFee(channel === 'qris' ? 'qris' : 'bank_transfer', order.total)
  return {
    order,
    orderId: payment.provider_session_id!,
    gross: order.total,
    fee,
    line: `${payment.provider_session_id},${String(status.transaction_id)},${String(status.payment_type)},${order.total}.00,${fee}.00,${order.total - fee}.00,${TODAY} 10:15:00`,
  }
}

function upload(cookie: string, csv: string, bankReference = 'MIDTRANS STL 0412') {
  const form = new FormData()
  form.set('intent', 'midtrans')
  form.set('bankReference', bankReference)
  form.set('report', new File([csv], 'settlement.csv', { type: 'text/csv' }))
  return call(
    action,
    new Request('http://localhost:3000/finance/payouts', {
      method: 'POST',
      body: form,
      headers: { cookie, 'x-client-ip': '203.0.113.7' },
    }),
  )
}

const count = async (db: DB) => ({
  settlements: (await db.selectFrom('midtrans_settlements').select('id').execute()).length,
  payouts: (
    await db
      .selectFrom('ledger_entries')
      .select('id')
      .where('kind', '=', 'payout')
      .where('provider', '=', 'midtrans')
      .execute()
  ).length,
})

async function clearing(db: DB, uptId: string) {
  return (await balances(db, uptId)).find((b) => b.account === 'clearing:midtrans')?.balance ?? 0
}

describe('Midtrans settlement reports booked per UPT (ADR 028)', () => {
  test('national finance books a report across two UPTs: each UPT gets its share, clearing returns to zero, audited; the same report twice books once', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const one = await paidByMidtrans(db, 'qris')
    const two = await paidByMidtrans(db, 'va')
    const national = await sessionCookieFor(db, (await createUser(db, { role: 'finance', totp: true })).id)
    const financeA = await sessionCookieFor(
      db,
      (await createUser(db, { role: 'finance', uptId: one.order.a.id, totp: true })).id,
    )
    for (const upt of [one.order.a.id, one.order.b.id]) expect(await clearing(db, upt)).toBeGreaterThan(0)

    const csv = `${HEADER}\r\n${one.line}\r\n${two.line}\r\n`
    const booked = await upload(national, csv)
    expect(booked.status).toBe(302)
    expect(decodeURIComponent(booked.headers.get('set-cookie') ?? '')).toContain('mtSettle.booked')
    const net = one.gross - one.fee + two.gross - two.fee
    // each UPT: Dr bank / Cr clearing:midtrans for its share; the shares sum to the transfer
    const entries = await db
      .selectFrom('ledger_entries')
      .select(['upt_id', 'amount', 'reference', 'source_type'])
      .where('kind', '=', 'payout')
      .where('provider', '=', 'midtrans')
      .execute()
    expect(entries).toHaveLength(2)
    expect(
      entries.every((e) => e.source_type === 'midtrans_settlement' && e.reference.startsWith('midtrans-settlement:')),
    ).toBe(true)
    expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(net)
    for (const upt of [one.order.a.id, one.order.b.id]) expect(await clearing(db, upt)).toBe(0)
    expect(await ledgerProblems(db)).toEqual([])
    const audited = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'payments.midtrans.settled')
      .execute()
    expect(audited).toHaveLength(1)
    expect(JSON.parse(audited[0]!.details!)).toMatchObject({ bankReference: 'MIDTRANS STL 0412', net, transactions: 2 })

    // national finance sees the whole transfer and both shares
    const all = (await call(loader, makeRequest('/finance/payouts', { cookie: national }))).data
    expect(all.settlements).toHaveLength(1)
    expect(all.settlements[0]).toMatchObject({ net, transactions: 2, bank_reference: 'MIDTRANS STL 0412' })
    expect(all.settlements[0].allocations.reduce((s: number, a: { net: number }) => s + a.net, 0)).toBe(net)
    // a UPT's finance sees its own share only, not the transfer's total
    const own = (await call(loader, makeRequest('/finance/payouts', { cookie: financeA }))).data
    expect(own.settlements).toHaveLength(1)
    expect(own.settlements[0].net).toBeUndefined()
    expect(own.settlements[0].allocations.map((a: { upt_id: string }) => a.upt_id)).toEqual([one.order.a.id])

    // the same report again (lines in another order, another reference typed): booked once
    const again = await upload(national, `${HEADER}\n${two.line}\n${one.line}\n`, 'MIDTRANS STL 0412 lagi')
    expect(again.status).toBe(302)
    expect(decodeURIComponent(again.headers.get('set-cookie') ?? '')).toContain('mtSettle.already')
    expect(await count(db)).toEqual({ settlements: 1, payouts: 2 })
  })

  test('a line whose fee differs from the booked fee is refused, named, and nothing is written', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const one = await paidByMidtrans(db)
    const two = await paidByMidtrans(db)
    const national = await sessionCookieFor(db, (await createUser(db, { role: 'finance', totp: true })).id)
    const [orderId, txn, type] = two.line.split(',')
    const off = `${orderId},${txn},${type},${two.gross}.00,${two.fee + 1}.00,${two.gross - two.fee - 1}.00,${TODAY}`
    const r = await upload(national, `${HEADER}\n${one.line}\n${off}\n`)
    expect(r.status).toBe(400)
    expect(r.data.settlement.fields.report).toBe('mtSettle.fileProblems')
    expect(r.data.settlement.lines).toEqual([
      {
        row: 3,
        code: 'mtSettle.mismatch',
        value: two.orderId,
        params: { gross: two.gross, fee: two.fee + 1, bookedGross: two.gross, bookedFee: two.fee },
      },
    ])
    expect(r.data.settlement.values.bankReference).toBe('MIDTRANS STL 0412')
    expect(await count(db)).toEqual({ settlements: 0, payouts: 0 })
    expect(await clearing(db, one.order.a.id)).toBeGreaterThan(0)
  })

  test('unknown, unpaid and already-settled order ids are each named; a reused bank reference is refused next to its field', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const one = await paidByMidtrans(db)
    const national = await sessionCookieFor(db, (await createUser(db, { role: 'finance', totp: true })).id)
    expect((await upload(national, `${HEADER}\n${one.line}\n`, 'STL-1')).status).toBe(302)

    // an order started on Snap but never paid
    const unpaid = await twoUptOrder(db)
    await startCardPayment(db, createMidtransProvider(MOCK_MIDTRANS), {
      orderId: unpaid.orderId,
      orderUrl: 'http://localhost:3000/x',
    })
    const pending = await db
      .selectFrom('payments')
      .select('provider_session_id')
      .where('order_id', '=', unpaid.orderId)
      .executeTakeFirstOrThrow()
    const fresh = await paidByMidtrans(db)
    const csv = [
      HEADER,
      one.line,
      `ML-NOPE-MT1,t,qris,100000,700,99300,${TODAY}`,
      `${pending.provider_session_id},t,qris,${unpaid.total},0,${unpaid.total},${TODAY}`,
      fresh.line,
    ].join('\n')
    const r = await upload(national, csv, 'STL-2')
    expect(r.status).toBe(400)
    expect(
      r.data.settlement.lines.map((l: { row: number; code: string; value: string }) => [l.row, l.code, l.value]),
    ).toEqual([
      [2, 'mtSettle.already.line', one.orderId],
      [3, 'mtSettle.unknown', 'ML-NOPE-MT1'],
      [4, 'mtSettle.notPaid', pending.provider_session_id],
    ])
    expect(await count(db)).toEqual({ settlements: 1, payouts: 2 })

    const reused = await upload(national, `${HEADER}\n${fresh.line}\n`, 'STL-1')
    expect(reused.status).toBe(400)
    expect(reused.data.settlement.fields).toEqual({ bankReference: 'mtSettle.bankReferenceUsed' })
    expect(await count(db)).toEqual({ settlements: 1, payouts: 2 })
  })

  test("bad files: wrong columns, Excel-style amounts, a missing reference or file; a UPT's finance cannot book", async () => {
    const db = testDb()
    await ensureNationalSplitRule(db)
    const one = await paidByMidtrans(db)
    const national = await sessionCookieFor(db, (await createUser(db, { role: 'finance', totp: true })).id)
    const financeA = await sessionCookieFor(
      db,
      (await createUser(db, { role: 'finance', uptId: one.order.a.id, totp: true })).id,
    )

    const columns = await upload(national, `Order,Amount\n${one.orderId},${one.gross}\n`)
    expect(columns.status).toBe(400)
    expect(columns.data.settlement.lines).toEqual([
      { row: 1, code: 'mtSettle.columns', value: 'order_id, fee, net_amount, settlement_date' },
    ])

    const excel = await upload(
      national,
      `${HEADER.replaceAll(',', ';')}\n${one.orderId};t;qris;1.250.000,00;${one.fee};${one.gross - one.fee};${TODAY}\n`,
    )
    expect(excel.status).toBe(400)
    expect(excel.data.settlement.lines).toEqual([
      { row: 2, code: 'mtSettle.amount', value: one.orderId, params: { column: 'Gross Amount', cell: '1.250.000,00' } },
    ])

    const missing = await call(
      action,
      makeRequest('/finance/payouts', { cookie: national, form: { intent: 'midtrans', bankReference: ' ' } }),
    )
    expect(missing.status).toBe(400)
    expect(missing.data.settlement.fields).toEqual({
      bankReference: 'mtSettle.bankReferenceRequired',
      report: 'mtSettle.fileRequired',
    })

    expect((await upload(financeA, `${HEADER}\n${one.line}\n`)).status).toBe(403)
    expect(await count(db)).toEqual({ settlements: 0, payouts: 0 })
  })

  test('the report reader: whole rupiah only, dates checked, one date per report, nothing in the future', () => {
    expect(readRupiah('125000')).toBe(125_000)
    expect(readRupiah('125000.00')).toBe(125_000)
    for (const bad of ['1.250.000,00', '1,250,000', '125000.50', '-5', 'Rp 125000', ''])
      expect(readRupiah(bad)).toBeNull()
    const enc = (s: string) => new TextEncoder().encode(s)
    const head = 'order_id,gross_amount,fee,net_amount,settlement_date'
    expect(readSettlementReport(enc(`${head}\nA-MT1,1000,7,993,2026-02-30\n`), '2026-12-06')).toMatchObject({
      ok: false,
      errors: [{ row: 2, code: 'mtSettle.date' }],
    })
    expect(readSettlementReport(enc(`${head}\nA-MT1,1000,7,993,2026-12-07\n`), '2026-12-06')).toMatchObject({
      ok: false,
      errors: [{ row: 2, code: 'mtSettle.future' }],
    })
    expect(
      readSettlementReport(enc(`${head}\nA-MT1,1000,7,993,2026-12-01\nB-MT1,1000,7,993,2026-12-02\n`), '2026-12-06'),
    ).toMatchObject({ ok: false, errors: [{ row: 0, code: 'mtSettle.manyDates' }] })
    expect(readSettlementReport(enc(`${head}\nA-MT1,1000,7,990,2026-12-01\n`), '2026-12-06')).toMatchObject({
      ok: false,
      errors: [{ row: 2, code: 'mtSettle.netMismatch' }],
    })
    expect(
      readSettlementReport(enc(`${head}\nA-MT1,1000,7,993,2026-12-01\nA-MT1,1000,7,993,2026-12-01\n`), '2026-12-06'),
    ).toMatchObject({ ok: false, errors: [{ row: 3, code: 'mtSettle.duplicate' }] })
    expect(
      readSettlementReport(enc(`\uFEFF${head}\r\nA-MT1,1000.00,7.00,993.00,2026-12-01 23:59:59\r\n`), '2026-12-06'),
    ).toEqual({
      ok: true,
      settledOn: '2026-12-01',
      lines: [{ row: 2, orderId: 'A-MT1', gross: 1000, fee: 7, net: 993, settledOn: '2026-12-01' }],
    })
    expect(readSettlementReport(enc(head), '2026-12-06')).toMatchObject({
      ok: false,
      errors: [{ code: 'mtSettle.empty.file' }],
    })
  })
})
