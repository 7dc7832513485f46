import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import { freePort } from '../free-port.ts'
import path from 'node:path'
import url from 'node:url'
import { createSqliteDb, migrateToLatest } from '#db/client.ts'
import { seedReference } from '#db/seed/reference.ts'
import { saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { signStripePayload, MOCK_STRIPE_WEBHOOK_SECRET } from '#app/integrations/payments/stripe.server.ts'

const here = path.dirname(url.fileURLToPath(import.meta.url))
const ROOT = path.resolve(here, '../..')

/**
 * The server script is bundled once (esbuild, which tsx already brings) so each restart is a
 * plain `node` start rather than a TypeScript compile: rounds stay fast enough for the suite.
 */
async function bundle(): Promise<string> {
  const { build } = await import('esbuild')
  // inside the repository, so the bundle's external packages resolve from node_modules
  const dir = path.join(ROOT, 'tests/.tmp/crash')
  const out = path.join(dir, `payment-server-${process.pid}.mjs`)
  await build({
    entryPoints: [path.join(here, 'payment-server.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  })
  return out
}

async function start(script: string, file: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, file, String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      MITRA_MODE: 'demo',
      MOCKS: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
      DATABASE_URL: file,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('crash server did not start')), 30_000)
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`crash server exited early (${code})`)))
  })
  return child
}

interface KnownOrder {
  orderNumber: string
  sessionId: string
  amount: number
}

function completedEvent(o: KnownOrder, id: string) {
  return {
    id,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
    data: {
      object: {
        id: o.sessionId,
        object: 'checkout.session',
        amount_total: o.amount * 100,
        currency: 'idr',
        client_reference_id: o.orderNumber,
        metadata: { order_number: o.orderNumber },
        payment_intent: `pi_crash_${o.orderNumber.replace(/\D/g, '')}`,
        payment_status: 'paid',
        status: 'complete',
      },
    },
  }
}

async function post(port: number, pathname: string, body: string, headers: Record<string, string> = {}) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
      signal: AbortSignal.timeout(15_000),
    })
    return { status: res.status, text: await res.text() }
  } catch {
    return { status: 0, text: '' }
  }
}

export interface CrashReport {
  rounds: number
  ordersAcknowledged: number
  eventsAcknowledged: number
  killsDuringWork: number
  problems: string[]
}

/**
 * Rounds of: start the server, fire orders and signed webhooks (new, redelivered and duplicated)
 * concurrently, SIGKILL it at a random moment. Unacknowledged webhooks are redelivered later, as
 * Stripe does. Finally a clean server drains everything and the database is checked.
 */
export async function runCrashRounds(opts: { rounds: number; dir: string; seed?: number }): Promise<CrashReport> {
  let seed = opts.seed ?? 20261128
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)
  fs.mkdirSync(opts.dir, { recursive: true })
  const file = path.join(opts.dir, `crash-${process.pid}-${Date.now()}.db`)
  const { db } = createSqliteDb(file)
  await migrateToLatest(db)
  await seedReference(db)
  const upt = await db
    .selectFrom('upts')
    .select('id')
    .where('slug', '=', 'lapas-kelas-iia-kediri')
    .executeTakeFirstOrThrow()
  const sector = await db.selectFrom('sectors').select('id').orderBy('sort').executeTakeFirstOrThrow()
  const productId = newId()
  const INITIAL = 100_000
  await db
    .insertInto('products')
    .values({
      id: productId,
      upt_id: upt.id,
      program_id: null,
      sector_id: sector.id,
      slug: `crash-${productId}`,
      name: 'Produk Uji Crash',
      description: 'Uji',
      story: null,
      price: 25_000,
      stock_mode: 'stock',
      stock: INITIAL,
      lead_time_days: null,
      unit: 'pcs',
      weight_grams: 100,
      status: 'published',
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute()
  await saveSplitRule(db, {
    scope: 'national',
    uptId: null,
    programId: null,
    agreementId: null,
    base: 'sales',
    shares: { premi: 5000, pnbp: 1500, production: 3500, partner: 0, operations: 0 },
    effectiveFrom: '2017-01-01',
    note: null,
    actorUserId: null,
  })
  await db.destroy()

  const script = await bundle()
  const known: KnownOrder[] = []
  const events = new Map<string, { order: KnownOrder; acked: boolean }>()
  let killsDuringWork = 0
  const port = await freePort()
  const deliver = async (id: string) => {
    const e = events.get(id)!
    const payload = JSON.stringify(completedEvent(e.order, id))
    const sig = await signStripePayload(payload, MOCK_STRIPE_WEBHOOK_SECRET)
    const r = await post(port, '/webhooks/stripe', payload, { 'Stripe-Signature': sig })
    if (r.status === 200) e.acked = true
    return r.status
  }

  for (let round = 0; round < opts.rounds; round++) {
    const child = await start(script, file, port)
    const work: Promise<unknown>[] = []
    for (let i = 0; i < 3; i++) {
      work.push(
        post(port, '/orders', JSON.stringify({ productId, qty: 1 + Math.floor(rand() * 3) })).then((r) => {
          if (r.status === 200) {
            const o = JSON.parse(r.text) as KnownOrder
            known.push(o)
            events.set(`evt_crash_${o.orderNumber}_a`, { order: o, acked: false })
          }
        }),
      )
    }
    // redeliver what was not acknowledged, some acknowledged ones again, and duplicates at once
    for (const [id, e] of events)
      if (!e.acked || rand() < 0.3) for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) work.push(deliver(id))
    const killAfter = Math.floor(rand() * 120)
    await new Promise((r) => setTimeout(r, killAfter))
    let settled = false
    void Promise.all(work).then(() => (settled = true))
    await new Promise((r) => setImmediate(r))
    if (!settled) killsDuringWork++
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    await Promise.allSettled(work)
  }

  // Drain: a server that stays up receives every event until all are acknowledged.
  const child = await start(script, file, port)
  for (let pass = 0; pass < 5 && [...events.values()].some((e) => !e.acked); pass++) {
    for (const [id, e] of events) if (!e.acked) await deliver(id)
  }
  child.kill('SIGKILL')
  await new Promise((r) => child.once('exit', r))

  const problems: string[] = []
  const { db: check, sqlite } = createSqliteDb(file)
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`)
    const stored = new Set(
      (await check.selectFrom('payment_events').select('event_id').execute()).map((r) => r.event_id),
    )
    for (const [id, e] of events) {
      if (!e.acked) problems.push(`event ${id} never acknowledged`)
      if (!stored.has(id)) problems.push(`acknowledged event ${id} not recorded`)
    }
    for (const o of known) {
      const row = await check
        .selectFrom('orders')
        .select('status')
        .where('order_number', '=', o.orderNumber)
        .executeTakeFirst()
      if (!row) problems.push(`acknowledged order ${o.orderNumber} lost`)
      else if (row.status !== 'paid')
        problems.push(`order ${o.orderNumber} is ${row.status} after its payment was acknowledged`)
    }
    const twice = await check
      .selectFrom('sub_order_events')
      .select(['sub_order_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('to_status', '=', 'paid')
      .groupBy('sub_order_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute()
    for (const t of twice) problems.push(`sub-order ${t.sub_order_id} fulfilled ${t.n} times`)
    const payments = await check
      .selectFrom('payments')
      .select(['order_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'paid')
      .groupBy('order_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute()
    for (const p of payments) problems.push(`order ${p.order_id} has ${p.n} paid payments`)
    const paidSubs = await check.selectFrom('sub_orders').select('id').where('status', '=', 'paid').execute()
    const posted = await check
      .selectFrom('ledger_entries')
      .select(['source_id', 'reference'])
      .where('kind', '=', 'payment')
      .execute()
    if (posted.length !== paidSubs.length || new Set(posted.map((e) => e.source_id)).size !== posted.length) {
      problems.push(`ledger: ${posted.length} payment entries for ${paidSubs.length} paid sub-orders`)
    }
    const stock = (
      await check.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow()
    ).stock
    const reserved = await check
      .selectFrom('order_lines')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('qty'), eb.lit(0)).as('q'))
      .executeTakeFirstOrThrow()
    if (stock + Number(reserved.q) !== INITIAL)
      problems.push(`stock moved wrongly: ${stock} on the shelf + ${reserved.q} ordered != ${INITIAL}`)
  } finally {
    await check.destroy()
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
    fs.rmSync(script, { force: true })
  }
  return {
    rounds: opts.rounds,
    ordersAcknowledged: known.length,
    eventsAcknowledged: [...events.values()].filter((e) => e.acked).length,
    killsDuringWork,
    problems,
  }
}
