/** Publication records of publication agreements (issue 15, item 2). */
import { describe, expect, test } from 'vitest'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { partnerImpact } from '#app/domain/outcomes/partner-impact.ts'
import { publicationsByMedium, recordPublication } from '#app/domain/outcomes/publications.ts'
import { PublicationSchema } from '#app/domain/outcomes/schemas.ts'
import { action, loader } from '#app/routes/agreements.$agreementId.tsx'
import { loader as impactLoader } from '#app/routes/impact.tsx'
import { createPartner, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { activeAgreement, setSecurityLevel } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const PUBLICATION_TERMS = { kind: 'publication', channels: 'Instagram, koran', reach: 10_000, publications: 5 }

async function world() {
  const db = testDb()
  const { a: kediri, b: bangli } = await twoUpts(db)
  // Publication is allowed at minimum security only (support_kind_settings).
  await setSecurityLevel(db, kediri.id, 'minimum')
  const pub = await activeAgreement(db, { uptId: kediri.id, kind: 'publication', terms: PUBLICATION_TERMS })
  return { db, kediri, bangli, pub }
}

const form = (o: Record<string, string>) => ({
  intent: 'publication',
  outlet: 'Radar Kediri',
  medium: 'online',
  url: 'https://radarkediri.example.id/berita/tenun',
  publishedOn: '2026-11-20',
  reach: '5000',
  ...o,
})
const count = async (db: ReturnType<typeof testDb>) =>
  Number(
    (
      await db
        .selectFrom('outcomes')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('the publication form', () => {
  test('needs a link for online and social media, and refuses sales outside an exhibition', () => {
    const parse = (o: Record<string, unknown>) =>
      PublicationSchema.safeParse({
        intent: 'publication',
        outlet: 'RRI',
        medium: 'radio',
        publishedOn: '2026-11-01',
        ...o,
      })
    expect(parse({}).success).toBe(true)
    expect(parse({ medium: 'online' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['url', 'publication.urlRequired'],
    ])
    expect(parse({ url: 'javascript:alert(1)' }).error?.issues[0]?.message).toBe('field.url')
    expect(parse({ salesRupiah: '1000' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['salesRupiah'])
    expect(parse({ medium: 'exhibition', salesRupiah: '1000' }).success).toBe(true)
    expect(parse({ medium: 'exhibition', salesRupiah: '10.5' }).success).toBe(false)
  })
})

describe('recording publications', () => {
  test('the partner records one on the agreement page; it counts as an outcome and in its impact', async () => {
    const { db, pub } = await world()
    const cookie = await sessionCookieFor(db, pub.partnerUser.id)
    const url = `/agreements/${pub.id}`
    const res = await call(
      action,
      makeRequest(url, {
        cookie,
        form: form({
          medium: 'exhibition',
          url: '',
          outlet: 'Bazar UMKM Kediri',
          salesRupiah: '1250000',
          reach: '800',
        }),
      }),
      { agreementId: pub.id },
    )
    expect(res.status).toBe(302)
    const row = await db.selectFrom('outcomes').selectAll().where('agreement_id', '=', pub.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      metric: 'publication',
      kind: 'publication',
      count: 1,
      channel: 'Bazar UMKM Kediri',
      medium: 'exhibition',
      sales_rupiah: 1_250_000,
      reach: 800,
      link: null,
      partner_id: pub.partnerId,
      recorded_by: pub.partnerUser.id,
    })
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'publication.recorded')
      .executeTakeFirstOrThrow()
    expect(audit.target_id).toBe(pub.id)

    const page = await call(loader, makeRequest(url, { cookie }), { agreementId: pub.id })
    expect(page.data.outcomes.items.map((o: { channel: string }) => o.channel)).toEqual(['Bazar UMKM Kediri'])

    const impact = await partnerImpact(db, pub.partnerId)
    expect(impact.publications).toBe(1)
    expect(impact.publicationReach).toBe(800)
    expect(impact.exhibitionSalesRupiah).toBe(1_250_000)
    expect(impact.publicationsByMedium).toEqual([
      { medium: 'exhibition', count: 1, reach: 800, salesRupiah: 1_250_000 },
    ])
  })

  test('the UPT staff record one too; /impact shows counts and reach per medium for the year', async () => {
    const { db, pub } = await world()
    const cookie = await sessionCookieFor(db, pub.staff.id)
    const res = await call(action, makeRequest(`/agreements/${pub.id}`, { cookie, form: form({}) }), {
      agreementId: pub.id,
    })
    expect(res.status).toBe(302)
    await call(
      action,
      makeRequest(`/agreements/${pub.id}`, {
        cookie,
        form: form({ medium: 'social_media', url: 'https://www.instagram.com/p/abc/', reach: '1200' }),
      }),
      { agreementId: pub.id },
    )
    await call(
      action,
      makeRequest(`/agreements/${pub.id}`, {
        cookie,
        form: form({ medium: 'social_media', url: 'https://www.instagram.com/p/def/', reach: '300' }),
      }),
      { agreementId: pub.id },
    )
    const impact = await call(impactLoader, makeRequest('/impact?year=2026'))
    expect(impact.data.publications).toEqual([
      { medium: 'online', count: 1, reach: 5000, salesRupiah: 0 },
      { medium: 'social_media', count: 2, reach: 1500, salesRupiah: 0 },
    ])
  })

  test('bad input is answered next to the field and writes nothing', async () => {
    const { db, pub } = await world()
    const cookie = await sessionCookieFor(db, pub.partnerUser.id)
    const before = await count(db)
    const send = (o: Record<string, string>) =>
      call(action, makeRequest(`/agreements/${pub.id}`, { cookie, form: form(o) }), { agreementId: pub.id })
    const noUrl = await send({ url: '' })
    expect(noUrl.status).toBe(400)
    expect(noUrl.data.error.url).toEqual(['publication.urlRequired'])
    const future = await send({ publishedOn: '2999-01-01' })
    expect(future.status).toBe(400)
    expect(future.data.error.publishedOn).toEqual(['outcome.future'])
    const sales = await send({ medium: 'print', url: '', salesRupiah: '5000' })
    expect(sales.data.error.salesRupiah).toEqual(['publication.salesOnlyExhibition'])
    const noOutlet = await send({ outlet: '  ' })
    expect(noOutlet.data.error.outlet).toEqual(['field.required'])
    expect(await count(db)).toBe(before)
  })

  test('only on publication agreements, only in the side’s own scope, never on a cancelled one', async () => {
    const { db, kediri, bangli, pub } = await world()
    const training = await activeAgreement(db, { uptId: kediri.id, partnerId: pub.partnerId })
    const v = { outlet: 'Radar Kediri', medium: 'print' as const, publishedOn: '2026-11-20' }
    const actor = { userId: pub.staff.id }
    await expect(recordPublication(db, training.id, { uptId: kediri.id }, v, actor, '2026-11-28')).rejects.toThrow(
      new DomainError('publication.notPublicationAgreement'),
    )
    await expect(recordPublication(db, pub.id, { uptId: bangli.id }, v, actor, '2026-11-28')).rejects.toBeInstanceOf(
      NotFoundError,
    )
    const other = await createPartner(db)
    await expect(recordPublication(db, pub.id, { partnerId: other.id }, v, actor, '2026-11-28')).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await db.updateTable('agreements').set({ status: 'cancelled' }).where('id', '=', pub.id).execute()
    await expect(recordPublication(db, pub.id, { uptId: kediri.id }, v, actor, '2026-11-28')).rejects.toThrow(
      new DomainError('outcome.agreementCancelled'),
    )
    expect(await publicationsByMedium(db, {})).toEqual([])
  })
})
