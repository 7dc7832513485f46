import { describe, expect, test } from 'vitest'
import { action as decideAction, loader as reviewLoader } from '#app/routes/admin.partners.tsx'
import { action as profileAction } from '#app/routes/partner.profile.tsx'
import { action as membersAction } from '#app/routes/partner.members.tsx'
import { loader as partnerPageLoader } from '#app/routes/partners.$slug.tsx'
import { loader as partnersLoader } from '#app/routes/partners._index.tsx'
import { action as newProgramAction } from '#app/routes/upt.$uptId.programs.new.tsx'
import { action as programAction, loader as programLoader } from '#app/routes/upt.$uptId.programs.$programId.tsx'
import { loader as publicProgramLoader } from '#app/routes/programs.$programId.tsx'
import { loader as programsLoader } from '#app/routes/programs._index.tsx'
import { action as uptAdminAction } from '#app/routes/admin.upts.$uptId.tsx'
import { action as settingsAction } from '#app/routes/admin.settings.tsx'
import { uptStatusOn } from '#app/domain/registry/upts.ts'
import { addNeed } from '#app/domain/programs/manage.ts'
import { listActivePrograms } from '#app/domain/programs/queries.ts'
import { addLegalDocumentRows, createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const profile = {
  name: 'Koperasi Maju',
  orgType: 'cooperative',
  provinceIds: ['35', '33'],
  sectorIds: ['furniture', 'food'],
  description: 'Koperasi mebel',
}

describe('partner profile and verification', () => {
  test('owner saves provinces, sectors and valid legal ids; bad NIB/NPWP are refused by field and write nothing', async () => {
    const db = testDb()
    const partner = await createPartner(db, { status: 'pending' })
    const owner = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'owner' })
    const cookie = await sessionCookieFor(db, owner.id)
    const bad = await call(
      profileAction,
      makeRequest('/partner/profile', { cookie, form: { ...profile, nib: '12345', npwp: '01.234.567.8-901' } }),
    )
    expect(bad.status).toBe(400)
    expect(bad.data.error).toMatchObject({ nib: ['partner.nibFormat'], npwp: ['partner.npwpFormat'] })
    expect(await db.selectFrom('partner_provinces').selectAll().execute()).toEqual([])
    const ok = await call(
      profileAction,
      makeRequest('/partner/profile', {
        cookie,
        form: { ...profile, nib: '1234567890123', npwp: '01.234.567.8-901.000' },
      }),
    )
    expect(ok.status).toBe(302)
    const saved = await db
      .selectFrom('partners')
      .select(['name', 'nib', 'npwp', 'org_type'])
      .where('id', '=', partner.id)
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({
      name: 'Koperasi Maju',
      nib: '1234567890123',
      npwp: '012345678901000',
      org_type: 'cooperative',
    })
    const provinces = await db
      .selectFrom('partner_provinces')
      .select('province_id')
      .where('partner_id', '=', partner.id)
      .orderBy('province_id')
      .execute()
    expect(provinces.map((p) => p.province_id)).toEqual(['33', '35'])
    // A plain member may not change the organisation's profile.
    const plain = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'member' })
    const denied = await call(
      profileAction,
      makeRequest('/partner/profile', { cookie: await sessionCookieFor(db, plain.id), form: profile }),
    )
    expect(denied.status).toBe(403)
  })

  test('owner invites a member by email; the invitation carries the partner and member role', async () => {
    const db = testDb()
    const partner = await createPartner(db)
    const owner = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'owner' })
    const r = await call(
      membersAction,
      makeRequest('/partner/members', {
        cookie: await sessionCookieFor(db, owner.id),
        form: { email: 'anggota@mitra.test' },
      }),
    )
    expect(r.status).toBe(302)
    expect(
      await db.selectFrom('invitations').select(['email', 'role', 'partner_id', 'partner_role']).execute(),
    ).toEqual([{ email: 'anggota@mitra.test', role: 'partner_member', partner_id: partner.id, partner_role: 'member' }])
    expect((await db.selectFrom('emails').select('to_address').executeTakeFirstOrThrow()).to_address).toBe(
      'anggota@mitra.test',
    )
  })

  test('a Kanwil admin verifies a partner serving their province; another Kanwil is refused; email and audit follow', async () => {
    const db = testDb()
    const partner = await createPartner(db, { status: 'pending' })
    await db.insertInto('partner_provinces').values({ partner_id: partner.id, province_id: '35' }).execute()
    await addLegalDocumentRows(db, partner.id)
    const jatim = await createUser(db, { role: 'admin', kanwilId: 'kanwil-35', totp: true })
    const bali = await createUser(db, { role: 'admin', kanwilId: 'kanwil-51', totp: true })
    const baliCookie = await sessionCookieFor(db, bali.id)
    const refused = await call(
      decideAction,
      makeRequest('/admin/partners', { cookie: baliCookie, form: { partnerId: partner.id, decision: 'verify' } }),
    )
    expect(refused.status).toBe(403)
    expect((await call(reviewLoader, makeRequest('/admin/partners', { cookie: baliCookie }))).data.total).toBe(0)
    // Public page does not exist yet.
    const slug = (await db.selectFrom('partners').select('slug').where('id', '=', partner.id).executeTakeFirstOrThrow())
      .slug
    expect((await call(partnerPageLoader, makeRequest(`/partners/${slug}`), { slug })).status).toBe(404)
    const cookie = await sessionCookieFor(db, jatim.id)
    expect((await call(reviewLoader, makeRequest('/admin/partners', { cookie }))).data.total).toBe(1)
    // Rejecting without a reason is refused.
    const noReason = await call(
      decideAction,
      makeRequest('/admin/partners', { cookie, form: { partnerId: partner.id, decision: 'reject' } }),
    )
    expect(noReason.status).toBe(400)
    expect(noReason.data.error.reason).toEqual(['partner.reasonRequired'])
    const ok = await call(
      decideAction,
      makeRequest('/admin/partners', { cookie, form: { partnerId: partner.id, decision: 'verify' } }),
    )
    expect(ok.status).toBe(302)
    expect(
      (await db.selectFrom('partners').select('status').where('id', '=', partner.id).executeTakeFirstOrThrow()).status,
    ).toBe('verified')
    expect((await call(partnerPageLoader, makeRequest(`/partners/${slug}`), { slug })).status).toBe(200)
    // Verifying twice is a refused transition; suspend needs a reason and hides the page.
    expect(
      (
        await call(
          decideAction,
          makeRequest('/admin/partners', { cookie, form: { partnerId: partner.id, decision: 'verify' } }),
        )
      ).status,
    ).toBe(400)
    expect(
      (
        await call(
          decideAction,
          makeRequest('/admin/partners', {
            cookie,
            form: { partnerId: partner.id, decision: 'suspend', reason: 'Laporan masyarakat' },
          }),
        )
      ).status,
    ).toBe(302)
    expect((await call(partnerPageLoader, makeRequest(`/partners/${slug}`), { slug })).status).toBe(404)
    expect(
      (
        await call(
          decideAction,
          makeRequest('/admin/partners', { cookie, form: { partnerId: partner.id, decision: 'reinstate' } }),
        )
      ).status,
    ).toBe(302)
    const actions = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('target_id', '=', partner.id)
      .orderBy('at')
      .execute()
    expect(actions).toEqual([
      { action: 'partner.verify', actor_user_id: jatim.id },
      { action: 'partner.suspend', actor_user_id: jatim.id },
      { action: 'partner.reinstate', actor_user_id: jatim.id },
    ])
    const emails = await db.selectFrom('emails').select(['to_address', 'text_body']).orderBy('created_at').execute()
    expect(emails).toHaveLength(3)
    expect(emails[1]!.text_body).toContain('Laporan masyarakat')
    // The directory shows it (verified) with province and sector filters.
    const dir = await call(partnersLoader, makeRequest('/partners?province=35'))
    expect(dir.data.items.map((i: { id: string }) => i.id)).toContain(partner.id)
    expect(
      (await call(partnersLoader, makeRequest('/partners?province=51'))).data.items.map((i: { id: string }) => i.id),
    ).not.toContain(partner.id)
  })
})

const program = {
  title: 'Bengkel mebel jati',
  sectorId: 'furniture',
  description: 'Pelatihan dan produksi mebel jati.',
  participants: '25',
  eligibilityRule: '1/3 masa pidana',
  schedule: 'Senin–Jumat',
  status: 'active',
}

describe('programs and needs', () => {
  test('staff create a program with needs; the public page shows needs and coverage; directories filter', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const cookie = await sessionCookieFor(db, staff.id)
    const bad = await call(
      newProgramAction,
      makeRequest(`/upt/${a.id}/programs/new`, { cookie, form: { ...program, participants: '-3', title: '' } }),
      { uptId: a.id },
    )
    expect(bad.status).toBe(400)
    expect(bad.data.error).toMatchObject({ participants: ['field.tooSmall'], title: ['field.required'] })
    expect(await db.selectFrom('programs').selectAll().execute()).toEqual([])
    const r = await call(newProgramAction, makeRequest(`/upt/${a.id}/programs/new`, { cookie, form: program }), {
      uptId: a.id,
    })
    expect(r.status).toBe(302)
    const p = await db.selectFrom('programs').select(['id', 'slug', 'upt_id']).executeTakeFirstOrThrow()
    expect(p.upt_id).toBe(a.id)
    const need = (form: Record<string, string>) =>
      call(programAction, makeRequest(`/upt/${a.id}/programs/${p.id}`, { cookie, form: { intent: 'need', ...form } }), {
        uptId: a.id,
        programId: p.id,
      })
    expect((await need({ kind: 'capital', quantity: '75000000', neededBy: '2027-03-01' })).status).toBe(302)
    expect((await need({ kind: 'training', quantity: '25' })).status).toBe(302)
    const tooMany = await need({ kind: 'expert', quantity: '500' })
    expect(tooMany.status).toBe(400)
    expect(tooMany.data.error.quantity).toEqual(['field.tooLarge'])
    await db.updateTable('program_needs').set({ quantity_covered: 25 }).where('kind', '=', 'training').execute()
    const pub = await call(publicProgramLoader, makeRequest(`/programs/${p.slug}`), { programId: p.slug })
    expect(
      pub.data.program.needs.map((n: { kind: string; quantity: number; quantity_covered: number; unit: string }) => [
        n.kind,
        n.quantity,
        n.quantity_covered,
        n.unit,
      ]),
    ).toEqual([
      ['training', 25, 25, 'seats'],
      ['capital', 75_000_000, 0, 'rupiah'],
    ])
    const list = async (qs: string) => (await call(programsLoader, makeRequest(`/programs?${qs}`))).data
    expect((await list(`province=${a.province_id}&kind=capital`)).total).toBe(1)
    // Training is fully covered: the program no longer shows under an open training need.
    expect((await list('kind=training')).total).toBe(0)
    expect((await list('uptType=lpka')).total).toBe(0)
    expect((await list('q=jati')).total).toBe(1)
  })

  test('staff of another UPT cannot open or edit the program (403); a mismatched UPT in the URL is 404', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const staffA = await createUser(db, { role: 'upt_staff', uptId: a.id })
    await call(
      newProgramAction,
      makeRequest(`/upt/${a.id}/programs/new`, { cookie: await sessionCookieFor(db, staffA.id), form: program }),
      { uptId: a.id },
    )
    const p = await db.selectFrom('programs').select(['id', 'title']).executeTakeFirstOrThrow()
    const staffB = await createUser(db, { role: 'upt_staff', uptId: b.id })
    const cookie = await sessionCookieFor(db, staffB.id)
    expect(
      (
        await call(programLoader, makeRequest(`/upt/${a.id}/programs/${p.id}`, { cookie }), {
          uptId: a.id,
          programId: p.id,
        })
      ).status,
    ).toBe(403)
    const edit = await call(
      programAction,
      makeRequest(`/upt/${a.id}/programs/${p.id}`, { cookie, form: { ...program, title: 'Dibajak' } }),
      { uptId: a.id, programId: p.id },
    )
    expect(edit.status).toBe(403)
    // Own UPT in the URL, foreign program id: not found, nothing changes.
    const sneaky = await call(
      programAction,
      makeRequest(`/upt/${b.id}/programs/${p.id}`, { cookie, form: { ...program, title: 'Dibajak' } }),
      { uptId: b.id, programId: p.id },
    )
    expect(sneaky.status).toBe(404)
    const needs = await call(
      programAction,
      makeRequest(`/upt/${b.id}/programs/${p.id}`, {
        cookie,
        form: { intent: 'need', kind: 'training', quantity: '5' },
      }),
      { uptId: b.id, programId: p.id },
    )
    expect(needs.status).toBe(404)
    expect((await db.selectFrom('programs').select('title').executeTakeFirstOrThrow()).title).toBe(p.title)
    expect(await db.selectFrom('program_needs').selectAll().execute()).toEqual([])
  })
})

describe('registry: security level history and support-kind settings', () => {
  test('a security level change takes effect from its date and not before', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const admin = await createUser(db, { role: 'admin', totp: true })
    const cookie = await sessionCookieFor(db, admin.id)
    const before = await uptStatusOn(db, a.id, '2030-06-30')
    const r = await call(
      uptAdminAction,
      makeRequest(`/admin/upts/${a.id}`, {
        cookie,
        form: { intent: 'status', securityLevel: 'super_maximum', effectiveFrom: '2030-07-01', note: 'SK Dirjen' },
      }),
      { uptId: a.id },
    )
    expect(r.status).toBe(302)
    expect(await uptStatusOn(db, a.id, '2030-06-30')).toEqual(before)
    expect(await uptStatusOn(db, a.id, '2030-07-01')).toMatchObject({
      securityLevel: 'super_maximum',
      class: before.class,
      effectiveFrom: '2030-07-01',
    })
    // What a UPT may receive follows the level of the day: capital is fine before, refused after.
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    await call(
      newProgramAction,
      makeRequest(`/upt/${a.id}/programs/new`, { cookie: await sessionCookieFor(db, staff.id), form: program }),
      { uptId: a.id },
    )
    const p = await db.selectFrom('programs').select('id').executeTakeFirstOrThrow()
    await addNeed(db, a.id, p.id, { kind: 'capital', quantity: 1_000_000 }, { userId: staff.id }, '2030-06-30')
    await expect(
      addNeed(db, a.id, p.id, { kind: 'capital', quantity: 1_000_000 }, { userId: staff.id }, '2030-07-01'),
    ).rejects.toMatchObject({ code: 'program.kindNotAllowed', field: 'kind' })
    await addNeed(db, a.id, p.id, { kind: 'expert', quantity: 5 }, { userId: staff.id }, '2030-07-01')
    // The directory's security level filter follows the same dates.
    expect((await listActivePrograms(db, { securityLevel: 'super_maximum' }, '2030-06-30')).total).toBe(0)
    expect(
      (await listActivePrograms(db, { securityLevel: 'super_maximum' }, '2030-07-01')).items.map((i) => i.id),
    ).toEqual([p.id])
    expect(
      (await db.selectFrom('audit_log').select('action').where('action', '=', 'upt.statusChanged').execute()).length,
    ).toBe(1)
    // A Kanwil admin of another province cannot record changes for this UPT.
    const other = await createUser(db, { role: 'admin', kanwilId: 'kanwil-51', totp: true })
    const refused = await call(
      uptAdminAction,
      makeRequest(`/admin/upts/${a.id}`, {
        cookie: await sessionCookieFor(db, other.id),
        form: { intent: 'status', securityLevel: 'minimum', effectiveFrom: '2030-01-01' },
      }),
      { uptId: a.id },
    )
    expect(refused.status).toBe(403)
  })

  test('LPKA accept no offtake; national admins change settings (audited), Kanwil admins cannot', async () => {
    const db = testDb()
    const lpka = await db
      .selectFrom('upts')
      .select(['id', 'kanwil_id'])
      .where('type', '=', 'lpka')
      .executeTakeFirstOrThrow()
    const staff = await createUser(db, { role: 'upt_staff', uptId: lpka.id })
    const cookie = await sessionCookieFor(db, staff.id)
    await call(newProgramAction, makeRequest(`/upt/${lpka.id}/programs/new`, { cookie, form: program }), {
      uptId: lpka.id,
    })
    const p = await db.selectFrom('programs').select('id').executeTakeFirstOrThrow()
    const need = (kind: string) =>
      call(
        programAction,
        makeRequest(`/upt/${lpka.id}/programs/${p.id}`, { cookie, form: { intent: 'need', kind, quantity: '100' } }),
        { uptId: lpka.id, programId: p.id },
      )
    const refused = await need('absorption')
    expect(refused.status).toBe(400)
    expect(refused.data.error.kind).toEqual(['program.lpkaFloor'])
    expect((await need('expert')).status).toBe(302)
    const kanwilAdmin = await createUser(db, { role: 'admin', kanwilId: lpka.kanwil_id, totp: true })
    const form = { scope: 'upt_type', value: 'lpka', kinds: ['training', 'publication'] }
    expect(
      (
        await call(
          settingsAction,
          makeRequest('/admin/settings', { cookie: await sessionCookieFor(db, kanwilAdmin.id), form }),
        )
      ).status,
    ).toBe(403)
    const national = await createUser(db, { role: 'admin', totp: true })
    expect(
      (
        await call(
          settingsAction,
          makeRequest('/admin/settings', { cookie: await sessionCookieFor(db, national.id), form }),
        )
      ).status,
    ).toBe(302)
    const again = await need('expert')
    expect(again.status).toBe(400)
    expect(again.data.error.kind).toEqual(['program.kindNotAllowed'])
    const entry = await db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'settings.supportKinds')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(entry.details!)).toEqual({ before: ['training', 'expert', 'publication'], after: form.kinds })
  })
})
