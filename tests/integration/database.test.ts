import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { createDb, createSqliteDb, migrateToLatest } from '#db/client.ts'
import { seedAll } from '#db/seed/index.ts'
import { seedReference } from '#db/seed/reference.ts'
import { resolveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { audit } from '#app/domain/audit/log.ts'
import { ROOT, TEST_ENGINE, TMP } from '#tests/setup/paths.ts'
import { scratchDatabase, testDb } from '#tests/setup/setup-each.ts'

describe('database', () => {
  test('the audit log refuses UPDATE and DELETE', async () => {
    const db = testDb()
    await audit(db, { actorUserId: null, action: 'test.event', details: { a: 1 } })
    await expect(db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
    const rows = await db.selectFrom('audit_log').select('action').execute()
    expect(rows).toEqual([{ action: 'test.event' }])
  })

  test('migrations and reference seeding run twice without error or duplicates', async () => {
    const { db } = createDb(await scratchDatabase('twice'))
    try {
      await migrateToLatest(db)
      const first = await seedReference(db)
      const second = await migrateToLatest(db)
      expect(second.results).toEqual([])
      const again = await seedReference(db)
      expect(again.upts).toBe(first.upts)
      expect(first.upts).toBe(65)
      const provinces = await db
        .selectFrom('provinces')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
      expect(provinces.n).toBe(38)
      const kanwils = await db
        .selectFrom('kanwils')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
      expect(kanwils.n).toBe(33)
    } finally {
      await db.destroy()
    }
  })

  test('a production seed starts with the national default split rule, once; national finance can version it', async () => {
    const { db } = createDb(await scratchDatabase('rule'))
    try {
      await migrateToLatest(db)
      await seedAll(db, { demo: false, encryptionKey: Buffer.alloc(32, 1) })
      await seedAll(db, { demo: false, encryptionKey: Buffer.alloc(32, 1) })
      const rules = await db
        .selectFrom('split_rules')
        .select(['scope', 'base', 'pnbp_bp', 'premi_bp', 'production_bp', 'version'])
        .execute()
      expect(rules).toEqual([
        { scope: 'national', base: 'sales', pnbp_bp: 1500, premi_bp: 5000, production_bp: 3500, version: 1 },
      ])
      const upt = await db.selectFrom('upts').select('id').limit(1).executeTakeFirstOrThrow()
      expect(
        await resolveSplitRule(db, { uptId: upt.id, programId: null, agreementId: null, date: '2026-11-28' }),
      ).toMatchObject({ scope: 'national' })
    } finally {
      await db.destroy()
    }
  })

  test.runIf(TEST_ENGINE === 'sqlite')('the connection applies the pragmas money needs', async () => {
    const file = path.join(TMP, `pragmas-${process.pid}.db`)
    const { sqlite, db } = createSqliteDb(file)
    try {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2) // FULL
    } finally {
      await db.destroy()
    }
  })

  test.runIf(TEST_ENGINE === 'sqlite')(
    'write transactions begin IMMEDIATE: the write lock is taken at BEGIN, not at the first write',
    async () => {
      const file = path.join(TMP, `imm-${process.pid}.db`)
      for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
      const { db } = createSqliteDb(file)
      const { sqlite: other } = createSqliteDb(file)
      try {
        await sql`create table t (x integer)`.execute(db)
        other.pragma('busy_timeout = 0')
        await db.transaction().execute(async (trx) => {
          // Only a read so far: under a deferred BEGIN another connection could still write now.
          await sql`select count(*) from t`.execute(trx)
          expect(() => other.prepare('insert into t values (1)').run()).toThrow(/locked|busy/i)
        })
        other.prepare('insert into t values (2)').run()
      } finally {
        other.close()
        await db.destroy()
      }
    },
  )
})

// Start-up is the same code whatever the engine: checked once, in the SQLite run.
describe.runIf(TEST_ENGINE === 'sqlite')('start-up checks', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SKIP_BUILD: '1', ...env } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    })

  test('a bad DATABASE_URL stops start-up with a one-line explanation', () => {
    const r = run({ DATABASE_URL: 'mysql://db.example/portal' })
    expect(r.status).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Mitra Lipas cannot start: DATABASE_URL scheme "mysql:" is not supported/)
    // A PostgreSQL URL that names no database, a pool size that is no number, an unreachable server.
    for (const [env, message] of [
      [{ DATABASE_URL: 'postgres://db.example' }, /^Mitra Lipas cannot start: DATABASE_URL names no database/],
      [
        { DATABASE_URL: 'postgres://u@127.0.0.1:1/portal', DATABASE_POOL_SIZE: 'lots' },
        /^Mitra Lipas cannot start: DATABASE_POOL_SIZE must be a whole number/,
      ],
      [
        { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/portal' },
        /^Mitra Lipas cannot start: database postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/portal cannot be reached: .*ECONNREFUSED/,
      ],
    ] as const) {
      const bad = run(env)
      expect(bad.status).toBe(1)
      expect(bad.stderr.trim().split('\n')).toHaveLength(1)
      expect(bad.stderr.trim()).toMatch(message)
      expect(bad.stderr).not.toContain('secret')
    }
  })

  test('production without its secrets stops with a one-line explanation', () => {
    const r = run({ NODE_ENV: 'production', DATABASE_URL: path.join(TMP, 'prod-check.db') })
    expect(r.status).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toBe(
      'Mitra Lipas cannot start: Production needs APP_URL, ENCRYPTION_KEY, SMTP_URL: set them in the environment (see .env.example)',
    )
  })

  test('a malformed SMTP_URL or one of another scheme stops start-up with a one-line explanation', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: path.join(TMP, 'prod-check.db'),
      APP_URL: 'https://mitra.example.go.id',
      ENCRYPTION_KEY: 'a'.repeat(64),
    }
    const malformed = run({ ...production, SMTP_URL: 'smtp//mail.example.go.id:587' })
    expect(malformed.status).toBe(1)
    expect(malformed.stderr.trim().split('\n')).toEqual([
      'Mitra Lipas cannot start: SMTP_URL is not a URL: write it as smtp://user:password@host:587 or smtps://user:password@host:465',
    ])
    const scheme = run({ ...production, SMTP_URL: 'https://user:secret@mail.example.go.id' })
    expect(scheme.status).toBe(1)
    const line = scheme.stderr.trim()
    expect(line).toBe(
      'Mitra Lipas cannot start: SMTP_URL scheme "https:" is not supported: use smtp:// (STARTTLS) or smtps:// (TLS)',
    )
    // The explanation never repeats the credentials in the URL.
    expect(line).not.toContain('secret')
    // Demo mode checks it too, when set.
    const demo = run({ DATABASE_URL: path.join(TMP, 'demo-check.db'), SMTP_URL: 'mail.example.go.id' })
    expect(demo.status).toBe(1)
    expect(demo.stderr.trim()).toMatch(/^Mitra Lipas cannot start: SMTP_URL is not a URL/)
  })

  test('production refuses MOCKS=true', () => {
    const r = run({
      NODE_ENV: 'production',
      DATABASE_URL: path.join(TMP, 'prod-check.db'),
      APP_URL: 'https://mitra.example.go.id',
      ENCRYPTION_KEY: 'a'.repeat(64),
      SMTP_URL: 'smtp://localhost:2525',
      MOCKS: 'true',
    })
    expect(r.status).toBe(1)
    expect(r.stderr.trim()).toBe(
      'Mitra Lipas cannot start: MOCKS=true is refused in production: mocks would fake payments and email',
    )
  })
})
