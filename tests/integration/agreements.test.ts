import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  acceptProposal,
  cancelAgreement,
  completeAgreement,
  declineProposal,
  expireProposals,
  propose,
} from '#app/domain/agreements/lifecycle.ts'
import { DomainError } from '#app/domain/errors.ts'
import { hardRuleFailures } from '#app/domain/matching/engine.ts'
import {
  loadNeeds,
  loadOffers,
  matchContext,
  needsForOffer,
  needsWithoutCandidates,
  offersForNeed,
} from '#app/domain/matching/candidates.ts'
import { setAllowedKinds } from '#app/domain/registry/settings.ts'
import { createPartner, createUser, twoUpts } from '#tests/factories.ts'
import { createOffer, createProgramWithNeed, setSecurityLevel } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { TEST_ENGINE } from '#tests/setup/paths.ts'

const TODAY = '2026-11-28'
const terms = { terms: 'Pelatihan tenun 40 jam di bengkel Lapas.', startDate: '2026-12-01', endDate: '2027-03-01' }

async function world() {
  const db = testDb()
  const { a: kediri, b: bangli } = await twoUpts(db)
  const partner = await createPartner(db)
  const partnerUser = await createUser(db, { role: 'partner_member', partnerId: partner.id })
  const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
  return { db, kediri, bangli, partner, partnerUser, staff }
}

describe('candidates from the database', () => {
  test('needs for an offer respect kind, sector, province and the settings table', async () => {
    const { db, kediri, bangli, partner } = await world()
    const offer = await createOffer(db, partner.id, { sectors: ['tenun'], provinces: ['35'] })
    const good = await createProgramWithNeed(db, kediri.id)
    await createProgramWithNeed(db, kediri.id, { sector: 'food' })
    await createProgramWithNeed(db, kediri.id, { kind: 'capital' })
    await createProgramWithNeed(db, bangli.id) // Bali: outside the offer's provinces
    await createProgramWithNeed(db, kediri.id, { status: 'draft' })
    const s = await needsForOffer(db, offer.id, 10, TODAY)
    expect(s.map((x) => x.needId)).toEqual([good.needId])
    expect(s[0]!.score.total).toBe(s[0]!.score.parts.reduce((a, p) => a + p.points, 0))
    expect(s[0]!.score.parts.find((p) => p.key === 'distance')!.reason.id).toMatch(/provinsi yang sama/)

    // An admin forbids training at medium security (Kediri has no recorded level = medium).
    const admin = await createUser(db, { role: 'admin' })
    await setAllowedKinds(db, 'security_level', 'medium', ['expert'], { userId: admin.id })
    expect(await needsForOffer(db, offer.id, 10, TODAY)).toEqual([])
  })

  test("the UPT's security level on the date comes from the history", async () => {
    const { db, kediri, partner } = await world()
    const offer = await createOffer(db, partner.id)
    const { needId } = await createProgramWithNeed(db, kediri.id)
    await setSecurityLevel(db, kediri.id, 'super_maximum', '2026-12-01') // future: not yet in force
    expect((await offersForNeed(db, needId, 10, TODAY)).map((s) => s.offerId)).toEqual([offer.id])
    expect(await offersForNeed(db, needId, 10, '2026-12-02')).toEqual([])
  })

  test('offers for a need skip unverified partners, closed, full and expired offers; national offers count', async () => {
    const { db, kediri, partner } = await world()
    const pending = await createPartner(db, { status: 'pending' })
    const { needId } = await createProgramWithNeed(db, kediri.id)
    const national = await createOffer(db, partner.id, { national: true })
    const local = await createOffer(db, partner.id, { provinces: ['35'] })
    await createOffer(db, pending.id)
    await createOffer(db, partner.id, { status: 'closed' })
    await createOffer(db, partner.id, { validUntil: '2026-11-01' })
    await createOffer(db, partner.id, { provinces: ['51'] })
    const s = await offersForNeed(db, needId, 10, TODAY)
    expect(s.map((x) => x.offerId)).toEqual([local.id, national.id])
    expect(s[0]!.score.total).toBeGreaterThan(s[1]!.score.total)
  })

  test('needs without any candidate are grouped by province and kind', async () => {
    const { db, kediri, bangli, partner } = await world()
    await createOffer(db, partner.id, { provinces: ['35'] })
    await createProgramWithNeed(db, kediri.id)
    await createProgramWithNeed(db, bangli.id)
    await createProgramWithNeed(db, bangli.id, { quantity: 5 })
    const r = await needsWithoutCandidates(db, null, TODAY)
    expect(r.groups).toEqual([{ provinceId: '51', provinceName: 'Bali', kind: 'training', needs: 2, quantity: 15 }])
    const jatim = await needsWithoutCandidates(db, kediri.kanwil_id, TODAY)
    expect(jatim.needs).toEqual([])
  })
})

describe('proposals and agreements', () => {
  test('partner proposes, UPT accepts: capacity and need move together and a numbered agreement exists', async () => {
    const { db, kediri, partner, partnerUser, staff } = await world()
    const offer = await createOffer(db, partner.id, { capacity: 10 })
    const { needId } = await createProgramWithNeed(db, kediri.id, { quantity: 6 })
    await expect(
      propose(
        db,
        { offerId: offer.id, needId, quantity: 7, side: 'partner', actingFor: partner.id },
        { userId: partnerUser.id },
        TODAY,
      ),
    ).rejects.toMatchObject({ code: 'proposal.tooMuch' })
    const p = await propose(
      db,
      { offerId: offer.id, needId, quantity: 4, side: 'partner', actingFor: partner.id },
      { userId: partnerUser.id },
      TODAY,
    )
    await expect(acceptProposal(db, p.id, 'partner', terms, { userId: partnerUser.id }, TODAY)).rejects.toMatchObject({
      code: 'proposal.ownSide',
    })
    const a = await acceptProposal(db, p.id, 'upt', { ...terms, pksNumber: 'PAS-123' }, { userId: staff.id }, TODAY)
    expect(a.number).toBe('KS-2026-000001')
    expect(
      await db.selectFrom('offers').select('capacity_remaining').where('id', '=', offer.id).executeTakeFirst(),
    ).toEqual({ capacity_remaining: 6 })
    expect(
      await db.selectFrom('program_needs').select('quantity_covered').where('id', '=', needId).executeTakeFirst(),
    ).toEqual({ quantity_covered: 4 })
    const p2 = await propose(
      db,
      { offerId: offer.id, needId, quantity: 2, side: 'upt', actingFor: kediri.id },
      { userId: staff.id },
      TODAY,
    )
    const a2 = await acceptProposal(db, p2.id, 'partner', terms, { userId: partnerUser.id }, TODAY)
    expect(a2.number).toBe('KS-2026-000002')
    // The need is now fully covered: no more proposals.
    await expect(
      propose(
        db,
        { offerId: offer.id, needId, quantity: 1, side: 'upt', actingFor: kediri.id },
        { userId: staff.id },
        TODAY,
      ),
    ).rejects.toMatchObject({ code: 'match.rule.unmetNeed' })
    await cancelAgreement(db, a.id, 'Jadwal bentrok', { userId: staff.id }, TODAY)
    expect(
      await db.selectFrom('offers').select('capacity_remaining').where('id', '=', offer.id).executeTakeFirst(),
    ).toEqual({ capacity_remaining: 8 })
    expect(
      await db.selectFrom('program_needs').select('quantity_covered').where('id', '=', needId).executeTakeFirst(),
    ).toEqual({ quantity_covered: 2 })
    await expect(cancelAgreement(db, a.id, 'lagi', { userId: staff.id }, TODAY)).rejects.toMatchObject({
      code: 'agreement.notActive',
    })
    const actions = (await db.selectFrom('audit_log').select('action').orderBy('at').execute()).map((r) => r.action)
    expect(actions).toEqual(
      expect.arrayContaining(['proposal.created', 'proposal.accepted', 'agreement.created', 'agreement.cancelled']),
    )
  })

  test('an offer taken to zero becomes fully committed and reopens when an agreement is cancelled', async () => {
    const { db, kediri, partner, partnerUser, staff } = await world()
    const offer = await createOffer(db, partner.id, { capacity: 3 })
    const { needId } = await createProgramWithNeed(db, kediri.id, { quantity: 5 })
    const p = await propose(
      db,
      { offerId: offer.id, needId, quantity: 3, side: 'upt', actingFor: kediri.id },
      { userId: staff.id },
      TODAY,
    )
    const a = await acceptProposal(db, p.id, 'partner', terms, { userId: partnerUser.id }, TODAY)
    expect(
      (await db.selectFrom('offers').select('status').where('id', '=', offer.id).executeTakeFirstOrThrow()).status,
    ).toBe('fully_committed')
    await cancelAgreement(db, a.id, 'Mitra mundur', { userId: partnerUser.id }, TODAY)
    expect(
      await db
        .selectFrom('offers')
        .select(['status', 'capacity_remaining'])
        .where('id', '=', offer.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'open', capacity_remaining: 3 })
  })

  test('declined and expired proposals cannot be accepted', async () => {
    const { db, kediri, partner, partnerUser, staff } = await world()
    const offer = await createOffer(db, partner.id)
    const { needId } = await createProgramWithNeed(db, kediri.id)
    const p = await propose(
      db,
      { offerId: offer.id, needId, quantity: 1, side: 'partner', actingFor: partner.id },
      { userId: partnerUser.id },
      TODAY,
    )
    await declineProposal(db, p.id, 'upt', 'Kuota sudah penuh', { userId: staff.id }, TODAY)
    await expect(acceptProposal(db, p.id, 'upt', terms, { userId: staff.id }, TODAY)).rejects.toMatchObject({
      code: 'proposal.notOpen',
    })
    const q = await propose(
      db,
      { offerId: offer.id, needId, quantity: 1, side: 'partner', actingFor: partner.id },
      { userId: partnerUser.id },
      TODAY,
    )
    await expect(acceptProposal(db, q.id, 'upt', terms, { userId: staff.id }, '2026-12-13')).rejects.toMatchObject({
      code: 'proposal.expired',
    })
    expect(await expireProposals(db, '2026-12-13')).toBe(1)
    expect(
      (await db.selectFrom('proposals').select('status').where('id', '=', q.id).executeTakeFirstOrThrow()).status,
    ).toBe('expired')
  })

  test('property: no sequence of propose/accept/decline/complete/cancel over-commits anything', async () => {
    const { db, kediri, partner, partnerUser, staff } = await world()
    const step = fc.oneof(
      fc.record({
        op: fc.constant('propose' as const),
        offer: fc.nat(2),
        need: fc.nat(2),
        quantity: fc.integer({ min: 1, max: 6 }),
        side: fc.constantFrom('partner' as const, 'upt' as const),
      }),
      fc.record({ op: fc.constantFrom('accept' as const, 'decline' as const), pick: fc.nat(20) }),
      fc.record({ op: fc.constantFrom('complete' as const, 'cancel' as const), pick: fc.nat(20) }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 3, maxLength: 3 }),
        fc.array(step, { maxLength: 25 }),
        async (caps, qtys, steps) => {
          const offers = await Promise.all(caps.map((c) => createOffer(db, partner.id, { capacity: c })))
          const needs = await Promise.all(qtys.map((q) => createProgramWithNeed(db, kediri.id, { quantity: q })))
          const proposals: { id: string; side: 'partner' | 'upt' }[] = []
          const agreements: string[] = []
          for (const s of steps) {
            try {
              if (s.op === 'propose') {
                const p = await propose(
                  db,
                  {
                    offerId: offers[s.offer]!.id,
                    needId: needs[s.need]!.needId,
                    quantity: s.quantity,
                    side: s.side,
                    actingFor: s.side === 'partner' ? partner.id : kediri.id,
                  },
                  { userId: partnerUser.id },
                  TODAY,
                )
                proposals.push({ id: p.id, side: s.side })
              } else if (s.op === 'accept' || s.op === 'decline') {
                const p = proposals[s.pick % Math.max(1, proposals.length)]
                if (!p) continue
                const other = p.side === 'partner' ? 'upt' : 'partner'
                if (s.op === 'accept')
                  agreements.push((await acceptProposal(db, p.id, other, terms, { userId: staff.id }, TODAY)).id)
                else await declineProposal(db, p.id, other, 'Tidak cocok', { userId: staff.id }, TODAY)
              } else {
                const a = agreements[s.pick % Math.max(1, agreements.length)]
                if (!a) continue
                if (s.op === 'complete') await completeAgreement(db, a, { userId: staff.id }, TODAY)
                else await cancelAgreement(db, a, 'Batal', { userId: staff.id }, TODAY)
              }
            } catch (error) {
              if (!(error instanceof DomainError)) throw error
            }
            // Invariants after every step, against the agreements actually stored.
            for (const o of offers) {
              const row = await db
                .selectFrom('offers')
                .select(['capacity_total', 'capacity_remaining'])
                .where('id', '=', o.id)
                .executeTakeFirstOrThrow()
              const held = await db
                .selectFrom('agreements')
                .select((e) => e.fn.sum<number>('quantity').as('q'))
                .where('offer_id', '=', o.id)
                .where('status', 'in', ['active', 'completed'])
                .executeTakeFirstOrThrow()
              expect(row.capacity_remaining).toBeGreaterThanOrEqual(0)
              expect(row.capacity_remaining).toBe(row.capacity_total - Number(held.q ?? 0))
            }
            for (const n of needs) {
              const row = await db
                .selectFrom('program_needs')
                .select(['quantity', 'quantity_covered'])
                .where('id', '=', n.needId)
                .executeTakeFirstOrThrow()
              const held = await db
                .selectFrom('agreements')
                .select((e) => e.fn.sum<number>('quantity').as('q'))
                .where('need_id', '=', n.needId)
                .where('status', 'in', ['active', 'completed'])
                .executeTakeFirstOrThrow()
              expect(row.quantity_covered).toBeLessThanOrEqual(row.quantity)
              expect(row.quantity_covered).toBe(Number(held.q ?? 0))
            }
          }
        },
      ),
      { numRuns: 30, seed: 4 },
    )
  }, 60_000)

  test('suggestions from the database never break a hard rule', async () => {
    const { db, kediri, bangli, partner } = await world()
    const other = await createPartner(db, { status: 'suspended' })
    await setSecurityLevel(db, bangli.id, 'maximum')
    for (const [i, sector] of ['tenun', 'food', 'crafts'].entries()) {
      await createOffer(db, i % 2 ? other.id : partner.id, {
        sectors: [sector],
        provinces: i ? ['51'] : ['35'],
        national: i === 2,
        capacity: i + 1,
      })
      await createOffer(db, partner.id, { kind: 'expert', sectors: [sector, 'tenun'], national: true })
      await createProgramWithNeed(db, kediri.id, { sector, kind: i ? 'training' : 'expert' })
      await createProgramWithNeed(db, bangli.id, { sector, kind: i ? 'expert' : 'training' })
    }
    const ctx = await matchContext(db, undefined, TODAY)
    const offers = await loadOffers(db, {}, TODAY)
    const needs = await loadNeeds(db, {}, TODAY)
    let seen = 0
    for (const o of offers) {
      for (const s of await needsForOffer(db, o.id, 50, TODAY)) {
        seen++
        expect(
          hardRuleFailures(
            o,
            needs.find((n) => n.id === s.needId)!,
            ctx,
          ),
        ).toEqual([])
      }
    }
    expect(seen).toBeGreaterThan(0)
  })
})

describe('candidate queries use indexes', () => {
  test('no full scan of offers or program needs when looking for one offer’s or one need’s candidates', async () => {
    const db = testDb()
    const { sql } = await import('kysely')
    if (TEST_ENGINE === 'postgres') {
      // PostgreSQL plans a table this small with a sequential scan whatever indexes exist; with
      // sequential scans priced out, the plan shows which indexes serve these predicates.
      await sql`set enable_seqscan = off`.execute(db)
      const pgPlan = async (q: string) =>
        (await sql.raw<{ 'QUERY PLAN': string }>(`explain ${q}`).execute(db)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n')
      const needs =
        await pgPlan(`select n.id from program_needs n join programs g on g.id = n.program_id join upts u on u.id = g.upt_id
       where n.kind = 'training' and g.sector_id in ('tenun') and u.province_id in ('35') and g.status = 'active' and n.quantity_covered < n.quantity`)
      const offers = await pgPlan(`select o.id from offers o join partners pa on pa.id = o.partner_id
       where o.kind = 'training' and o.status = 'open' and o.valid_until >= '2026-11-28' and o.valid_from <= '2026-11-28' and o.capacity_remaining > 0 and pa.status = 'verified'`)
      expect(needs).not.toMatch(/Seq Scan on (program_needs|programs)/)
      expect(offers).not.toMatch(/Seq Scan on offers/)
      expect(offers).toMatch(/offers_match_idx/)
      return
    }
    const plan = async (q: string) =>
      (await sql.raw<{ detail: string }>(`explain query plan ${q}`).execute(db)).rows.map((r) => r.detail)
    const needsPlan = await plan(
      `select n.id from program_needs n join programs g on g.id = n.program_id join upts u on u.id = g.upt_id
       where n.kind = 'training' and g.sector_id in ('tenun') and u.province_id in ('35') and g.status = 'active' and n.quantity_covered < n.quantity`,
    )
    const offersPlan = await plan(
      `select o.id from offers o join partners pa on pa.id = o.partner_id
       where o.kind = 'training' and o.status = 'open' and o.valid_until >= '2026-11-28' and o.valid_from <= '2026-11-28' and o.capacity_remaining > 0 and pa.status = 'verified'
       and exists (select 1 from offer_sectors os where os.offer_id = o.id and os.sector_id = 'tenun')
       and (o.national = 1 or exists (select 1 from offer_provinces op where op.offer_id = o.id and op.province_id = '35'))`,
    )
    for (const line of [...needsPlan, ...offersPlan])
      expect(line).not.toMatch(/^SCAN (n|o|program_needs|offers)\b(?! USING)/)
    expect(needsPlan.join('\n')).toMatch(/USING (COVERING )?INDEX/)
    expect(offersPlan.join('\n')).toMatch(/offers_match_idx/)
  })
})

test('acceptance re-checks the rules: a partner suspended after proposing cannot get an agreement', async () => {
  const db = testDb()
  const { a: kediri } = await twoUpts(db)
  const partner = await createPartner(db)
  const partnerUser = await createUser(db, { role: 'partner_member', partnerId: partner.id })
  const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
  const offer = await createOffer(db, partner.id)
  const { needId } = await createProgramWithNeed(db, kediri.id)
  const p = await propose(
    db,
    { offerId: offer.id, needId, quantity: 2, side: 'partner', actingFor: partner.id },
    { userId: partnerUser.id },
    TODAY,
  )
  await setSecurityLevel(db, kediri.id, 'super_maximum', '2026-11-01')
  await expect(acceptProposal(db, p.id, 'upt', terms, { userId: staff.id }, TODAY)).rejects.toMatchObject({
    code: 'match.rule.securityLevel',
  })
  await setSecurityLevel(db, kediri.id, 'minimum', '2026-11-02')
  await db.updateTable('partners').set({ status: 'suspended' }).where('id', '=', partner.id).execute()
  await expect(acceptProposal(db, p.id, 'upt', terms, { userId: staff.id }, TODAY)).rejects.toMatchObject({
    code: 'match.rule.partnerVerified',
  })
  expect(await db.selectFrom('agreements').select('id').execute()).toEqual([])
  expect(
    (await db.selectFrom('offers').select('capacity_remaining').where('id', '=', offer.id).executeTakeFirstOrThrow())
      .capacity_remaining,
  ).toBe(10)
  expect(
    (await db.selectFrom('proposals').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status,
  ).toBe('proposed')
})
