/**
 * Monthly PNBP report over the benchmark volume: 300,000 paid orders over 2 years (with refunds
 * and monthly deposits) in a temporary SQLite file and in a throwaway PostgreSQL cluster (durable
 * settings), then the report timed for one month, nationally and for one UPT, and a Stripe payout
 * over 2,000 card payments allocated to UPTs. BENCH_ENGINES=sqlite (or postgres) runs one engine.
 * Figures go to stdout and BENCHMARKS.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPostgresDb, createSqliteDb, type DB, migrateToLatest } from '../db/client.ts'
import { createDatabase, startPostgres } from '../tests/support/postgres.ts'
import { seedReference } from '../db/seed/reference.ts'
import { saveSplitRule } from '../app/domain/ledger/split-rules.ts'
import { SHARE_KEYS, splitAmount } from '../app/domain/ledger/split.ts'
import { SHARE_ACCOUNT } from '../app/domain/ledger/chart.ts'
import { ledgerProblems } from '../app/domain/ledger/invariants.ts'
import { monthlyReport } from '../app/domain/pnbp/report.ts'
import { postPaymentConfirmed } from '../app/domain/ledger/postings.ts'
import type { PayoutTxn } from '../app/domain/payments/payout-plan.ts'
import { allocatePayout, recordPayout } from '../app/domain/payments/payouts.ts'
import { newId } from '../app/lib/ids.ts'

const ORDERS = Number(process.env.BENCH_ORDERS ?? 300_000)
const MONTHS = 24
const RUNS = 15

// Deterministic pseudo-random numbers (mulberry32) so every run builds the same ledger.
let seed = 20261128
const rand = () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const monthOf = (i: number) => {
  const d = new Date(Date.UTC(2025, i, 1))
  return d.toISOString().slice(0, 7)
}

type Value = string | number | null
interface Sink {
  entry(...v: Value[]): void
  line(...v: Value[]): void
  billing(...v: Value[]): void
  deposit(...v: Value[]): void
  flush(): Promise<void>
  optimize(): Promise<void>
}

/** Bulk load straight into SQLite: prepared statements, one transaction per chunk. */
function sqliteSink(sqlite: import('better-sqlite3').Database): Sink {
  const entry = sqlite.prepare(
    `insert into ledger_entries (id, upt_id, reference, kind, provider, amount, occurred_at, day, month, split_rule_id, original_entry_id, source_type, source_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'order', ?, ?)`,
  )
  const line = sqlite.prepare(
    'insert into ledger_lines (id, entry_id, upt_id, month, day, kind, account, debit, credit) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const billing = sqlite.prepare(
    'insert into pnbp_billings (id, upt_id, kode_billing, billing_date, expires_on, amount, kode_akun, period, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, null)',
  )
  const deposit = sqlite.prepare(
    'insert into pnbp_deposits (id, billing_id, upt_id, ntpn, ntb, paid_date, channel, amount, period, entry_id, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)',
  )
  let queued: (() => void)[] = []
  return {
    entry: (...v) => queued.push(() => entry.run(...v)),
    line: (...v) => queued.push(() => line.run(...v)),
    billing: (...v) => queued.push(() => billing.run(...v)),
    deposit: (...v) => queued.push(() => deposit.run(...v)),
    async flush() {
      const work = queued
      queued = []
      sqlite.transaction(() => work.forEach((w) => w()))()
    },
    async optimize() {
      sqlite.pragma('optimize')
    },
  }
}

/** Bulk load into PostgreSQL: each chunk's rows as arrays through unnest(), one statement per table. */
function postgresSink(pool: import('pg').Pool): Sink {
  const tables = {
    entry: {
      sql: `insert into ledger_entries (id, upt_id, reference, kind, provider, amount, occurred_at, day, month, split_rule_id, original_entry_id, source_id, created_at, source_type)
      select *, 'order' from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
      width: 13,
      rows: [] as Value[][],
    },
    line: {
      sql: `insert into ledger_lines (id, entry_id, upt_id, month, day, kind, account, debit, credit)
      select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[])`,
      width: 9,
      rows: [] as Value[][],
    },
    billing: {
      sql: `insert into pnbp_billings (id, upt_id, kode_billing, billing_date, expires_on, amount, kode_akun, period, created_at)
      select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[])`,
      width: 9,
      rows: [] as Value[][],
    },
    deposit: {
      sql: `insert into pnbp_deposits (id, billing_id, upt_id, ntpn, ntb, paid_date, channel, amount, period, entry_id, created_at)
      select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[])`,
      width: 11,
      rows: [] as Value[][],
    },
  }
  return {
    entry: (...v) => tables.entry.rows.push(v),
    line: (...v) => tables.line.rows.push(v),
    billing: (...v) => tables.billing.rows.push(v),
    deposit: (...v) => tables.deposit.rows.push(v),
    async flush() {
      const client = await pool.connect()
      try {
        await client.query('begin')
        for (const t of [tables.entry, tables.line, tables.billing, tables.deposit]) {
          if (!t.rows.length) continue
          const columns = Array.from({ length: t.width }, (_, i) => t.rows.map((r) => r[i] ?? null))
          await client.query(t.sql, columns)
          t.rows = []
        }
        await client.query('commit')
      } finally {
        client.release()
      }
    },
    async optimize() {
      await pool.query('VACUUM ANALYZE')
    },
  }
}

async function run(engine: 'sqlite' | 'postgres') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pnbp-bench-'))
  const file = path.join(dir, 'bench.db')
  const pg = engine === 'postgres' ? await startPostgres({ durable: true }) : null
  const opened = pg ? createPostgresDb(await createDatabase(pg, 'pnbp_bench')) : createSqliteDb(file)
  const db: DB = opened.db
  await migrateToLatest(db)
  const sink = opened.engine === 'sqlite' ? sqliteSink(opened.sqlite) : postgresSink(opened.pool)
  await seedReference(db)
  const rule = await saveSplitRule(db, {
    scope: 'national',
    uptId: null,
    programId: null,
    agreementId: null,
    base: 'sales',
    shares: { premi: 5000, pnbp: 1500, production: 3500, partner: 0, operations: 0 },
    effectiveFrom: '2000-01-01',
    actorUserId: null,
  })
  const upts = (await db.selectFrom('upts').select('id').orderBy('id').execute()).map((u) => u.id)

  const t0 = performance.now()
  const insEntry = { run: sink.entry }
  const insLine = { run: sink.line }
  const now = new Date().toISOString()
  const pnbpByUptMonth = new Map<string, number>()
  const load = (from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const upt = upts[Math.floor(rand() * upts.length)]!
      const month = monthOf(Math.floor((n / ORDERS) * MONTHS))
      const day = `${month}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
      const gross = (1 + Math.floor(rand() * 200)) * 5_000
      const provider = rand() < 0.7 ? 'stripe' : 'bank_transfer'
      const id = newId()
      insEntry.run(
        id,
        upt,
        `bench:ML-${n}`,
        'payment',
        provider,
        gross,
        `${day}T03:00:00.000Z`,
        day,
        month,
        rule.id,
        null,
        `ML-${n}`,
        now,
      )
      insLine.run(newId(), id, upt, month, day, 'payment', `clearing:${provider}`, gross, 0)
      const parts = splitAmount(gross, { pnbp: 1500, premi: 5000, production: 3500, partner: 0, operations: 0 })
      for (const k of SHARE_KEYS)
        if (parts[k]) insLine.run(newId(), id, upt, month, day, 'payment', SHARE_ACCOUNT[k], 0, parts[k])
      const key = `${upt}|${month}`
      pnbpByUptMonth.set(key, (pnbpByUptMonth.get(key) ?? 0) + parts.pnbp)
      if (rand() < 0.02) {
        const rid = newId()
        insEntry.run(
          rid,
          upt,
          `bench:RF-${n}`,
          'refund',
          provider,
          gross,
          `${day}T05:00:00.000Z`,
          day,
          month,
          rule.id,
          id,
          `ML-${n}`,
          now,
        )
        for (const k of SHARE_KEYS)
          if (parts[k]) insLine.run(newId(), rid, upt, month, day, 'refund', SHARE_ACCOUNT[k], parts[k], 0)
        insLine.run(newId(), rid, upt, month, day, 'refund', `clearing:${provider}`, 0, gross)
        pnbpByUptMonth.set(key, pnbpByUptMonth.get(key)! - parts.pnbp)
      }
    }
  }
  for (let i = 0; i < ORDERS; i += 20_000) {
    load(i, Math.min(ORDERS, i + 20_000))
    await sink.flush()
  }
  // Deposits: each UPT-month's PNBP deposited on the 5th of the next month (billing + NTPN).
  const insBilling = { run: sink.billing }
  const insDeposit = { run: sink.deposit }
  {
    let k = 0
    for (const [key, amount] of pnbpByUptMonth) {
      if (amount <= 0) continue
      k++
      const [upt, month] = key.split('|') as [string, string]
      const next = monthOf(Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 2025 * 12)
      const paid = `${next}-05`
      const eid = newId()
      const bid = newId()
      const ntpn = `B${String(k).padStart(15, '0')}`
      insEntry.run(
        eid,
        upt,
        `ntpn:${ntpn}`,
        'deposit',
        null,
        amount,
        `${paid}T00:00:00.000Z`,
        paid,
        month,
        null,
        null,
        bid,
        now,
      )
      insLine.run(newId(), eid, upt, month, paid, 'deposit', 'pnbp_payable', amount, 0)
      insLine.run(newId(), eid, upt, month, paid, 'deposit', 'bank', 0, amount)
      insBilling.run(bid, upt, String(820000000000000 + k), `${next}-03`, `${next}-10`, amount, '425411', month, now)
      insDeposit.run(newId(), bid, upt, ntpn, `NTB${k}`, paid, 'BRI', amount, month, eid, now)
    }
  }
  await sink.flush()
  await sink.optimize()
  const loadMs = performance.now() - t0
  const lines = Number(
    (
      await db
        .selectFrom('ledger_lines')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

  const time = async (fn: () => Promise<unknown>) => {
    await fn() // warm-up
    const ms: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now()
      await fn()
      ms.push(performance.now() - s)
    }
    ms.sort((a, b) => a - b)
    return { p50: ms[Math.floor(RUNS / 2)]!, max: ms[RUNS - 1]! }
  }
  const month = monthOf(MONTHS - 2)
  const nationalRows = await monthlyReport(db, { month })
  const national = await time(() => monthlyReport(db, { month }))
  const one = await time(() => monthlyReport(db, { month, uptId: upts[0]! }))
  // A day's Stripe payout over 2,000 card payments of 1-3 sub-orders each (ADR 010): the
  // allocation (ledger lookups, fee and share postings, in one transaction) is timed; Stripe's
  // list call is not part of it.
  const PAYOUT_CHARGES = 2_000
  const txns: PayoutTxn[] = []
  let subOrders = 0
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < PAYOUT_CHARGES; i++) {
      let total = 0
      for (let j = 0; j < 1 + (i % 3); j++) {
        const gross = (1 + Math.floor(rand() * 100)) * 5_000
        const uptId = upts[(i * 7 + j * 13) % upts.length]!
        await postPaymentConfirmed(trx, {
          reference: `stripe:pi_bench_${i}:ML-B${i}-${j}`,
          uptId,
          provider: 'stripe',
          grossAmount: gross,
          paidAt: '2026-10-27T03:00:00Z',
          sourceType: 'sub_order',
          sourceId: `b${i}-${j}`,
        })
        total += gross
        subOrders++
      }
      const fee = Math.round(total * 0.029) + 2_000
      txns.push({
        id: `txn_bench_${i}`,
        type: 'charge',
        amount: total * 100,
        fee: fee * 100,
        currency: 'idr',
        created: 1_793_000_000,
        paymentIntentId: `pi_bench_${i}`,
        refundId: null,
      })
    }
  })
  const payoutMinor = txns.reduce((s, t) => s + t.amount - t.fee, 0)
  await db
    .transaction()
    .execute((trx) =>
      recordPayout(
        trx,
        { id: 'po_bench', amount: payoutMinor, currency: 'idr', status: 'paid', arrival_date: 1_793_100_000 },
        'api',
      ),
    )
  const payoutStart = performance.now()
  const allocation = await db.transaction().execute((trx) => allocatePayout(trx, 'po_bench', txns))
  const payoutMs = performance.now() - payoutStart
  const problems = process.env.BENCH_CHECK ? await ledgerProblems(db) : []
  const due = nationalRows.reduce((s, r) => s + r.pnbpDue, 0)
  const deposited = nationalRows.reduce((s, r) => s + r.deposited, 0)
  await db.destroy()
  await pg?.stop()
  fs.rmSync(dir, { recursive: true, force: true })

  const mem = `${Math.round(os.totalmem() / 1024 ** 3)} GiB`
  const summary = [
    `engine: ${engine === 'postgres' ? 'PostgreSQL (throwaway cluster, fsync on)' : 'SQLite (WAL, synchronous=FULL)'}`,
    `orders ${ORDERS.toLocaleString('en')} over ${MONTHS} months, ${upts.length} UPTs, ${lines.toLocaleString('en')} journal lines (load ${(loadMs / 1000).toFixed(1)} s)`,
    `monthly report ${month}, national (${nationalRows.length} UPTs): p50 ${national.p50.toFixed(1)} ms, max ${national.max.toFixed(1)} ms (target < 300 ms)`,
    `monthly report ${month}, one UPT: p50 ${one.p50.toFixed(1)} ms, max ${one.max.toFixed(1)} ms`,
    `PNBP due Rp ${due.toLocaleString('id-ID')}, deposited Rp ${deposited.toLocaleString('id-ID')}${problems.length ? `, LEDGER PROBLEMS ${problems.length}` : ''}`,
    `Stripe payout of Rp ${(payoutMinor / 100).toLocaleString('id-ID')} over ${PAYOUT_CHARGES.toLocaleString('en')} card payments (${subOrders.toLocaleString('en')} sub-orders): ${allocation.state}${allocation.state === 'allocated' ? ` to ${allocation.upts} UPTs` : ''} in ${payoutMs.toFixed(0)} ms`,
  ]
  console.log(summary.join('\n'))
  const md = `\n## PNBP monthly report on ${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} (bench/pnbp.bench.ts)\n\n${new Date().toISOString().slice(0, 10)} · \`npm run bench pnbp\` · nproc ${os.availableParallelism()} · memory ${mem} · Node ${process.version}\n\n${summary.map((s) => `- ${s}`).join('\n')}\n`
  const target = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'BENCHMARKS.md')
  if (!fs.existsSync(target))
    fs.writeFileSync(
      target,
      '# Benchmarks\n\nResults appended by `npm run bench` (see bench/). Timing never lives in tests.\n',
    )
  fs.appendFileSync(target, md)
  if (national.p50 >= 300 || allocation.state !== 'allocated') process.exitCode = 1
}

const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim()) as (
  'sqlite' | 'postgres'
)[]
for (const engine of engines) await run(engine)
