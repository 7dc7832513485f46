import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { DEMO_CERTIFIED, DEMO_PAST_YEARS, DEMO_TRAINED } from '#db/seed/demo-matching.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { loader as financeLoader } from '#app/routes/finance._index.tsx'
import { loader as reportLoader } from '#app/routes/finance.report.tsx'
import { loader as reportCsvLoader } from '#app/routes/finance.report[.]csv.tsx'
import { loader as uptFinanceLoader } from '#app/routes/finance.upt.$uptId._index.tsx'
import { loader as ledgerLoader } from '#app/routes/finance.upt.$uptId.ledger.tsx'
import { loader as ledgerCsvLoader } from '#app/routes/finance.upt.$uptId.ledger[.]csv.tsx'
import { loader as impactLoader } from '#app/routes/impact.tsx'
import { getEnv } from '#app/lib/env.server.ts'
import { todayIn } from '#app/lib/time.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { sessionCookieFor } from '#tests/factories.ts'
import { TMP } from '#tests/setup/paths.ts'
import { testDb } from '#tests/setup/setup-each.ts'

/** Seeding the whole demo is the heaviest thing an integration test does (slow on a loaded machine). */
const SEED_TIMEOUT = 120_000

// The demo seed writes product photos: keep them out of the working tree.
let uploadDir: string | undefined
beforeEach(() => {
  uploadDir = process.env.UPLOAD_DIR
  process.env.UPLOAD_DIR = path.join(TMP, `demo-seed-uploads-${process.env.VITEST_POOL_ID ?? process.pid}`)
})
afterEach(() => {
  if (uploadDir === undefined) delete process.env.UPLOAD_DIR
  else process.env.UPLOAD_DIR = uploadDir
})

function monthShift(month: string, delta: number) {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7)
}

/** Everything the seed dated, per UPT zone where the date is a local day, that lies after `now`. */
async function futureRows(db: DB, now: Date) {
  const iso = now.toISOString()
  const zones = new Map(
    (
      await db
        .selectFrom('upts as u')
        .innerJoin('provinces as p', 'p.id', 'u.province_id')
        .select(['u.id', sql<string>`coalesce(u.timezone, p.timezone)`.as('zone')])
        .execute()
    ).map((u) => [u.id, u.zone]),
  )
  const today = (uptId: string) => todayIn(zones.get(uptId)!, now)
  const out: string[] = []
  for (const e of await db
    .selectFrom('ledger_entries')
    .select(['reference', 'upt_id', 'occurred_at', 'day', 'month'])
    .execute()) {
    if (e.occurred_at > iso || e.day > today(e.upt_id) || e.month > today(e.upt_id).slice(0, 7))
      out.push(`ledger ${e.reference} ${e.occurred_at} ${e.day}`)
  }
  for (const l of await db.selectFrom('ledger_lines').select(['upt_id', 'day', 'month']).execute()) {
    if (l.day > today(l.upt_id) || l.month > today(l.upt_id).slice(0, 7)) out.push(`ledger line ${l.day}`)
  }
  for (const o of await db.selectFrom('orders').select(['order_number', 'created_at', 'paid_at']).execute()) {
    if (o.created_at > iso || (o.paid_at ?? '') > iso) out.push(`order ${o.order_number}`)
  }
  for (const p of await db.selectFrom('payments').select(['reference', 'created_at', 'paid_at']).execute()) {
    if (p.created_at > iso || (p.paid_at ?? '') > iso) out.push(`payment ${p.reference}`)
  }
  for (const d of await db.selectFrom('pnbp_deposits').select(['ntpn', 'upt_id', 'paid_date']).execute())
    if (d.paid_date > today(d.upt_id)) out.push(`deposit ${d.ntpn} ${d.paid_date}`)
  for (const b of await db.selectFrom('pnbp_billings').select(['kode_billing', 'upt_id', 'billing_date']).execute())
    if (b.billing_date > today(b.upt_id)) out.push(`billing ${b.kode_billing} ${b.billing_date}`)
  for (const p of await db.selectFrom('stripe_payouts').select(['id', 'arrival_date']).execute())
    if (p.arrival_date > iso) out.push(`payout ${p.id} ${p.arrival_date}`)
  for (const o of await db.selectFrom('outcomes').select(['upt_id', 'occurred_on']).execute())
    if (o.occurred_on > today(o.upt_id)) out.push(`outcome ${o.occurred_on}`)
  for (const e of await db.selectFrom('sub_order_events').select(['at']).execute())
    if (e.at > iso) out.push(`sub-order event ${e.at}`)
  for (const r of await db.selectFrom('product_reviews').select(['created_at', 'replied_at']).execute())
    if (r.created_at > iso || (r.replied_at ?? '') > iso) out.push(`review ${r.created_at}`)
  return out
}

/** Demo reviews that are not on a completed line, or dated before its delivery was completed, or before the product was listed. */
async function misplacedReviews(db: DB) {
  const rows = await db
    .selectFrom('product_reviews as r')
    .innerJoin('order_lines as l', 'l.id', 'r.order_line_id')
    .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .select([
      'r.id',
      'r.created_at',
      'r.product_id',
      'r.upt_id',
      'r.reviewer_name',
      'l.product_id as line_product',
      's.id as sub_id',
      's.upt_id as sub_upt',
      's.status',
      'p.created_at as listed',
    ])
    .execute()
  const out: string[] = []
  for (const r of rows) {
    const done = await db
      .selectFrom('sub_order_events')
      .select('at')
      .where('sub_order_id', '=', r.sub_id)
      .where('to_status', '=', 'completed')
      .executeTakeFirst()
    if (
      r.status !== 'completed' ||
      !done ||
      r.created_at < done.at ||
      r.product_id !== r.line_product ||
      r.upt_id !== r.sub_upt
    )
      out.push(`review ${r.id} on a ${r.status} line`)
    const placed = await db
      .selectFrom('sub_order_events')
      .select('at')
      .where('sub_order_id', '=', r.sub_id)
      .where('to_status', '=', 'paid')
      .executeTakeFirstOrThrow()
    if (placed.at < r.listed) out.push(`order before its product was listed (${r.id})`)
    if (r.reviewer_name && !/^\S+ \p{Lu}\.$/u.test(r.reviewer_name)) out.push(`full name shown: ${r.reviewer_name}`)
  }
  if (rows.length < 4) out.push(`only ${rows.length} demo reviews`)
  return out
}

// "Today" as the seed may meet it: the 1st just after midnight (WIB), the 6th (the reported case),
// the 28th, and 1 January just after midnight in Bali while Jakarta is still on 31 December.
const DAYS = [
  '2026-12-06T10:00:00+07:00',
  '2027-02-01T00:20:00+07:00',
  '2027-02-28T21:00:00+07:00',
  '2027-01-01T00:05:00+08:00',
  '2027-03-01T08:00:00+09:00',
]

describe('demo data a finance officer would believe', { timeout: SEED_TIMEOUT }, () => {
  for (const day of DAYS) {
    test(`seeded at ${day}: nothing is dated in the future, and the three months differ`, async () => {
      const db = testDb()
      const now = new Date(day)
      expect(await seedDemo(db, getEnv().encryptionKey, now)).toBe(true)
      expect(await futureRows(db, now)).toEqual([])
      expect(await misplacedReviews(db)).toEqual([])
      // every month of a UPT's demo history has its own figures (sales and sale count)
      const sums = await db
        .selectFrom('ledger_lines')
        .select(['upt_id', 'month', sql<number>`sum(credit)`.as('c'), sql<number>`count(distinct entry_id)`.as('n')])
        .where('kind', '=', 'payment')
        .where('account', 'not like', 'clearing:%')
        .groupBy(['upt_id', 'month'])
        .execute()
      const byUpt = new Map<string, string[]>()
      for (const s of sums) byUpt.set(s.upt_id, [...(byUpt.get(s.upt_id) ?? []), `${s.c}/${s.n}`])
      const withHistory = [...byUpt.values()].filter((v) => v.length >= 3)
      expect(withHistory.length).toBeGreaterThanOrEqual(2)
      for (const months of withHistory) expect(new Set(months).size).toBe(months.length)
    })
  }

  test('the finance dashboard, report (page and CSV), UPT pages, ledger (page and CSV) and impact page agree', async () => {
    const db = testDb()
    const now = new Date()
    expect(await seedDemo(db, getEnv().encryptionKey, now)).toBe(true)
    const national = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'keuangan@mitralipas.demo')
      .executeTakeFirstOrThrow()
    const cookie = await sessionCookieFor(db, national.id)
    const current = todayIn('Asia/Jakarta', now).slice(0, 7)
    const months = [monthShift(current, -2), monthShift(current, -1), current]
    const seen: string[] = []
    for (const month of months) {
      const dashboard = (await call(financeLoader, makeRequest(`/finance?month=${month}`, { cookie }))).data
      const report = (await call(reportLoader, makeRequest(`/finance/report?month=${month}`, { cookie }))).data
      expect(dashboard.rows.length).toBeGreaterThanOrEqual(2)
      expect(dashboard.rows).toEqual(report.rows)
      expect(dashboard.total).toEqual(report.total)
      seen.push(JSON.stringify(report.total))
      const csv = (await call(reportCsvLoader, makeRequest(`/finance/report.csv?month=${month}`, { cookie })))
        .data as string
      const [head, ...lines] = csv
        .trim()
        .split('\r\n')
        .map((l) => l.split(','))
      const fromCsv = lines.map((l) => Object.fromEntries(head!.map((h, i) => [h, l[i]])))
      expect(fromCsv.map((r) => r.upt_id).sort()).toEqual(report.rows.map((r: { uptId: string }) => r.uptId).sort())
      for (const row of report.rows) {
        const c = fromCsv.find((r) => r.upt_id === row.uptId)!
        for (const [field, column] of [
          ['grossSales', 'gross_sales'],
          ['refunds', 'refunds'],
          ['base', 'base'],
          ['pnbpDue', 'pnbp_due'],
          ['deposited', 'deposited'],
          ['outstanding', 'outstanding'],
          ['premi', 'premi'],
          ['shipping', 'shipping'],
          ['uniqueCodes', 'unique_codes'],
          ['lateAmount', 'late_amount'],
        ] as const) {
          expect([row.uptName, field, Number(c[column])]).toEqual([row.uptName, field, row[field]])
        }
        // the UPT's own finance page shows the same figures
        const upt = (
          await call(uptFinanceLoader, makeRequest(`/finance/upt/${row.uptId}?month=${month}`, { cookie }), {
            uptId: row.uptId,
          })
        ).data
        expect(upt.figures).toEqual(row)
        // the ledger's month, summed line by line from its CSV, is what the report says
        const journal = (
          await call(ledgerCsvLoader, makeRequest(`/finance/upt/${row.uptId}/ledger.csv?month=${month}`, { cookie }), {
            uptId: row.uptId,
          })
        ).data as string
        const net = (account: string, kinds: string[]) =>
          journal
            .trim()
            .split('\r\n')
            .slice(1)
            .map((l) => l.split(','))
            .filter((l) => l[4] === account && kinds.includes(l[2]!))
            .reduce((s, l) => s + Number(l[6]) - Number(l[5]), 0)
        expect(net('pnbp_payable', ['payment', 'refund'])).toBe(row.pnbpDue)
        expect(0 - net('pnbp_payable', ['deposit'])).toBe(row.deposited)
        expect(net('premi_pool', ['payment', 'refund'])).toBe(row.premi)
        expect(net('shipping_payable', ['payment', 'refund'])).toBe(row.shipping)
        // and the ledger page's trial balance moved by exactly the month's outstanding PNBP
        const tb = async (m: string) =>
          (
            (
              await call(ledgerLoader, makeRequest(`/finance/upt/${row.uptId}/ledger?month=${m}`, { cookie }), {
                uptId: row.uptId,
              })
            ).data.balance.accounts as { account: string; balance: number }[]
          ).find((a) => a.account === 'pnbp_payable')?.balance ?? 0
        expect((await tb(month)) - (await tb(monthShift(month, -1)))).toBe(row.outstanding)
      }
    }
    expect(new Set(seen).size).toBe(3)

    // impact: the national realisation is the sum of its Kanwil rows, which differ, and each Kanwil's own page agrees
    const impact = (await call(impactLoader, makeRequest('/impact?year=2026'))).data
    expect(impact.r.total).toEqual({ trained: DEMO_TRAINED, certified: DEMO_CERTIFIED })
    const rows = impact.r.byArea as { id: string; trained: number; certified: number }[]
    expect(rows.reduce((s, r) => s + r.trained, 0)).toBe(DEMO_TRAINED)
    expect(rows.reduce((s, r) => s + r.certified, 0)).toBe(DEMO_CERTIFIED)
    expect(rows.length).toBeGreaterThanOrEqual(6)
    expect(new Set(rows.map((r) => `${r.trained}/${r.certified}`)).size).toBe(rows.length)
    const withTargets = impact.r.byArea as {
      id: string
      trained: number
      certified: number
      targetTrained: number | null
      targetCertified: number | null
    }[]
    for (const r of withTargets) {
      const kanwil = (await call(impactLoader, makeRequest(`/impact?year=2026&kanwil=${r.id}`))).data
      expect(kanwil.r.total).toEqual({ trained: r.trained, certified: r.certified })
      // every Kanwil with results has its own targets (issue 15, item 3), the same on its own page, and is not yet past them
      expect(r.targetTrained).toBeGreaterThan(r.trained)
      expect(r.targetCertified).toBeGreaterThan(r.certified)
      expect(kanwil.r.target).toEqual({ trained: r.targetTrained, certified: r.targetCertified })
    }
    // the Kanwil targets fit inside the national one
    expect(withTargets.reduce((s, r) => s + r.targetTrained!, 0)).toBeLessThanOrEqual(impact.r.target.trained)
    expect(withTargets.reduce((s, r) => s + r.targetCertified!, 0)).toBeLessThanOrEqual(impact.r.target.certified)
    // the map's provinces and the trend's year add up to the national figures, and nothing is dated in the future
    const provinces = impact.provinceFigures as { id: string; trained: number; certified: number }[]
    expect(provinces).toHaveLength(38)
    expect(provinces.reduce((s, p) => s + p.trained, 0)).toBe(DEMO_TRAINED)
    expect(provinces.reduce((s, p) => s + p.certified, 0)).toBe(DEMO_CERTIFIED)
    const trend = impact.byYear as { year: number; trained: number; certified: number }[]
    expect(trend).toEqual([
      ...Object.entries(DEMO_PAST_YEARS).map(([year, f]) => ({ year: Number(year), ...f })),
      { year: 2026, trained: DEMO_TRAINED, certified: DEMO_CERTIFIED },
    ])
    expect(Math.max(...trend.map((y) => y.year))).toBeLessThanOrEqual(Number(todayIn('Asia/Jakarta', now).slice(0, 4)))
  })
})
