/**
 * The LPKA floor (ADR 016): children in an LPKA are trained, never put to production work, so no
 * setting, old or new, lets production capital or offtake reach an LPKA: not the settings form,
 * not need creation, not matching, not proposals or agreements.
 */
import { describe, expect, test } from 'vitest'
import { acceptProposal, propose } from '#app/domain/agreements/lifecycle.ts'
import { needsForOffer, needsWithoutCandidates, offersForNeed } from '#app/domain/matching/candidates.ts'
import { addNeed } from '#app/domain/programs/manage.ts'
import { kindsAllowedFor, loadAllowedKinds } from '#app/domain/registry/settings.ts'
import { action as settingsAction, loader as settingsLoader } from '#app/routes/admin.settings.tsx'
import { action as programAction } from '#app/routes/upt.$uptId.programs.$programId.tsx'
import type { DB } from '#db/client.ts'
import { up as lpkaFloorMigration } from '#db/migrations/2026-12-06T1600_lpka_floor.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { createPartner, createUser, sessionCookieFor } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { createOffer, createProgramWithNeed, setSecurityLevel } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const TODAY = '2026-11-28'
const PRODUCTION = ['capital', 'absorption'] as const

async function lpka(db: DB) {
  return db
    .selectFrom('upts')
    .select(['id', 'kanwil_id', 'province_id'])
    .where('type', '=', 'lpka')
    .orderBy('slug')
    .executeTakeFirstOrThrow()
}

/** What the settings page allowed before the floor: capital and offtake switched on for LPKA, written straight to the table. */
async function forceOldSettings(db: DB) {
  await db
    .updateTable('support_kind_settings')
    .set({ allowed: 1 })
    .where('scope_type', '=', 'upt_type')
    .where('scope_value', '=', 'lpka')
    .execute()
  await db.updateTable('support_kind_settings').set({ allowed: 1 }).where('scope_type', '=', 'security_level').execute()
}

describe('the LPKA floor', () => {
  test('the settings form refuses capital or offtake for LPKA, writes nothing, and the page says why in both languages', async () => {
    const db = testDb()
    const admin = await createUser(db, { role: 'admin', totp: true })
    const cookie = await sessionCookieFor(db, admin.id)
    const before = await db
      .selectFrom('support_kind_settings')
      .selectAll()
      .orderBy(['scope_type', 'scope_value', 'kind'])
      .execute()
    for (const kind of PRODUCTION) {
      const r = await call(
        settingsAction,
        makeRequest('/admin/settings', {
          cookie,
          form: { scope: 'upt_type', value: 'lpka', kinds: ['training', 'expert', 'publication', kind] },
        }),
      )
      expect(r.status, kind).toBe(400)
      expect(r.data).toEqual({ scope: 'upt_type', value: 'lpka', errors: ['supportSettings.lpkaFloor'] })
    }
    expect(
      await db.selectFrom('support_kind_settings').selectAll().orderBy(['scope_type', 'scope_value', 'kind']).execute(),
    ).toEqual(before)
    expect(
      await db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.supportKinds').execute(),
    ).toEqual([])
    // The same kinds for a Lapas are a setting like any other.
    const lapas = await call(
      settingsAction,
      makeRequest('/admin/settings', {
        cookie,
        form: { scope: 'upt_type', value: 'lapas', kinds: ['training', 'absorption'] },
      }),
    )
    expect(lapas.status).toBe(302)

    const page = await call(settingsLoader, makeRequest('/admin/settings', { cookie }))
    expect(page.data.settings.upt_type.lpka).toEqual(['training', 'expert', 'publication'])
    const { translator } = await import('#app/i18n/index.ts')
    expect(translator('id')('supportSettings.lpkaFloorNote')).toMatch(
      /LPKA tidak pernah menerima modal produksi atau penampungan hasil/,
    )
    expect(translator('en')('supportSettings.lpkaFloorNote')).toMatch(
      /an LPKA never receives production capital or product offtake/,
    )
  })

  test('rows stored before the floor cannot lift it: addNeed refuses capital and offtake at an LPKA, through the domain and the page', async () => {
    const db = testDb()
    const u = await lpka(db)
    await setSecurityLevel(db, u.id, 'minimum')
    await forceOldSettings(db)
    expect((await loadAllowedKinds(db)).upt_type.lpka).toEqual(['training', 'expert', 'publication'])
    expect(
      kindsAllowedFor(
        {
          security_level: { minimum: ['capital', 'absorption', 'training'] },
          upt_type: { lpka: ['capital', 'absorption', 'training'] },
        },
        'minimum',
        'lpka',
      ),
    ).toEqual(['training'])

    const staff = await createUser(db, { role: 'upt_staff', uptId: u.id })
    const { programId } = await createProgramWithNeed(db, u.id, { sector: 'crafts' })
    for (const kind of PRODUCTION) {
      await expect(
        addNeed(db, u.id, programId, { kind, quantity: 100, note: '' }, { userId: staff.id }, TODAY),
      ).rejects.toMatchObject({ code: 'program.lpkaFloor', field: 'kind' })
      const r = await call(
        programAction,
        makeRequest(`/upt/${u.id}/programs/${programId}`, {
          cookie: await sessionCookieFor(db, staff.id),
          form: { intent: 'need', kind, quantity: '100' },
        }),
        { uptId: u.id, programId },
      )
      expect(r.status, kind).toBe(400)
      expect(r.data.error.kind).toEqual(['program.lpkaFloor'])
    }
    expect(await db.selectFrom('program_needs').select('kind').where('program_id', '=', programId).execute()).toEqual([
      { kind: 'training' },
    ])
    await expect(
      addNeed(db, u.id, programId, { kind: 'training', quantity: 10, note: '' }, { userId: staff.id }, TODAY),
    ).resolves.toMatchObject({ id: expect.any(String) })
  })

  test('an offtake need left at an LPKA from before is never suggested, proposed or agreed, and is not listed as waiting for a partner', async () => {
    const db = testDb()
    const u = await lpka(db)
    await setSecurityLevel(db, u.id, 'minimum')
    await forceOldSettings(db)
    const partner = await createPartner(db)
    const partnerUser = await createUser(db, { role: 'partner_member', partnerId: partner.id })
    const staff = await createUser(db, { role: 'upt_staff', uptId: u.id })
    const offer = await createOffer(db, partner.id, {
      kind: 'absorption',
      sectors: ['crafts'],
      national: true,
      capacity: 500,
    })
    const { needId } = await createProgramWithNeed(db, u.id, { sector: 'crafts', kind: 'absorption', quantity: 100 })
    // The same offer may serve a training need at the same LPKA: the floor is about production only.
    const training = await createOffer(db, partner.id, { kind: 'training', sectors: ['crafts'], national: true })
    const trainingNeed = await createProgramWithNeed(db, u.id, { sector: 'crafts', kind: 'training' })

    expect(await needsForOffer(db, offer.id, 10, TODAY)).toEqual([])
    expect(await offersForNeed(db, needId, 10, TODAY)).toEqual([])
    expect((await needsForOffer(db, training.id, 10, TODAY)).map((s) => s.needId)).toEqual([trainingNeed.needId])
    expect((await needsWithoutCandidates(db, null, TODAY)).needs.map((n) => n.id)).not.toContain(needId)

    for (const side of ['partner', 'upt'] as const) {
      await expect(
        propose(
          db,
          { offerId: offer.id, needId, quantity: 10, side, actingFor: side === 'partner' ? partner.id : u.id },
          { userId: side === 'partner' ? partnerUser.id : staff.id },
          TODAY,
        ),
      ).rejects.toMatchObject({ code: 'match.rule.lpkaFloor' })
    }
    expect(await db.selectFrom('proposals').selectAll().execute()).toEqual([])

    // A proposal made before the floor existed cannot become an agreement.
    const proposalId = newId()
    await db
      .insertInto('proposals')
      .values({
        id: proposalId,
        offer_id: offer.id,
        need_id: needId,
        partner_id: partner.id,
        upt_id: u.id,
        quantity: 10,
        message: null,
        proposed_by_side: 'partner',
        proposed_by: partnerUser.id,
        status: 'proposed',
        expires_on: '2026-12-12',
        decline_reason: null,
        decided_by: null,
        decided_at: null,
        agreement_id: null,
        created_at: nowIso(),
      })
      .execute()
    await expect(
      acceptProposal(
        db,
        proposalId,
        'upt',
        {
          terms: 'Penampungan hasil kerajinan.',
          startDate: '2026-12-01',
          endDate: '2027-03-01',
          pksNumber: '',
          pksDocumentUrl: '',
        },
        { userId: staff.id },
        TODAY,
      ),
    ).rejects.toMatchObject({ code: 'match.rule.lpkaFloor' })
    expect(await db.selectFrom('agreements').selectAll().execute()).toEqual([])
    expect(
      await db.selectFrom('proposals').select('status').where('id', '=', proposalId).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'proposed' })
    expect(
      await db.selectFrom('offers').select('capacity_remaining').where('id', '=', offer.id).executeTakeFirstOrThrow(),
    ).toEqual({ capacity_remaining: 500 })
    expect(
      await db
        .selectFrom('program_needs')
        .select('quantity_covered')
        .where('id', '=', needId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ quantity_covered: 0 })
  })

  test('the migration switches off the rows an admin could store before', async () => {
    const db = testDb()
    await forceOldSettings(db)
    await lpkaFloorMigration(db)
    const rows = await db
      .selectFrom('support_kind_settings')
      .select(['kind', 'allowed'])
      .where('scope_type', '=', 'upt_type')
      .where('scope_value', '=', 'lpka')
      .orderBy('kind')
      .execute()
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.allowed]))).toEqual({
      absorption: 0,
      capital: 0,
      expert: 1,
      publication: 1,
      training: 1,
    })
  })
})
