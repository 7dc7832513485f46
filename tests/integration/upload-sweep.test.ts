import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startBankTransfer } from '#app/domain/payments/bank.ts'
import { ORPHAN_AGE_MS, sweepOrphanUploads } from '#app/domain/uploads/sweep.server.ts'
import { bankAccountFor, twoUptOrder } from '#tests/payments-support.ts'
import { testDb } from '#tests/setup/setup-each.ts'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'))
  process.env.UPLOAD_DIR = dir
})
afterEach(() => {
  delete process.env.UPLOAD_DIR
  fs.rmSync(dir, { recursive: true, force: true })
})

function file(sub: string, name: string, ageMs: number) {
  fs.mkdirSync(path.join(dir, sub), { recursive: true })
  const p = path.join(dir, sub, name)
  fs.writeFileSync(p, 'x')
  const t = new Date(Date.now() - ageMs)
  fs.utimesSync(p, t, t)
  return p
}

describe('orphaned uploads', () => {
  test('a day-old proof or PKS file that no row names is removed; named, young and foreign files stay', async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    await bankAccountFor(db, order.a.id)
    await bankAccountFor(db, order.b.id)
    await startBankTransfer(db, { orderId: order.orderId })
    const payment = await db.selectFrom('payments').select('id').limit(1).executeTakeFirstOrThrow()
    const named = `proof-${crypto.randomUUID()}.webp`
    await db.updateTable('payments').set({ proof_file: named }).where('id', '=', payment.id).execute()
    const old = ORPHAN_AGE_MS + 60_000
    const kept = file('proofs', named, old)
    const orphanProof = file('proofs', `proof-${crypto.randomUUID()}.webp`, old)
    const young = file('proofs', `proof-${crypto.randomUUID()}.webp`, 60_000)
    const orphanPks = file('pks', `pks-${crypto.randomUUID()}.pdf`, old)
    const foreign = file('pks', 'README.txt', old)

    const removed = await sweepOrphanUploads(db)
    expect(removed.sort()).toEqual([`pks/${path.basename(orphanPks)}`, `proofs/${path.basename(orphanProof)}`].sort())
    for (const p of [kept, young, foreign]) expect(fs.existsSync(p)).toBe(true)
    for (const p of [orphanProof, orphanPks]) expect(fs.existsSync(p)).toBe(false)
    expect(await sweepOrphanUploads(db)).toEqual([])
  })
})
