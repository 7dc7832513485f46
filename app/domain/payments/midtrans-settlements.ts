import crypto from 'node:crypto'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { audit } from '#app/domain/audit/log.ts'
import { postPayout } from '#app/domain/ledger/postings.ts'
import { nowIso } from '#app/lib/time.ts'
import type { ReportError, SettlementLine } from './midtrans-settlement-report.ts'

/**
 * Midtrans settlements in the books (ADR 028). Midtrans has no payout API: it transfers settled
 * transactions, less its fee, to the portal's collection account and lists them in a settlement
 * report. National finance uploads the report; every line must be a paid Midtrans payment not yet
 * settled whose gross and fee are exactly what the ledger booked (ADR 022). Then, in one
 * transaction, each UPT's share (its gross less its fee share) is booked as
 * `midtrans-settlement:<settlement>:<upt>` (Dr bank / Cr clearing:midtrans), so the settled
 * payments' clearing returns to zero. A report with any wrong line books nothing.
 */

export const settlementReference = (settlementId: string, uptId: string) =>
  `midtrans-settlement:${settlementId}:${uptId}`

/** The same lines make the same id: a report uploaded twice is one settlement. */
export function settlementId(lines: SettlementLine[]): string {
  const canonical = lines
    .map((l) => `${l.orderId}|${l.gross}|${l.fee}|${l.net}|${l.settledOn}`)
    .sort()
    .join('\n')
  return `mts_${crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 24)}`
}

export type SettlementOutcome =
  | { ok: true; state: 'booked' | 'already'; id: string; upts: number; net: number }
  | { ok: false; errors: ReportError[]; field?: 'bankReference' }

interface Share {
  uptId: string
  gross: number
  fees: number
  transactions: number
}

export async function bookMidtransSettlement(
  db: DB,
  input: {
    lines: SettlementLine[]
    settledOn: string
    bankReference: string
    fileName: string | null
    actorUserId: string | null
    ip?: string | null
  },
  now: Date = new Date(),
): Promise<SettlementOutcome> {
  const id = settlementId(input.lines)
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('midtrans_settlements')
      .select(['id', 'bank_reference', 'net'])
      .where((eb) => eb.or([eb('id', '=', id), eb('bank_reference', '=', input.bankReference)]))
      .execute()
    const same = existing.find((s) => s.id === id)
    if (same) {
      const upts = await trx
        .selectFrom('midtrans_settlement_allocations')
        .select('upt_id')
        .where('settlement_id', '=', id)
        .execute()
      return { ok: true, state: 'already', id, upts: upts.length, net: same.net }
    }
    if (existing.length)
      return {
        ok: false,
        field: 'bankReference',
        errors: [{ row: 0, code: 'mtSettle.bankReferenceUsed', value: input.bankReference }],
      }

    const orderIds = input.lines.map((l) => l.orderId)
    const payments = await trx
      .selectFrom('payments')
      .select(['id', 'status', 'amount_refunded', 'provider_session_id', 'provider_payment_intent_id'])
      .where('provider', '=', 'midtrans')
      .where('provider_session_id', 'in', orderIds)
      .execute()
    const byOrder = new Map(payments.map((p) => [p.provider_session_id!, p]))
    const settled = payments.length
      ? await trx
          .selectFrom('midtrans_settlement_lines as l')
          .innerJoin('midtrans_settlements as s', 's.id', 'l.settlement_id')
          .select(['l.payment_id', 's.bank_reference', 's.settled_on'])
          .where(
            'l.payment_id',
            'in',
            payments.map((p) => p.id),
          )
          .execute()
      : []
    const settledBy = new Map(settled.map((s) => [s.payment_id, s]))

    const errors: ReportError[] = []
    const shares = new Map<string, Share>()
    const booked: { line: SettlementLine; paymentId: string }[] = []
    for (const line of input.lines) {
      const p = byOrder.get(line.orderId)
      if (!p) {
        errors.push({ row: line.row, code: 'mtSettle.unknown', value: line.orderId })
        continue
      }
      const before = settledBy.get(p.id)
      if (before) {
        errors.push({
          row: line.row,
          code: 'mtSettle.already.line',
          value: line.orderId,
          params: { reference: before.bank_reference, date: before.settled_on },
        })
        continue
      }
      if (p.status !== 'paid') {
        errors.push({ row: line.row, code: 'mtSettle.notPaid', value: line.orderId })
        continue
      }
      if (p.amount_refunded > 0) {
        errors.push({ row: line.row, code: 'mtSettle.refunded', value: line.orderId })
        continue
      }
      // What the ledger booked for this transaction, per UPT: payment entries and fee entries.
      const txn = p.provider_payment_intent_id ?? p.provider_session_id!
      const entries = await trx
        .selectFrom('ledger_entries')
        .select(['upt_id', 'kind', 'reference', 'amount'])
        .where('provider', '=', 'midtrans')
        .where((eb) =>
          eb.or([
            eb.and([eb('reference', '>=', `midtrans:${txn}:`), eb('reference', '<', `midtrans:${txn};`)]),
            eb.and([eb('reference', '>=', `midtrans-fee:${txn}:`), eb('reference', '<', `midtrans-fee:${txn};`)]),
          ]),
        )
        .execute()
      const gross = entries.filter((e) => e.kind === 'payment').reduce((s, e) => s + e.amount, 0)
      const fee = entries.filter((e) => e.kind === 'fee').reduce((s, e) => s + e.amount, 0)
      if (gross !== line.gross || fee !== line.fee) {
        errors.push({
          row: line.row,
          code: 'mtSettle.mismatch',
          value: line.orderId,
          params: { gross: line.gross, fee: line.fee, bookedGross: gross, bookedFee: fee },
        })
        continue
      }
      booked.push({ line, paymentId: p.id })
      const upts = new Set<string>()
      for (const e of entries) {
        const s = shares.get(e.upt_id) ?? { uptId: e.upt_id, gross: 0, fees: 0, transactions: 0 }
        if (e.kind === 'payment') s.gross += e.amount
        else s.fees += e.amount
        if (!upts.has(e.upt_id)) s.transactions += 1
        upts.add(e.upt_id)
        shares.set(e.upt_id, s)
      }
    }
    if (errors.length) return { ok: false, errors }

    const at = nowIso(now)
    const postedAt = new Date(`${input.settledOn}T12:00:00+07:00`).toISOString()
    const total = { gross: 0, fees: 0 }
    for (const l of input.lines) {
      total.gross += l.gross
      total.fees += l.fee
    }
    await trx
      .insertInto('midtrans_settlements')
      .values({
        id,
        bank_reference: input.bankReference,
        settled_on: input.settledOn,
        gross: total.gross,
        fees: total.fees,
        net: total.gross - total.fees,
        transactions: input.lines.length,
        file_name: input.fileName,
        created_by: input.actorUserId,
        created_at: at,
      })
      .execute()
    for (const b of booked) {
      await trx
        .insertInto('midtrans_settlement_lines')
        .values({
          settlement_id: id,
          payment_id: b.paymentId,
          midtrans_order_id: b.line.orderId,
          gross: b.line.gross,
          fee: b.line.fee,
          net: b.line.net,
        })
        .execute()
    }
    const allocations = [...shares.values()].sort((a, b) => a.uptId.localeCompare(b.uptId))
    for (const s of allocations) {
      const net = s.gross - s.fees
      if (net > 0) {
        await postPayout(trx, {
          reference: settlementReference(id, s.uptId),
          uptId: s.uptId,
          provider: 'midtrans',
          amount: net,
          at: postedAt,
          sourceType: 'midtrans_settlement',
          sourceId: id,
        })
      }
      await trx
        .insertInto('midtrans_settlement_allocations')
        .values({ settlement_id: id, upt_id: s.uptId, gross: s.gross, fees: s.fees, net, transactions: s.transactions })
        .execute()
    }
    await audit(trx, {
      actorUserId: input.actorUserId,
      ip: input.ip ?? null,
      action: 'payments.midtrans.settled',
      targetType: 'midtrans_settlement',
      targetId: id,
      details: {
        bankReference: input.bankReference,
        settledOn: input.settledOn,
        net: total.gross - total.fees,
        transactions: input.lines.length,
        upts: allocations.map((a) => ({ upt: a.uptId, net: a.gross - a.fees, fees: a.fees })),
      },
    })
    return { ok: true, state: 'booked', id, upts: allocations.length, net: total.gross - total.fees }
  })
}

export const SETTLEMENTS_PAGE_SIZE = 10

/** Settlements for national finance (all UPTs) or one UPT (only those with a share for it, and only that share), newest first. */
export async function listMidtransSettlements(db: DB, input: { uptId: string | null; page: number }) {
  let q = db.selectFrom('midtrans_settlements as s')
  if (input.uptId)
    q = q.innerJoin('midtrans_settlement_allocations as a', (j) =>
      j.onRef('a.settlement_id', '=', 's.id').on('a.upt_id', '=', input.uptId!),
    )
  const [rows, count] = await Promise.all([
    q
      .select([
        's.id',
        's.bank_reference',
        's.settled_on',
        's.gross',
        's.fees',
        's.net',
        's.transactions',
        's.created_at',
      ])
      .orderBy('s.settled_on', 'desc')
      .orderBy('s.created_at', 'desc')
      .limit(SETTLEMENTS_PAGE_SIZE)
      .offset((input.page - 1) * SETTLEMENTS_PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const ids = rows.map((r) => r.id)
  let aq = db
    .selectFrom('midtrans_settlement_allocations as a')
    .innerJoin('upts as u', 'u.id', 'a.upt_id')
    .leftJoin('upt_bank_accounts as b', 'b.upt_id', 'a.upt_id')
    .select([
      'a.settlement_id',
      'a.upt_id',
      'u.name as upt_name',
      'a.gross',
      'a.fees',
      'a.net',
      'a.transactions',
      'b.bank_name',
      'b.account_number',
    ])
    .orderBy('u.name')
  if (input.uptId) aq = aq.where('a.upt_id', '=', input.uptId)
  const allocations = ids.length ? await aq.where('a.settlement_id', 'in', ids).execute() : []
  return {
    total: Number(count.n),
    settlements: rows.map((r) => ({
      // a UPT's finance sees its own share, not the whole transfer
      ...(input.uptId ? { ...r, gross: undefined, fees: undefined, net: undefined, transactions: undefined } : r),
      allocations: allocations.filter((a) => a.settlement_id === r.id),
    })),
  }
}
