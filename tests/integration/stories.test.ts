/** Stories (issue 15, item 1): writing in scope, photos through the pipeline, review, public pages and feed. */
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { action as uptAction } from '#app/routes/upt.$uptId.stories.tsx'
import { action as partnerAction } from '#app/routes/partner.stories.tsx'
import { action as reviewAction, loader as reviewLoader } from '#app/routes/admin.stories.tsx'
import { loader as listLoader } from '#app/routes/cerita._index.tsx'
import { loader as storyLoader } from '#app/routes/cerita.$slug.tsx'
import { loader as feedLoader } from '#app/routes/cerita.feed[.]xml.ts'
import { loader as photoLoader } from '#app/routes/uploads.$file.ts'
import { createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { activeAgreement } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { useUploadBackend } from '#tests/support/upload-backends.ts'

function multipart(path: string, fields: Record<string, string | string[] | File>, cookie: string) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item)
  return new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    body: form,
    headers: { 'x-client-ip': '203.0.113.7', Cookie: cookie },
  })
}

/** A JPEG carrying EXIF (camera and GPS-like fields), as phones write them. */
async function jpegWithExif() {
  const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8c2f39' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCam', Model: 'X1', Artist: 'Petugas' } })
    .toBuffer()
  expect((await sharp(bytes).metadata()).exif).toBeDefined()
  return new File([new Uint8Array(bytes)], 'foto.jpg', { type: 'image/jpeg' })
}

const BODY =
  'Bengkel tenun Lapas Kediri kini memiliki dua belas alat tenun. **Kain** dijual di katalog. <script>alert(1)</script> [tautan](javascript:alert(1))'
const story = (o: Record<string, string | string[] | File> = {}) => ({
  intent: 'story',
  title: 'Tenun ikat Lapas Kediri sampai ke pasar',
  summary: 'Lima puluh lembar kain tenun ikat diserap mitra setiap bulan.',
  body: `${BODY} ${'Cerita panjang tentang pelatihan. '.repeat(3)}`,
  confirmNoIdentification: 'on',
  ...o,
})

async function world() {
  const db = testDb()
  const { a: kediri, b: bangli } = await twoUpts(db)
  const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
  const agreement = await activeAgreement(db, { uptId: kediri.id })
  const bangliAgreement = await activeAgreement(db, { uptId: bangli.id, partnerId: agreement.partnerId })
  const national = await createUser(db, { role: 'admin', totp: true })
  const jateng = await createUser(db, { role: 'admin', kanwilId: 'kanwil-33', totp: true })
  const jatim = await createUser(db, { role: 'admin', kanwilId: kediri.kanwil_id, totp: true })
  return { db, kediri, bangli, staff, agreement, bangliAgreement, national, jateng, jatim }
}

describe('stories, photos in a local upload folder', () => {
  const backend = useUploadBackend('local')

  describe('writing a story', () => {
    test('UPT staff submit a story with a photo: re-encoded without EXIF, pending, audited, not public yet', async () => {
      const { db, kediri, staff, agreement } = await world()
      const cookie = await sessionCookieFor(db, staff.id)
      const path = `/upt/${kediri.id}/stories`
      const res = await call(
        uptAction,
        multipart(
          path,
          story({ agreementId: agreement.id, photo0: await jpegWithExif(), photoAlt0: 'Alat tenun di bengkel' }),
          cookie,
        ),
        { uptId: kediri.id },
      )
      expect(res.status).toBe(302)
      const s = await db.selectFrom('stories').selectAll().executeTakeFirstOrThrow()
      expect(s).toMatchObject({
        status: 'pending',
        upt_id: kediri.id,
        agreement_id: agreement.id,
        program_id: agreement.programId,
        kind: 'training',
        no_identification_confirmed: 1,
        author_id: staff.id,
      })
      const photo = await db.selectFrom('story_photos').selectAll().executeTakeFirstOrThrow()
      expect(backend.keys()).toEqual([photo.file_name, photo.thumb_name].sort())
      const meta = await sharp(backend.bytes(photo.file_name)).metadata()
      expect(meta.format).toBe('webp')
      expect(meta.exif).toBeUndefined()
      expect(
        (await db.selectFrom('audit_log').select('action').where('target_id', '=', s.id).execute()).map(
          (a) => a.action,
        ),
      ).toEqual(['story.submitted'])
      // Nobody sees it before review.
      expect((await call(listLoader, makeRequest('/cerita'))).data.stories.total).toBe(0)
      expect((await call(storyLoader, makeRequest(`/cerita/${s.slug}`), { slug: s.slug })).status).toBe(404)
    })

    test('bad input is answered next to the field and writes nothing', async () => {
      const { db, kediri, staff } = await world()
      const cookie = await sessionCookieFor(db, staff.id)
      const send = (o: Record<string, string | File>) =>
        call(uptAction, multipart(`/upt/${kediri.id}/stories`, story(o), cookie), { uptId: kediri.id })
      const noConfirm = await send({ confirmNoIdentification: '' })
      expect(noConfirm.status).toBe(400)
      expect(noConfirm.data.error.confirmNoIdentification).toEqual(['story.confirmRequired'])
      const short = await send({ title: 'Pendek', body: 'terlalu pendek' })
      expect(short.data.error.title).toEqual(['story.titleShort'])
      expect(short.data.error.body).toEqual(['story.bodyShort'])
      const noAlt = await send({ photo0: await jpegWithExif() })
      expect(noAlt.data.error.photoAlt0).toEqual(['story.photoAltRequired'])
      const notImage = await send({
        photo0: new File(['<svg onload="x"/>'], 'x.svg', { type: 'image/svg+xml' }),
        photoAlt0: 'Gambar berbahaya',
      })
      expect(notImage.status).toBe(400)
      expect(notImage.data.error.photo0).toEqual(['upload.badType'])
      expect(await db.selectFrom('stories').select('id').execute()).toEqual([])
      expect(backend.keys()).toEqual([])
    })

    test('ids from another scope are not found (404) and nothing is written, photos included', async () => {
      const { db, kediri, bangli, staff, bangliAgreement } = await world()
      const cookie = await sessionCookieFor(db, staff.id)
      const bangliProgram = await db
        .selectFrom('programs')
        .select('id')
        .where('upt_id', '=', bangli.id)
        .executeTakeFirstOrThrow()
      const bangliProduct = await db
        .insertInto('products')
        .values({
          id: '0190aaaa-0000-7000-8000-0000000000b1',
          upt_id: bangli.id,
          program_id: null,
          sector_id: 'crafts',
          slug: 'produk-bangli-uji',
          name: 'Produk Bangli',
          description: 'Produk uji.',
          story: null,
          price: 1000,
          stock_mode: 'stock',
          stock: 1,
          lead_time_days: null,
          unit: 'buah',
          weight_grams: 10,
          status: 'published',
          created_at: '2026-01-01T00:00:00Z',
          updated_at: '2026-01-01T00:00:00Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const o of [
        { agreementId: bangliAgreement.id },
        { programId: bangliProgram.id },
        { productIds: [bangliProduct.id] },
      ] as Record<string, string | string[]>[]) {
        const res = await call(
          uptAction,
          multipart(
            `/upt/${kediri.id}/stories`,
            story({ ...o, photo0: await jpegWithExif(), photoAlt0: 'Foto uji' }),
            cookie,
          ),
          { uptId: kediri.id },
        )
        expect(res.status, JSON.stringify(o)).toBe(404)
      }
      expect(await db.selectFrom('stories').select('id').execute()).toEqual([])
      expect(backend.keys()).toEqual([])
    })

    test('a verified partner writes about its own agreement only; the story belongs to that UPT', async () => {
      const { db, bangli, agreement, bangliAgreement } = await world()
      const cookie = await sessionCookieFor(db, agreement.partnerUser.id)
      const other = await createPartner(db)
      const foreign = await activeAgreement(db, { uptId: bangli.id, partnerId: other.id })
      expect(
        (await call(partnerAction, multipart('/partner/stories', story({}), cookie))).data.error.agreementId,
      ).toEqual(['story.agreementRequired'])
      expect(
        (await call(partnerAction, multipart('/partner/stories', story({ agreementId: foreign.id }), cookie))).status,
      ).toBe(404)
      expect(
        (await call(partnerAction, multipart('/partner/stories', story({ agreementId: bangliAgreement.id }), cookie)))
          .status,
      ).toBe(302)
      expect(await db.selectFrom('stories').select(['upt_id', 'partner_id']).execute()).toEqual([
        { upt_id: bangli.id, partner_id: agreement.partnerId },
      ])
      const pending = await createPartner(db, { status: 'pending' })
      const pendingUser = await createUser(db, { role: 'partner_member', partnerId: pending.id })
      expect(
        (
          await call(
            partnerAction,
            multipart(
              '/partner/stories',
              story({ agreementId: bangliAgreement.id }),
              await sessionCookieFor(db, pendingUser.id),
            ),
          )
        ).status,
      ).toBe(403)
    })
  })

  describe('reviewing and publishing', () => {
    test("the UPT's Kanwil or a national admin approves; another Kanwil cannot see it; the author is emailed; it is public with JSON-LD, OG and in the feed", async () => {
      const { db, kediri, staff, jateng, jatim } = await world()
      const cookie = await sessionCookieFor(db, staff.id)
      await call(
        uptAction,
        multipart(
          `/upt/${kediri.id}/stories`,
          story({
            titleEn: 'Ikat weaving from Lapas Kediri',
            photo0: await jpegWithExif(),
            photoAlt0: 'Alat tenun di bengkel',
          }),
          cookie,
        ),
        { uptId: kediri.id },
      )
      const s = await db.selectFrom('stories').selectAll().executeTakeFirstOrThrow()

      const other = await sessionCookieFor(db, jateng.id)
      expect((await call(reviewLoader, makeRequest('/admin/stories', { cookie: other }))).data.stories).toEqual([])
      expect(
        (
          await call(
            reviewAction,
            makeRequest('/admin/stories', { cookie: other, form: { intent: 'approve', storyId: s.id } }),
          )
        ).status,
      ).toBe(404)
      expect((await db.selectFrom('stories').select('status').executeTakeFirstOrThrow()).status).toBe('pending')

      const mine = await sessionCookieFor(db, jatim.id)
      const queue = (await call(reviewLoader, makeRequest('/admin/stories', { cookie: mine }))).data.stories
      expect(queue.map((q: { id: string }) => q.id)).toEqual([s.id])
      expect(queue[0].html).not.toMatch(/script|javascript:/)
      expect(
        (
          await call(
            reviewAction,
            makeRequest('/admin/stories', { cookie: mine, form: { intent: 'approve', storyId: s.id } }),
          )
        ).status,
      ).toBe(302)
      expect(await db.selectFrom('stories').select(['status', 'reviewed_by']).executeTakeFirstOrThrow()).toEqual({
        status: 'published',
        reviewed_by: jatim.id,
      })
      const mail = await db
        .selectFrom('emails')
        .select(['to_address', 'subject', 'text_body'])
        .where('to_address', '=', staff.email)
        .executeTakeFirstOrThrow()
      expect(mail.subject).toContain('terbit')
      expect(mail.text_body).toContain(`/cerita/${s.slug}`)
      expect(
        (await db.selectFrom('audit_log').select('action').where('target_id', '=', s.id).orderBy('id').execute()).map(
          (a) => a.action,
        ),
      ).toEqual(['story.submitted', 'story.approved'])
      // Approving twice is refused.
      expect(
        (
          await call(
            reviewAction,
            makeRequest('/admin/stories', { cookie: mine, form: { intent: 'approve', storyId: s.id } }),
          )
        ).status,
      ).toBe(400)

      const list = (await call(listLoader, makeRequest(`/cerita?province=${kediri.province_id}&kind=`))).data
      expect(list.stories.items.map((i: { slug: string }) => i.slug)).toEqual([s.slug])
      expect((await call(listLoader, makeRequest('/cerita?kind=capital'))).data.stories.total).toBe(0)
      const page = await call(storyLoader, makeRequest(`/cerita/${s.slug}`), { slug: s.slug })
      expect(page.status).toBe(200)
      expect(page.data.story.html).toContain('<strong>Kain</strong>')
      expect(page.data.story.html).not.toMatch(/<script|javascript:/)
      const photo = page.data.story.photos[0]
      const served = await photoLoader({
        request: makeRequest(`/uploads/${photo.file_name}`),
        params: { file: photo.file_name },
        context: {},
      } as never)
      expect(served.status).toBe(200)

      const feed = await feedLoader({ request: makeRequest('/cerita/feed.xml'), params: {}, context: {} } as never)
      expect(feed.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
      const xml = await feed.text()
      expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"')
      expect(xml).toContain(`/cerita/${s.slug}</id>`)
      expect(xml).not.toContain('<script')
    })

    test('sending back needs a reason, emails it, and the author revises and resubmits', async () => {
      const { db, kediri, staff, national } = await world()
      const cookie = await sessionCookieFor(db, staff.id)
      await call(uptAction, multipart(`/upt/${kediri.id}/stories`, story(), cookie), { uptId: kediri.id })
      const s = await db.selectFrom('stories').selectAll().executeTakeFirstOrThrow()
      const admin = await sessionCookieFor(db, national.id)
      const short = await call(
        reviewAction,
        makeRequest('/admin/stories', { cookie: admin, form: { intent: 'return', storyId: s.id, reason: 'kurang' } }),
      )
      expect(short.status).toBe(400)
      expect(short.data.error.reason).toEqual(['story.reasonShort'])
      const back = await call(
        reviewAction,
        makeRequest('/admin/stories', {
          cookie: admin,
          form: { intent: 'return', storyId: s.id, reason: 'Foto kedua memperlihatkan wajah; mohon diganti.' },
        }),
      )
      expect(back.status).toBe(302)
      expect(await db.selectFrom('stories').select(['status', 'return_reason']).executeTakeFirstOrThrow()).toEqual({
        status: 'returned',
        return_reason: 'Foto kedua memperlihatkan wajah; mohon diganti.',
      })
      expect(
        (
          await db
            .selectFrom('emails')
            .select('text_body')
            .where('to_address', '=', staff.email)
            .executeTakeFirstOrThrow()
        ).text_body,
      ).toContain('memperlihatkan wajah')
      const again = await call(
        uptAction,
        multipart(
          `/upt/${kediri.id}/stories`,
          story({ storyId: s.id, title: 'Tenun ikat Lapas Kediri, versi perbaikan' }),
          cookie,
        ),
        { uptId: kediri.id },
      )
      expect(again.status).toBe(302)
      expect(await db.selectFrom('stories').select(['status', 'title', 'return_reason']).execute()).toEqual([
        { status: 'pending', title: 'Tenun ikat Lapas Kediri, versi perbaikan', return_reason: null },
      ])
    })
  })
})
