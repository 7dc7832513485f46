import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import {
  createDb,
  createPostgresDb,
  DatabaseUrlError,
  exactNumber,
  isRetryableTransactionError,
  migrateToLatest,
  postgresOptionsFrom,
  resolveDatabasePath,
} from '#db/client.ts'
import { migrations } from '#db/migrations/index.ts'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { audit } from '#app/domain/audit/log.ts'
import { twoUpts } from '#tests/factories.ts'
import { BUYER, createProductRow } from '#tests/factories-market.ts'
import { ROOT, TEST_ENGINE, TMP } from '#tests/setup/paths.ts'
import { postgresBinDir } from '#tests/support/postgres.ts'
import { scratchDatabase, testDb, testDbTarget } from '#tests/setup/setup-each.ts'

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv

// What only PostgreSQL needs proving; everything else runs on both engines from the same files.
describe.runIf(TEST_ENGINE === 'postgres')('PostgreSQL', () => {
  test('two migrators starting at once on an empty database: one migrates, the other waits and finds nothing to do', async () => {
    const target = await scratchDatabase('two-migrators')
    const one = createDb(target).db
    const two = createDb(target).db
    try {
      const [a, b] = await Promise.all([migrateToLatest(one), migrateToLatest(two)])
      const applied = [...(a.results ?? []), ...(b.results ?? [])]
        .filter((r) => r.status === 'Success')
        .map((r) => r.migrationName)
      expect(applied.sort()).toEqual(Object.keys(migrations).sort())
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(one)
      expect(rows.rows[0]!.n).toBe(Object.keys(migrations).length)
    } finally {
      await Promise.all([one.destroy(), two.destroy()])
    }
  })

  test('int8 and numeric come back as exact numbers; a value beyond 2^53 is refused, never rounded', async () => {
    const db = testDb()
    const r = await sql<{
      n: number
      s: number
      big: number
    }>`select count(*) as n, sum(x) as s, max(x) as big from (values (9007199254740000::bigint), (991::bigint)) v(x)`.execute(
      db,
    )
    expect(r.rows[0]).toEqual({ n: 2, s: 9007199254740991, big: 9007199254740000 })
    await expect(sql`select 9007199254740993::bigint as x`.execute(db)).rejects.toThrow(
      /beyond the integers JavaScript holds exactly/,
    )
    await expect(
      sql`select sum(x) as s from (values (9007199254740991::bigint), (1::bigint)) v(x)`.execute(db),
    ).rejects.toThrow(RangeError)
    expect(exactNumber('-42')).toBe(-42)
  })

  test('money columns are bigint: a sum above 2^31 rupiah is stored and read exactly', async () => {
    const db = testDb()
    const { rows } = await sql<{
      data_type: string
    }>`select data_type from information_schema.columns where table_name = 'ledger_lines' and column_name = 'debit'`.execute(
      db,
    )
    expect(rows[0]!.data_type).toBe('bigint')
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, price: 3_000_000_000, stock: 1 })
    expect(
      (await db.selectFrom('products').select('price').where('id', '=', p.id).executeTakeFirstOrThrow()).price,
    ).toBe(3_000_000_000)
  })

  test('append-only tables refuse UPDATE, DELETE and TRUNCATE', async () => {
    const db = testDb()
    await audit(db, { actorUserId: null, action: 'test.event', details: {} })
    for (const statement of [
      'UPDATE audit_log SET action = action',
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'TRUNCATE ledger_lines',
      'TRUNCATE ledger_entries CASCADE',
    ]) {
      await expect(sql.raw(statement).execute(db), statement).rejects.toThrow(/append-only/)
    }
    expect(await db.selectFrom('audit_log').select('action').execute()).toEqual([{ action: 'test.event' }])
  })

  test('a write skew between two transactions is caught (SERIALIZABLE) and the loser runs again: the invariant holds', async () => {
    // Two "on call" rows; each transaction takes one off duty only if two are on duty. Under
    // snapshot isolation both would see two and both would write: none left on duty.
    const retries: string[] = []
    const { db } = createPostgresDb(testDbTarget(), {
      poolSize: 4,
      onRetry: (e) => retries.push((e as { code?: string }).code ?? ''),
    })
    try {
      await sql`create table on_call (id int primary key, on_duty int not null)`.execute(db)
      await sql`insert into on_call values (1, 1), (2, 1)`.execute(db)
      let gate!: () => void
      const bothRead = new Promise<void>((r) => (gate = r))
      let reads = 0
      const leave = (id: number) =>
        db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select count(*) as n from on_call where on_duty = 1`.execute(trx)
          if (++reads === 2) gate()
          await Promise.race([bothRead, new Promise((r) => setTimeout(r, 200))])
          if (rows[0]!.n >= 2) await sql`update on_call set on_duty = 0 where id = ${id}`.execute(trx)
          return rows[0]!.n
        })
      await Promise.all([leave(1), leave(2)])
      const { rows } = await sql<{ n: number }>`select count(*) as n from on_call where on_duty = 1`.execute(db)
      expect(rows[0]!.n).toBe(1)
      expect(retries).toContain('40001')
    } finally {
      await db.destroy()
    }
  })

  test('retries are bounded: a transaction that keeps failing to serialize gives up after its attempts', async () => {
    let calls = 0
    const { db } = createPostgresDb(testDbTarget(), { poolSize: 2, transactionAttempts: 4 })
    try {
      const failing = db.transaction().execute(async (trx) => {
        calls++
        await sql`select 1`.execute(trx)
        throw Object.assign(new Error('could not serialize access'), { code: '40001' })
      })
      await expect(failing).rejects.toSatisfy(isRetryableTransactionError)
      expect(calls).toBe(4)
      // Other errors are not retried.
      calls = 0
      await expect(
        db.transaction().execute(async () => {
          calls++
          throw new Error('no')
        }),
      ).rejects.toThrow('no')
      expect(calls).toBe(1)
    } finally {
      await db.destroy()
    }
  })

  test('order numbers are taken outside the checkout transaction: unique and increasing, a failed checkout leaves a gap', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id, stock: 1 })
    const cart = async (qty: number) => {
      const { cartId } = await ensureCart(db, {})
      await addToCart(db, cartId, p.id, qty)
      return cartId
    }
    const firstCart = await cart(1)
    const refusedCart = await cart(1)
    const first = await placeOrder(db, { cartId: firstCart, userId: null, ...BUYER })
    await expect(placeOrder(db, { cartId: refusedCart, userId: null, ...BUYER })).rejects.toThrow('checkout.outOfStock')
    await db.updateTable('products').set({ stock: 1 }).where('id', '=', p.id).execute()
    const third = await placeOrder(db, { cartId: refusedCart, userId: null, ...BUYER })
    const seq = (n: string) => Number(n.slice(-6))
    expect(seq(third.orderNumber) - seq(first.orderNumber)).toBe(2)
  })

  test('pool settings come from the environment and are checked', () => {
    expect(postgresOptionsFrom(env({}))).toEqual({ poolSize: 10, statementTimeoutMs: 30_000 })
    expect(postgresOptionsFrom(env({ DATABASE_POOL_SIZE: '25', DATABASE_STATEMENT_TIMEOUT_MS: '0' }))).toEqual({
      poolSize: 25,
      statementTimeoutMs: 0,
    })
    expect(() => postgresOptionsFrom(env({ DATABASE_POOL_SIZE: '0' }))).toThrow(DatabaseUrlError)
    expect(() => postgresOptionsFrom(env({ DATABASE_STATEMENT_TIMEOUT_MS: '1.5' }))).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    )
    expect(resolveDatabasePath('postgresql://u:p@h/db')).toBe('postgresql://u:p@h/db')
    expect(() => resolveDatabasePath('postgres://h')).toThrow(/names no database/)
  })

  test.runIf(postgresBinDir() !== null)(
    'npm run db:backup dumps the PostgreSQL database with pg_dump and checks the archive',
    () => {
      const target = path.join(TMP, `backup-${process.pid}.dump`)
      fs.rmSync(target, { force: true })
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'db/backup.ts'), target], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: testDbTarget() } as unknown as NodeJS.ProcessEnv,
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(r.status, r.stderr).toBe(0)
      // One JSON log line (app/lib/log.server.ts) says what was copied where.
      const line = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
        msg?: string
        bytes?: number
        tables?: number
      }
      expect(line.msg).toMatch(/^Backed up postgres:\/\/.* -> .*\.dump \(\d+ tables, archive readable\)/)
      expect(line.bytes).toBeGreaterThan(10_000)
      expect(line.tables).toBeGreaterThan(10)
      expect(fs.statSync(target).size).toBeGreaterThan(10_000)
      fs.rmSync(target, { force: true })
    },
  )

  test('a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS is cancelled', async () => {
    const { db } = createPostgresDb(testDbTarget(), { poolSize: 1, statementTimeoutMs: 100 })
    try {
      await expect(sql`select pg_sleep(2)`.execute(db)).rejects.toThrow(/statement timeout/)
    } finally {
      await db.destroy()
    }
  })
})
