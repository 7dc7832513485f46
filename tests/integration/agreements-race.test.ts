import { spawn } from 'node:child_process'
import path from 'node:path'
import { expect, test } from 'vitest'
import { propose } from '#app/domain/agreements/lifecycle.ts'
import { createPartner, createUser, twoUpts } from '#tests/factories.ts'
import { createOffer, createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { testDb, testDbTarget } from '#tests/setup/setup-each.ts'

const SCRIPT = path.join(import.meta.dirname, 'race-accept.script.ts')

function contender(file: string, proposalId: string, userId: string, goAt: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, file, proposalId, userId, String(goAt)], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`contender exited ${code}: ${err}`)),
    )
  })
}

test('two processes accepting proposals for the last unit of capacity: exactly one wins', async () => {
  const db = testDb()
  const { a: kediri } = await twoUpts(db)
  const partner = await createPartner(db)
  const partnerUser = await createUser(db, { role: 'partner_member', partnerId: partner.id })
  const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
  const offer = await createOffer(db, partner.id, { capacity: 1 })
  const n1 = await createProgramWithNeed(db, kediri.id, { quantity: 1 })
  const n2 = await createProgramWithNeed(db, kediri.id, { quantity: 1 })
  const p1 = await propose(
    db,
    { offerId: offer.id, needId: n1.needId, quantity: 1, side: 'partner', actingFor: partner.id },
    { userId: partnerUser.id },
    '2026-11-28',
  )
  const p2 = await propose(
    db,
    { offerId: offer.id, needId: n2.needId, quantity: 1, side: 'partner', actingFor: partner.id },
    { userId: partnerUser.id },
    '2026-11-28',
  )
  const file = testDbTarget()

  const goAt = Date.now() + 2500 // both processes are up and waiting by then
  const results = await Promise.all([contender(file, p1.id, staff.id, goAt), contender(file, p2.id, staff.id, goAt)])

  expect(results.sort()).toEqual(['WON', 'agreement.capacityGone'])
  const o = await db
    .selectFrom('offers')
    .select(['capacity_remaining', 'status'])
    .where('id', '=', offer.id)
    .executeTakeFirstOrThrow()
  expect(o).toEqual({ capacity_remaining: 0, status: 'fully_committed' })
  const agreements = await db.selectFrom('agreements').select('need_id').execute()
  expect(agreements).toHaveLength(1)
  const covered = await db
    .selectFrom('program_needs')
    .select(['id', 'quantity_covered'])
    .where('id', 'in', [n1.needId, n2.needId])
    .execute()
  expect(covered.reduce((s, r) => s + r.quantity_covered, 0)).toBe(1)
  // The loser's proposal is still open (its transaction rolled back entirely).
  const statuses = (await db.selectFrom('proposals').select('status').execute()).map((r) => r.status).sort()
  expect(statuses).toEqual(['accepted', 'proposed'])
}, 30_000)
