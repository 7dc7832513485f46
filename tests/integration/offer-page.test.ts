import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { loader as offerLoader } from '#app/routes/offers.$offerId.tsx'
import { loader as offersLoader } from '#app/routes/offers._index.tsx'
import { loader as sitemapLoader } from '#app/routes/sitemap[.]xml.ts'
import { changeOfferStatus, createOffer, expireOffers } from '#app/domain/offers/lifecycle.ts'
import { OfferFormSchema } from '#app/domain/offers/schemas.ts'
import { createPartner, createUser } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const common = {
  title: 'Pelatihan mebel',
  description: 'Kelas tukang kayu bersertifikat',
  sectorIds: ['furniture'],
  provinceIds: ['35', '51'],
  securityLevels: ['medium', 'minimum'],
  validFrom: '2026-01-01',
  validUntil: '2099-12-31',
}

async function offer(
  db: DB,
  o: { partnerStatus?: 'pending' | 'verified' | 'suspended'; publish?: boolean; form?: Record<string, unknown> } = {},
) {
  const partner = await createPartner(db)
  const user = await createUser(db, { role: 'partner_member', partnerId: partner.id })
  const form = OfferFormSchema.parse({
    ...common,
    kind: 'training',
    seats: '30',
    hours: '120',
    certificationBody: 'LSP Mebel',
    ...o.form,
  })
  const { id } = await createOffer(db, partner.id, form, { userId: user.id, publish: o.publish ?? true })
  if (o.partnerStatus && o.partnerStatus !== 'verified')
    await db.updateTable('partners').set({ status: o.partnerStatus }).where('id', '=', partner.id).execute()
  return { id, partner, user }
}

const get = (id: string) => call(offerLoader, makeRequest(`/offers/${id}`), { offerId: id })

describe('public offer page', () => {
  test("an open offer of a verified partner shows its kind's terms, partner, validity, provinces and sectors; cards and sitemap link to it", async () => {
    const db = testDb()
    const { id, partner } = await offer(db)
    const r = await get(id)
    expect(r.status).toBe(200)
    const o = r.data.offer
    expect(o).toMatchObject({
      id,
      kind: 'training',
      title: 'Pelatihan mebel',
      partner_name: partner.name,
      valid_from: '2026-01-01',
      valid_until: '2099-12-31',
      national: 0,
    })
    expect(o.terms).toEqual({ kind: 'training', seats: 30, hours: 120, certificationBody: 'LSP Mebel' })
    expect(o.partner_slug).toMatch(/^mitra-uji-/)
    expect(o.provinces.map((p: { id: string }) => p.id).sort()).toEqual(['35', '51'])
    expect(o.sectors.map((s: { id: string }) => s.id)).toEqual(['furniture'])
    expect(o.securityLevels).toEqual(['medium', 'minimum'])
    // Nothing internal leaks: no raw terms JSON, no partner id, no creator.
    expect(o).not.toHaveProperty('partner_id')
    expect(o).not.toHaveProperty('created_by')
    expect(typeof o.terms).toBe('object')
    // The directory lists it (each card links to /offers/<id>) and the sitemap names the page.
    const list = await call(offersLoader, makeRequest('/offers'))
    expect(list.data.items.map((i: { id: string }) => i.id)).toContain(id)
    const sitemap = await call(sitemapLoader, makeRequest('/sitemap.xml'))
    expect(sitemap.data).toContain(`/offers/${id}</loc>`)
  })

  test('every kind of terms comes back parsed', async () => {
    const db = testDb()
    const forms: Record<string, Record<string, string>> = {
      capital: { kind: 'capital', amount: '50000000', form: 'equipment', schedule: 'Dua tahap' },
      expert: { kind: 'expert', skill: 'Desain mebel', days: '20', mode: 'onsite' },
      absorption: {
        kind: 'absorption',
        productCategory: 'Kursi',
        unitsPerMonth: '200',
        unitPrice: '150000',
        months: '12',
      },
      publication: { kind: 'publication', channels: 'Instagram', reach: '50000', publications: '6' },
    }
    for (const [kind, form] of Object.entries(forms)) {
      const { id } = await offer(db, { form })
      const r = await get(id)
      expect(r.status).toBe(200)
      expect(r.data.offer.terms.kind).toBe(kind)
    }
  })

  test('unknown, draft, closed, expired, not-yet-valid and unverified-partner offers are the same 404', async () => {
    const db = testDb()
    const hidden: string[] = ['01900000-0000-7000-8000-000000000000']
    const draft = await offer(db, { publish: false })
    hidden.push(draft.id)
    const closed = await offer(db)
    await changeOfferStatus(db, closed.partner.id, closed.id, 'closed', { userId: closed.user.id })
    hidden.push(closed.id)
    // Past its validity but the expiry job has not run yet: still hidden.
    const lapsed = await offer(db)
    await db
      .updateTable('offers')
      .set({ valid_from: '2025-01-01', valid_until: '2025-12-31' })
      .where('id', '=', lapsed.id)
      .execute()
    hidden.push(lapsed.id)
    const expired = await offer(db)
    await db
      .updateTable('offers')
      .set({ valid_from: '2025-01-01', valid_until: '2025-12-31' })
      .where('id', '=', expired.id)
      .execute()
    expect(await expireOffers(db)).toBeGreaterThanOrEqual(2)
    hidden.push(expired.id)
    const future = await offer(db)
    await db.updateTable('offers').set({ valid_from: '2099-01-01' }).where('id', '=', future.id).execute()
    hidden.push(future.id)
    for (const status of ['suspended', 'pending'] as const) hidden.push((await offer(db, { partnerStatus: status })).id)
    for (const id of hidden) {
      const r = await get(id)
      expect(r.status, id).toBe(404)
      expect(r.data).toEqual({ message: 'error.notFound' })
    }
    const sitemap = await call(sitemapLoader, makeRequest('/sitemap.xml'))
    for (const id of hidden) expect(sitemap.data).not.toContain(id)
  })
})
