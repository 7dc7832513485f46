import { describe, expect, test } from 'vitest'
import { action as newOfferAction } from '#app/routes/partner.offers.new.tsx'
import { action as editOfferAction, loader as editOfferLoader } from '#app/routes/partner.offers.$offerId.tsx'
import { loader as offersLoader } from '#app/routes/offers._index.tsx'
import { loader as dashboardLoader } from '#app/routes/partner._index.tsx'
import { expireOffers } from '#app/domain/offers/lifecycle.ts'
import { createPartner, createUser, sessionCookieFor } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const common = {
  title: 'Dukungan untuk bengkel',
  description: 'Uji',
  sectorIds: ['furniture'],
  provinceIds: ['35'],
  securityLevels: ['medium', 'minimum'],
  validFrom: '2026-01-01',
  validUntil: '2099-12-31',
}

const VALID: Record<string, Record<string, string>> = {
  capital: { kind: 'capital', amount: '50000000', form: 'equipment', schedule: 'Dua tahap' },
  training: { kind: 'training', seats: '30', hours: '120', certificationBody: 'LSP Mebel' },
  expert: { kind: 'expert', skill: 'Desain mebel', days: '20', mode: 'onsite' },
  absorption: { kind: 'absorption', productCategory: 'Kursi', unitsPerMonth: '200', unitPrice: '150000', months: '12' },
  publication: { kind: 'publication', channels: 'Instagram', reach: '50000', publications: '6' },
}

/** For each kind: one missing required term and one out-of-range term, with the field expected to complain. */
const BAD: Record<string, { form: Record<string, string>; field: string; message: string }[]> = {
  capital: [
    { form: { amount: '' }, field: 'amount', message: 'field.number' },
    { form: { amount: '5000' }, field: 'amount', message: 'field.tooSmall' },
    { form: { form: 'gift' }, field: 'form', message: 'field.required' },
  ],
  training: [
    { form: { seats: '' }, field: 'seats', message: 'field.number' },
    { form: { hours: '0' }, field: 'hours', message: 'field.tooSmall' },
  ],
  expert: [
    { form: { skill: '' }, field: 'skill', message: 'field.required' },
    { form: { days: '400' }, field: 'days', message: 'field.tooLarge' },
  ],
  absorption: [
    { form: { productCategory: '' }, field: 'productCategory', message: 'field.required' },
    { form: { unitsPerMonth: '0' }, field: 'unitsPerMonth', message: 'field.tooSmall' },
    { form: { months: '61' }, field: 'months', message: 'field.tooLarge' },
  ],
  publication: [
    { form: { channels: '' }, field: 'channels', message: 'field.required' },
    { form: { publications: '2.5' }, field: 'publications', message: 'field.integer' },
  ],
}

async function member(status: 'pending' | 'verified' | 'rejected' | 'suspended' = 'verified') {
  const db = testDb()
  const partner = await createPartner(db, { status })
  const user = await createUser(db, { role: 'partner_member', partnerId: partner.id, partnerRole: 'member' })
  return { db, partner, user, cookie: await sessionCookieFor(db, user.id) }
}

describe('offers', () => {
  test('a verified partner publishes one offer of each kind; capacity follows the terms; the directory lists them', async () => {
    const { db, partner, cookie } = await member('verified')
    for (const [kind, terms] of Object.entries(VALID)) {
      const r = await call(
        newOfferAction,
        makeRequest('/partner/offers/new', {
          cookie,
          form: { ...common, ...terms, title: `Tawaran ${kind}`, intent: 'publish' },
        }),
      )
      expect(r.status, kind).toBe(302)
    }
    const rows = await db
      .selectFrom('offers')
      .select(['kind', 'status', 'capacity_total', 'capacity_remaining', 'unit', 'partner_id'])
      .orderBy('kind')
      .execute()
    expect(rows).toEqual([
      {
        kind: 'absorption',
        status: 'open',
        capacity_total: 200,
        capacity_remaining: 200,
        unit: 'units_per_month',
        partner_id: partner.id,
      },
      {
        kind: 'capital',
        status: 'open',
        capacity_total: 50_000_000,
        capacity_remaining: 50_000_000,
        unit: 'rupiah',
        partner_id: partner.id,
      },
      {
        kind: 'expert',
        status: 'open',
        capacity_total: 20,
        capacity_remaining: 20,
        unit: 'days',
        partner_id: partner.id,
      },
      {
        kind: 'publication',
        status: 'open',
        capacity_total: 6,
        capacity_remaining: 6,
        unit: 'publications',
        partner_id: partner.id,
      },
      {
        kind: 'training',
        status: 'open',
        capacity_total: 30,
        capacity_remaining: 30,
        unit: 'seats',
        partner_id: partner.id,
      },
    ])
    const levels = await db
      .selectFrom('offer_security_levels')
      .select('security_level')
      .distinct()
      .orderBy('security_level')
      .execute()
    expect(levels.map((l) => l.security_level)).toEqual(['medium', 'minimum'])
    // Directory filters: kind, province (35 is served; 51 is not), security level, text.
    const list = async (qs: string) => (await call(offersLoader, makeRequest(`/offers?${qs}`))).data
    expect((await list('')).total).toBe(5)
    expect((await list('kind=training')).items.map((i: { title: string }) => i.title)).toEqual(['Tawaran training'])
    expect((await list('province=35')).total).toBe(5)
    expect((await list('province=51')).total).toBe(0)
    expect((await list('level=super_maximum')).total).toBe(0)
    expect((await list('q=expert')).total).toBe(1)
    expect((await list('kind=bogus&page=abc')).total).toBe(5)
    // Suitable for an LPKA: training, expert and publication only (no capital, no offtake).
    expect((await list('uptType=lpka')).items.map((i: { kind: string }) => i.kind).sort()).toEqual([
      'expert',
      'publication',
      'training',
    ])
  })

  test('an unverified or suspended partner cannot publish: drafts only, nothing opened', async () => {
    for (const status of ['pending', 'suspended', 'rejected'] as const) {
      const { db, cookie } = await member(status)
      const r = await call(
        newOfferAction,
        makeRequest('/partner/offers/new', { cookie, form: { ...common, ...VALID.training!, intent: 'publish' } }),
      )
      expect(r.status, status).toBe(400)
      expect(r.data.error[''], status).toEqual(['offer.partnerNotVerified'])
      expect(await db.selectFrom('offers').selectAll().execute(), status).toEqual([])
      // A draft is allowed, but opening it is refused.
      const draft = await call(
        newOfferAction,
        makeRequest('/partner/offers/new', { cookie, form: { ...common, ...VALID.training!, intent: 'save' } }),
      )
      expect(draft.status).toBe(302)
      const offer = await db.selectFrom('offers').select(['id', 'status']).executeTakeFirstOrThrow()
      expect(offer.status).toBe('draft')
      const open = await call(
        editOfferAction,
        makeRequest(`/partner/offers/${offer.id}`, { cookie, form: { intent: 'open' } }),
        { offerId: offer.id },
      )
      expect(open.status).toBe(400)
      expect((await db.selectFrom('offers').select('status').executeTakeFirstOrThrow()).status).toBe('draft')
      await db.deleteFrom('offer_security_levels').execute()
      await db.deleteFrom('offer_sectors').execute()
      await db.deleteFrom('offer_provinces').execute()
      await db.deleteFrom('offers').execute()
    }
  })

  test('a suspended partner’s open offers disappear from the directory', async () => {
    const { db, partner, cookie } = await member('verified')
    await call(
      newOfferAction,
      makeRequest('/partner/offers/new', { cookie, form: { ...common, ...VALID.expert!, intent: 'publish' } }),
    )
    expect((await call(offersLoader, makeRequest('/offers'))).data.total).toBe(1)
    await db.updateTable('partners').set({ status: 'suspended' }).where('id', '=', partner.id).execute()
    expect((await call(offersLoader, makeRequest('/offers'))).data.total).toBe(0)
  })

  test('each kind rejects missing or out-of-range terms with a field message and writes nothing', async () => {
    const { db, cookie } = await member('verified')
    for (const [kind, cases] of Object.entries(BAD)) {
      for (const c of cases) {
        const r = await call(
          newOfferAction,
          makeRequest('/partner/offers/new', {
            cookie,
            form: { ...common, ...VALID[kind]!, ...c.form, intent: 'publish' },
          }),
        )
        expect(r.status, `${kind} ${JSON.stringify(c.form)}`).toBe(400)
        expect(r.data.error[c.field], `${kind} ${c.field}`).toEqual([c.message])
      }
    }
    // Common fields too: no provinces and not national, end before start, no level.
    const r = await call(
      newOfferAction,
      makeRequest('/partner/offers/new', {
        cookie,
        form: { ...common, ...VALID.capital!, provinceIds: [], securityLevels: [], validUntil: '2025-01-01' },
      }),
    )
    expect(r.status).toBe(400)
    expect(r.data.error).toMatchObject({
      provinceIds: ['offer.provincesRequired'],
      securityLevels: ['offer.levelsRequired'],
      validUntil: ['offer.untilBeforeFrom'],
    })
    // An unknown sector id is refused by the domain, next to its field.
    const s = await call(
      newOfferAction,
      makeRequest('/partner/offers/new', { cookie, form: { ...common, ...VALID.capital!, sectorIds: ['nope'] } }),
    )
    expect(s.status).toBe(400)
    expect(s.data.error.sectorIds).toEqual(['field.invalid'])
    for (const t of ['offers', 'offer_sectors', 'offer_provinces', 'offer_security_levels', 'audit_log'] as const) {
      expect(await db.selectFrom(t).selectAll().execute(), t).toEqual([])
    }
  })

  test('a member cannot read or edit another partner’s offer (403, audited); unknown ids 404', async () => {
    const a = await member('verified')
    const db = a.db
    await call(
      newOfferAction,
      makeRequest('/partner/offers/new', {
        cookie: a.cookie,
        form: { ...common, ...VALID.capital!, intent: 'publish' },
      }),
    )
    const offer = await db.selectFrom('offers').select(['id', 'title']).executeTakeFirstOrThrow()
    const other = await createPartner(db, { status: 'verified' })
    const intruder = await createUser(db, { role: 'partner_member', partnerId: other.id })
    const cookie = await sessionCookieFor(db, intruder.id)
    expect(
      (await call(editOfferLoader, makeRequest(`/partner/offers/${offer.id}`, { cookie }), { offerId: offer.id }))
        .status,
    ).toBe(403)
    const edit = await call(
      editOfferAction,
      makeRequest(`/partner/offers/${offer.id}`, { cookie, form: { ...common, ...VALID.capital!, title: 'Dibajak' } }),
      { offerId: offer.id },
    )
    expect(edit.status).toBe(403)
    const close = await call(
      editOfferAction,
      makeRequest(`/partner/offers/${offer.id}`, { cookie, form: { intent: 'close' } }),
      { offerId: offer.id },
    )
    expect(close.status).toBe(403)
    expect(await db.selectFrom('offers').select(['title', 'status']).executeTakeFirstOrThrow()).toEqual({
      title: offer.title,
      status: 'open',
    })
    expect(
      (await call(editOfferLoader, makeRequest('/partner/offers/nope', { cookie }), { offerId: 'nope' })).status,
    ).toBe(404)
    const denial = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'target_id'])
      .where('action', '=', 'access.denied')
      .executeTakeFirstOrThrow()
    expect(denial).toEqual({ actor_user_id: intruder.id, target_id: `/partner/offers/${offer.id}` })
    // A buyer without any partner grant is refused too.
    const buyer = await createUser(db, { role: 'buyer' })
    expect(
      (
        await call(
          editOfferLoader,
          makeRequest(`/partner/offers/${offer.id}`, { cookie: await sessionCookieFor(db, buyer.id) }),
          { offerId: offer.id },
        )
      ).status,
    ).toBe(403)
  })

  test('the owner edits terms: capacity follows, kind cannot change; closing needs the close intent', async () => {
    const { db, cookie } = await member('verified')
    await call(
      newOfferAction,
      makeRequest('/partner/offers/new', { cookie, form: { ...common, ...VALID.training!, intent: 'publish' } }),
    )
    const { id } = await db.selectFrom('offers').select('id').executeTakeFirstOrThrow()
    const r = await call(
      editOfferAction,
      makeRequest(`/partner/offers/${id}`, { cookie, form: { ...common, ...VALID.training!, seats: '45' } }),
      { offerId: id },
    )
    expect(r.status).toBe(302)
    expect(
      await db
        .selectFrom('offers')
        .select(['capacity_total', 'capacity_remaining', 'status'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ capacity_total: 45, capacity_remaining: 45, status: 'open' })
    const k = await call(
      editOfferAction,
      makeRequest(`/partner/offers/${id}`, { cookie, form: { ...common, ...VALID.expert! } }),
      { offerId: id },
    )
    expect(k.status).toBe(400)
    expect(k.data.error.kind).toEqual(['offer.kindFixed'])
    const c = await call(editOfferAction, makeRequest(`/partner/offers/${id}`, { cookie, form: { intent: 'close' } }), {
      offerId: id,
    })
    expect(c.status).toBe(302)
    expect((await db.selectFrom('offers').select('status').executeTakeFirstOrThrow()).status).toBe('closed')
  })

  test('expiry by date: an offer past its validity leaves the directory at once and is marked expired by the job', async () => {
    const { db, cookie } = await member('verified')
    await call(
      newOfferAction,
      makeRequest('/partner/offers/new', {
        cookie,
        form: { ...common, ...VALID.expert!, validUntil: '2030-06-30', intent: 'publish' },
      }),
    )
    await call(
      newOfferAction,
      makeRequest('/partner/offers/new', {
        cookie,
        form: { ...common, ...VALID.training!, validUntil: '2099-12-31', intent: 'publish' },
      }),
    )
    // Pretend the first offer's last day has passed.
    await db.updateTable('offers').set({ valid_until: '2020-01-01' }).where('kind', '=', 'expert').execute()
    expect((await call(offersLoader, makeRequest('/offers'))).data.items.map((i: { kind: string }) => i.kind)).toEqual([
      'training',
    ])
    const dash = (await call(dashboardLoader, makeRequest('/partner', { cookie }))).data
    expect(dash.counts).toEqual({ open: 1, expired: 1 })
    expect(await expireOffers(db, '2030-07-01')).toBe(1)
    expect(await db.selectFrom('offers').select(['kind', 'status']).orderBy('kind').execute()).toEqual([
      { kind: 'expert', status: 'expired' },
      { kind: 'training', status: 'open' },
    ])
    // Running it again changes nothing.
    expect(await expireOffers(db, '2030-07-01')).toBe(0)
  })
})
