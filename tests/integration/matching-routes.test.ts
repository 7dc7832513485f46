import { describe, expect, test } from 'vitest'
import { acceptProposal, propose } from '#app/domain/agreements/lifecycle.ts'
import { setTargets } from '#app/domain/outcomes/targets.ts'
import { action as agreementAction, loader as agreementLoader } from '#app/routes/agreements.$agreementId.tsx'
import { loader as agreementsLoader } from '#app/routes/agreements._index.tsx'
import { loader as adminMatchingLoader } from '#app/routes/admin.matching.tsx'
import { action as targetsAction } from '#app/routes/admin.targets.tsx'
import { loader as impactLoader } from '#app/routes/impact.tsx'
import { action as partnerImpactAction, loader as partnerImpactLoader } from '#app/routes/partner.impact.tsx'
import { action as partnerSuggestAction, loader as partnerSuggestLoader } from '#app/routes/partner.suggestions.tsx'
import { loader as publicImpactLoader } from '#app/routes/partners.$slug_.impact.tsx'
import { action as proposalAction, loader as proposalLoader } from '#app/routes/proposals.$proposalId.tsx'
import { action as uptOutcomesAction } from '#app/routes/upt.$uptId.outcomes.tsx'
import { loader as uptSuggestLoader } from '#app/routes/upt.$uptId.suggestions.tsx'
import { call, makeRequest } from '#tests/helpers.ts'
import { createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { createOffer, createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { todayIn } from '#app/lib/time.ts'

const terms = { terms: 'Pelatihan tenun 40 jam di bengkel Lapas.', startDate: '2026-12-01', endDate: '2027-03-01' }

async function world() {
  const db = testDb()
  const { a: kediri, b: bangli } = await twoUpts(db)
  const partner = await createPartner(db)
  const other = await createPartner(db)
  const partnerUser = await createUser(db, { role: 'partner_member', partnerId: partner.id })
  const otherUser = await createUser(db, { role: 'partner_member', partnerId: other.id })
  const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
  const bangliStaff = await createUser(db, { role: 'upt_staff', uptId: bangli.id })
  const offer = await createOffer(db, partner.id, { capacity: 10 })
  const need = await createProgramWithNeed(db, kediri.id, { quantity: 6 })
  return {
    db,
    kediri,
    bangli,
    partner,
    other,
    offer,
    need,
    partnerUser,
    staff,
    cookies: {
      partner: await sessionCookieFor(db, partnerUser.id),
      other: await sessionCookieFor(db, otherUser.id),
      staff: await sessionCookieFor(db, staff.id),
      bangli: await sessionCookieFor(db, bangliStaff.id),
    },
  }
}

describe('suggestions and proposals through the routes', () => {
  test('a partner sees the need with its score and reasons, proposes, and the UPT is emailed', async () => {
    const w = await world()
    const page = await call(partnerSuggestLoader, makeRequest('/partner/suggestions', { cookie: w.cookies.partner }))
    expect(page.status).toBe(200)
    const s = page.data.blocks[0].suggestions[0]
    expect(s.needId).toBe(w.need.needId)
    expect(s.score.parts).toHaveLength(5)

    const bad = await call(
      partnerSuggestAction,
      makeRequest('/partner/suggestions', {
        cookie: w.cookies.partner,
        form: { intent: 'propose', offerId: w.offer.id, needId: w.need.needId, quantity: '7' },
      }),
    )
    expect(bad.status).toBe(400)
    expect(bad.data.error.quantity).toEqual(['proposal.tooMuch?max=6'])
    expect(await w.db.selectFrom('proposals').select('id').execute()).toEqual([])

    const ok = await call(
      partnerSuggestAction,
      makeRequest('/partner/suggestions', {
        cookie: w.cookies.partner,
        form: { intent: 'propose', offerId: w.offer.id, needId: w.need.needId, quantity: '4' },
      }),
    )
    expect(ok.status).toBe(302)
    const proposal = await w.db.selectFrom('proposals').selectAll().executeTakeFirstOrThrow()
    expect(ok.headers.get('Location')).toBe(`/proposals/${proposal.id}`)
    expect(proposal).toMatchObject({ quantity: 4, proposed_by_side: 'partner', status: 'proposed' })
    const mails = await w.db.selectFrom('emails').select(['to_address', 'subject', 'text_body']).execute()
    const staffEmail = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.staff.id).executeTakeFirstOrThrow()
    ).email
    expect(mails.map((m) => m.to_address)).toContain(staffEmail)
    expect(mails[0]!.text_body).toContain(`/proposals/${proposal.id}`)
    // The suggestion now links to the waiting proposal instead of offering a second one.
    const after = await call(partnerSuggestLoader, makeRequest('/partner/suggestions', { cookie: w.cookies.partner }))
    expect(after.data.pending).toEqual({ [`${w.offer.id}|${w.need.needId}`]: proposal.id })
  })

  test("another organisation's offer cannot be proposed (403, audited)", async () => {
    const w = await world()
    const r = await call(
      partnerSuggestAction,
      makeRequest('/partner/suggestions', {
        cookie: w.cookies.other,
        form: { intent: 'propose', offerId: w.offer.id, needId: w.need.needId, quantity: '1' },
      }),
    )
    expect(r.status).toBe(403)
    expect(await w.db.selectFrom('proposals').select('id').execute()).toEqual([])
    expect(
      await w.db.selectFrom('audit_log').select('action').where('action', '=', 'access.denied').execute(),
    ).toHaveLength(1)
  })

  test('the UPT sees matching offers; another UPT cannot open the page', async () => {
    const w = await world()
    const page = await call(
      uptSuggestLoader,
      makeRequest(`/upt/${w.kediri.id}/suggestions`, { cookie: w.cookies.staff }),
      { uptId: w.kediri.id },
    )
    expect(page.data.blocks[0].suggestions.map((s: { offerId: string }) => s.offerId)).toEqual([w.offer.id])
    const foreign = await call(
      uptSuggestLoader,
      makeRequest(`/upt/${w.kediri.id}/suggestions`, { cookie: w.cookies.bangli }),
      { uptId: w.kediri.id },
    )
    expect(foreign.status).toBe(403)
  })

  test('the UPT accepts with terms; bad dates write nothing; outsiders get 403', async () => {
    const w = await world()
    const p = await propose(
      w.db,
      { offerId: w.offer.id, needId: w.need.needId, quantity: 3, side: 'partner', actingFor: w.partner.id },
      { userId: w.partnerUser.id },
    )
    expect(
      (
        await call(proposalLoader, makeRequest(`/proposals/${p.id}`, { cookie: w.cookies.bangli }), {
          proposalId: p.id,
        })
      ).status,
    ).toBe(403)
    expect(
      (await call(proposalLoader, makeRequest(`/proposals/${p.id}`, { cookie: w.cookies.other }), { proposalId: p.id }))
        .status,
    ).toBe(403)
    const view = await call(proposalLoader, makeRequest(`/proposals/${p.id}`, { cookie: w.cookies.staff }), {
      proposalId: p.id,
    })
    expect(view.data).toMatchObject({ side: 'upt', canAnswer: true, canWithdraw: false })
    const partnerView = await call(proposalLoader, makeRequest(`/proposals/${p.id}`, { cookie: w.cookies.partner }), {
      proposalId: p.id,
    })
    expect(partnerView.data).toMatchObject({ side: 'partner', canAnswer: false, canWithdraw: true })

    const bad = await call(
      proposalAction,
      makeRequest(`/proposals/${p.id}`, {
        cookie: w.cookies.staff,
        form: { intent: 'accept', ...terms, endDate: '2026-11-01' },
      }),
      { proposalId: p.id },
    )
    expect(bad.status).toBe(400)
    expect(bad.data.error.endDate).toEqual(['agreement.endBeforeStart'])
    expect(await w.db.selectFrom('agreements').select('id').execute()).toEqual([])

    const ok = await call(
      proposalAction,
      makeRequest(`/proposals/${p.id}`, {
        cookie: w.cookies.staff,
        form: { intent: 'accept', ...terms, pksNumber: 'PKS-1' },
      }),
      { proposalId: p.id },
    )
    expect(ok.status).toBe(302)
    const a = await w.db.selectFrom('agreements').selectAll().executeTakeFirstOrThrow()
    expect(ok.headers.get('Location')).toBe(`/agreements/${a.id}`)
    expect(a).toMatchObject({
      status: 'active',
      quantity: 3,
      pks_number: 'PKS-1',
      number: `KS-${todayIn().slice(0, 4)}-000001`,
    })
    const list = await call(agreementsLoader, makeRequest('/agreements', { cookie: w.cookies.partner }))
    expect(list.data.agreements.items.map((x: { id: string }) => x.id)).toEqual([a.id])
  })

  test('outcomes on an agreement are the UPT’s; cancelling gives capacity back', async () => {
    const w = await world()
    const p = await propose(
      w.db,
      { offerId: w.offer.id, needId: w.need.needId, quantity: 5, side: 'upt', actingFor: w.kediri.id },
      { userId: w.staff.id },
    )
    const a = await acceptProposal(w.db, p.id, 'partner', terms, { userId: w.partnerUser.id })
    const outcome = { intent: 'outcome', metric: 'certified', count: '4', occurredOn: todayIn() }
    const byPartner = await call(
      agreementAction,
      makeRequest(`/agreements/${a.id}`, { cookie: w.cookies.partner, form: { ...outcome, certifyingBody: 'BNSP' } }),
      { agreementId: a.id },
    )
    expect(byPartner.status).toBe(403)
    const missingBody = await call(
      agreementAction,
      makeRequest(`/agreements/${a.id}`, { cookie: w.cookies.staff, form: outcome }),
      { agreementId: a.id },
    )
    expect(missingBody.status).toBe(400)
    expect(missingBody.data.error.certifyingBody).toEqual(['outcome.certifyingBodyRequired'])
    const ok = await call(
      agreementAction,
      makeRequest(`/agreements/${a.id}`, {
        cookie: w.cookies.staff,
        form: { ...outcome, certifyingBody: 'BNSP melalui LSP' },
      }),
      { agreementId: a.id },
    )
    expect(ok.status).toBe(302)
    const row = await w.db.selectFrom('outcomes').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      agreement_id: a.id,
      partner_id: w.partner.id,
      kind: 'training',
      metric: 'certified',
      count: 4,
      certifying_body: 'BNSP melalui LSP',
    })
    const page = await call(agreementLoader, makeRequest(`/agreements/${a.id}`, { cookie: w.cookies.partner }), {
      agreementId: a.id,
    })
    expect(page.data.outcomes.total).toBe(1)

    const noReason = await call(
      agreementAction,
      makeRequest(`/agreements/${a.id}`, { cookie: w.cookies.partner, form: { intent: 'cancel', reason: '' } }),
      { agreementId: a.id },
    )
    expect(noReason.status).toBe(400)
    const cancel = await call(
      agreementAction,
      makeRequest(`/agreements/${a.id}`, {
        cookie: w.cookies.partner,
        form: { intent: 'cancel', reason: 'Instruktur berhalangan' },
      }),
      { agreementId: a.id },
    )
    expect(cancel.status).toBe(302)
    expect(
      await w.db.selectFrom('offers').select('capacity_remaining').where('id', '=', w.offer.id).executeTakeFirst(),
    ).toEqual({ capacity_remaining: 10 })
  })

  test('program outcomes: only programs of the UPT itself', async () => {
    const w = await world()
    const foreign = await createProgramWithNeed(w.db, w.bangli.id)
    const form = { intent: 'outcome', metric: 'trained', count: '12', occurredOn: todayIn() }
    const r = await call(
      uptOutcomesAction,
      makeRequest(`/upt/${w.kediri.id}/outcomes`, {
        cookie: w.cookies.staff,
        form: { ...form, programId: foreign.programId },
      }),
      { uptId: w.kediri.id },
    )
    expect(r.status).toBe(400)
    expect(r.data.error.programId).toEqual(['field.invalid'])
    const future = await call(
      uptOutcomesAction,
      makeRequest(`/upt/${w.kediri.id}/outcomes`, {
        cookie: w.cookies.staff,
        form: { ...form, programId: w.need.programId, occurredOn: '2999-01-01' },
      }),
      { uptId: w.kediri.id },
    )
    expect(future.status).toBe(400)
    const ok = await call(
      uptOutcomesAction,
      makeRequest(`/upt/${w.kediri.id}/outcomes`, {
        cookie: w.cookies.staff,
        form: { ...form, programId: w.need.programId },
      }),
      { uptId: w.kediri.id },
    )
    expect(ok.status).toBe(302)
    expect(await w.db.selectFrom('outcomes').select(['count', 'agreement_id']).execute()).toEqual([
      { count: 12, agreement_id: null },
    ])
  })
})

describe('targets, realisation and impact', () => {
  test('national target 13,500 with 4,175 trained and 2,963 certified shows 30,92% and 21,94% data', async () => {
    const w = await world()
    const admin = await createUser(w.db, { role: 'admin', totp: true })
    const adminCookie = await sessionCookieFor(w.db, admin.id)
    const year = Number(todayIn().slice(0, 4))
    const set = await call(
      targetsAction,
      makeRequest('/admin/targets', {
        cookie: adminCookie,
        form: { intent: 'target', year: String(year), scopeType: 'national', trained: '13500', certified: '13500' },
      }),
    )
    expect(set.status).toBe(302)
    const form = { intent: 'outcome', programId: w.need.programId, occurredOn: `${year}-02-10` }
    await call(
      uptOutcomesAction,
      makeRequest(`/upt/${w.kediri.id}/outcomes`, {
        cookie: w.cookies.staff,
        form: { ...form, metric: 'trained', count: '4175' },
      }),
      { uptId: w.kediri.id },
    )
    await call(
      uptOutcomesAction,
      makeRequest(`/upt/${w.kediri.id}/outcomes`, {
        cookie: w.cookies.staff,
        form: { ...form, metric: 'certified', count: '2963', certifyingBody: 'BNSP' },
      }),
      { uptId: w.kediri.id },
    )
    const page = await call(impactLoader, makeRequest(`/impact?year=${year}`))
    expect(page.data.r.total).toEqual({ trained: 4175, certified: 2963 })
    expect(page.data.r.target).toEqual({ trained: 13500, certified: 13500 })
    expect(page.data.r.byQuarter[0]).toEqual({ quarter: 1, trained: 4175, certified: 2963 })
    expect(page.data.r.byKind).toEqual([{ kind: null, trained: 4175, certified: 2963 }])
    expect(page.data.r.byArea).toEqual([
      {
        id: w.kediri.kanwil_id,
        name: expect.any(String),
        trained: 4175,
        certified: 2963,
        targetTrained: null,
        targetCertified: null,
      },
    ])
    const other = await call(impactLoader, makeRequest(`/impact?year=${year}&upt=${w.bangli.id}`))
    expect(other.data.r.total).toEqual({ trained: 0, certified: 0 })
  })

  test('a Kanwil admin sets targets only for the Kanwil and its UPTs', async () => {
    const w = await world()
    const kanwilAdmin = await createUser(w.db, { role: 'admin', kanwilId: w.kediri.kanwil_id, totp: true })
    const cookie = await sessionCookieFor(w.db, kanwilAdmin.id)
    const base = { intent: 'target', year: '2026', trained: '100', certified: '50' }
    expect(
      (await call(targetsAction, makeRequest('/admin/targets', { cookie, form: { ...base, scopeType: 'national' } })))
        .status,
    ).toBe(403)
    expect(
      (
        await call(
          targetsAction,
          makeRequest('/admin/targets', { cookie, form: { ...base, scopeType: 'upt', scopeId: w.bangli.id } }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await call(
          targetsAction,
          makeRequest('/admin/targets', { cookie, form: { ...base, scopeType: 'upt', scopeId: w.kediri.id } }),
        )
      ).status,
    ).toBe(302)
    expect(
      await w.db
        .selectFrom('realisation_targets')
        .select(['scope_type', 'metric', 'target'])
        .orderBy('metric')
        .execute(),
    ).toEqual([
      { scope_type: 'upt', metric: 'certified', target: 50 },
      { scope_type: 'upt', metric: 'trained', target: 100 },
    ])
    await setTargets(
      w.db,
      { year: 2026, scopeType: 'upt', scopeId: w.kediri.id, trained: 120, certified: 60 },
      { userId: kanwilAdmin.id, kanwilId: w.kediri.kanwil_id },
    )
    expect(
      (
        await w.db
          .selectFrom('realisation_targets')
          .select('target')
          .where('metric', '=', 'trained')
          .executeTakeFirstOrThrow()
      ).target,
    ).toBe(120)
  })

  test('admins see needs nobody can serve, limited to their Kanwil', async () => {
    const w = await world()
    await createProgramWithNeed(w.db, w.bangli.id, { sector: 'food' })
    const national = await createUser(w.db, { role: 'admin', totp: true })
    const kanwil = await createUser(w.db, { role: 'admin', kanwilId: w.kediri.kanwil_id, totp: true })
    const all = await call(
      adminMatchingLoader,
      makeRequest('/admin/matching', { cookie: await sessionCookieFor(w.db, national.id) }),
    )
    expect(all.data.groups).toEqual([
      { provinceId: '51', provinceName: 'Bali', kind: 'training', needs: 1, quantity: 10 },
    ])
    const mine = await call(
      adminMatchingLoader,
      makeRequest('/admin/matching', { cookie: await sessionCookieFor(w.db, kanwil.id) }),
    )
    expect(mine.data.total).toBe(0)
    expect((await call(adminMatchingLoader, makeRequest('/admin/matching', { cookie: w.cookies.staff }))).status).toBe(
      403,
    )
  })

  test('partner impact is private until the owner opts in', async () => {
    const w = await world()
    const slug = (
      await w.db.selectFrom('partners').select('slug').where('id', '=', w.partner.id).executeTakeFirstOrThrow()
    ).slug
    expect((await call(publicImpactLoader, makeRequest(`/partners/${slug}/impact`), { slug })).status).toBe(404)
    const member = await createUser(w.db, { role: 'partner_member', partnerId: w.partner.id, partnerRole: 'member' })
    const memberCookie = await sessionCookieFor(w.db, member.id)
    expect(
      (
        await call(
          partnerImpactAction,
          makeRequest('/partner/impact', { cookie: memberCookie, form: { intent: 'visibility', public: '1' } }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await call(
          partnerImpactAction,
          makeRequest('/partner/impact', { cookie: w.cookies.partner, form: { intent: 'visibility', public: '1' } }),
        )
      ).status,
    ).toBe(302)
    const pub = await call(publicImpactLoader, makeRequest(`/partners/${slug}/impact`), { slug })
    expect(pub.status).toBe(200)
    expect(pub.data.impact).toMatchObject({ trained: 0, agreements: { active: 0, completed: 0, cancelled: 0 } })
    const own = await call(partnerImpactLoader, makeRequest('/partner/impact', { cookie: w.cookies.partner }))
    expect(own.data.partner.impact_public).toBe(1)
  })
})
