/**
 * Issue 13, item 5: every upload path on both storage backends. Product photos, transfer proofs
 * and signed PKS go in through the portal's own forms and come out through its own routes and
 * access checks, whether the files live in a local folder or in an S3-compatible bucket (the msw
 * mock of tests/mocks/s3.ts; anything else outbound is an error). Failures of the storage or of
 * the row leave nothing behind; the hourly sweep removes day-old orphans in both.
 */
import { sql } from 'kysely'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { acceptProposal, propose } from '#app/domain/agreements/lifecycle.ts'
import { addPksDocument } from '#app/domain/agreements/pks-documents.server.ts'
import { addProductImage } from '#app/domain/catalog/images.server.ts'
import { ORPHAN_AGE_MS, sweepOrphanUploads } from '#app/domain/uploads/sweep.server.ts'
import { getStorage } from '#app/integrations/storage/index.server.ts'
import { action as agreementAction } from '#app/routes/agreements.$agreementId.tsx'
import { loader as pksLoader } from '#app/routes/agreements.$agreementId_.pks.$version.ts'
import { loader as proofLoader } from '#app/routes/finance.upt.$uptId.payments.proof.$paymentId.ts'
import { action as orderAction } from '#app/routes/orders.$number.$token.tsx'
import { loader as photoLoader } from '#app/routes/uploads.$file.ts'
import { action as productAction } from '#app/routes/upt.$uptId.products.$productId.tsx'
import { seedMarketDemo } from '#db/seed/demo-market.ts'
import { createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { createOffer, createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { s3Mock } from '#tests/mocks/s3.ts'
import { bankAccountFor, twoUptOrder } from '#tests/payments-support.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { captureLogs } from '#tests/support/logs.ts'
import { TEST_ENGINE } from '#tests/setup/paths.ts'
import { UPLOAD_BACKENDS, useUploadBackend } from '#tests/support/upload-backends.ts'

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
)
const png = () =>
  sharp({ create: { width: 96, height: 64, channels: 3, background: '#2a6f4e' } })
    .png()
    .toBuffer()

function multipart(path: string, fields: Record<string, string | File>, cookie?: string) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  const headers: Record<string, string> = { 'x-client-ip': '203.0.113.7' }
  if (cookie) headers.Cookie = cookie
  return new Request(`http://localhost:3000${path}`, { method: 'POST', body: form, headers })
}

/** A loader's Response as it goes out, binary body intact (refusals are thrown Responses). */
async function fetchLoader(
  loader: (args: any) => Promise<Response>,
  path: string,
  params: Record<string, string>,
  cookie?: string,
) {
  let r: Response
  try {
    r = await loader({ request: makeRequest(path, { cookie }), params, context: {} })
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    r = thrown
  }
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) }
}

async function productWithStaff(db: DB) {
  const { a } = await twoUpts(db)
  // A draft: a published product keeps its last photo (issue 14, item 6), and these tests remove it.
  const product = await createProductRow(db, { uptId: a.id, status: 'draft' })
  const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
  return {
    upt: a,
    product,
    cookie: await sessionCookieFor(db, staff.id),
    path: `/upt/${a.id}/products/${product.id}`,
    params: { uptId: a.id, productId: product.id },
  }
}

async function transferOrder(db: DB) {
  const order = await twoUptOrder(db)
  await bankAccountFor(db, order.a.id)
  await bankAccountFor(db, order.b.id)
  const path = `/orders/${order.orderNumber}/${order.token}`
  const params = { number: order.orderNumber, token: order.token }
  expect((await call(orderAction, makeRequest(path, { form: { intent: 'transfer' } }), params)).status).toBe(302)
  const payment = await db
    .selectFrom('payments')
    .select(['id', 'upt_id'])
    .where('order_id', '=', order.orderId)
    .where('upt_id', '=', order.a.id)
    .executeTakeFirstOrThrow()
  return { order, path, params, payment }
}

async function agreementWorld(db: DB) {
  const { a: kediri, b: bangli } = await twoUpts(db)
  const partner = await createPartner(db)
  const partnerUser = await createUser(db, { role: 'partner_member', partnerId: partner.id })
  const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
  const stranger = await createUser(db, { role: 'upt_staff', uptId: bangli.id })
  const offer = await createOffer(db, partner.id, { capacity: 10 })
  const need = await createProgramWithNeed(db, kediri.id, { quantity: 6 })
  const p = await propose(
    db,
    { offerId: offer.id, needId: need.needId, quantity: 3, side: 'partner', actingFor: partner.id },
    { userId: partnerUser.id },
  )
  const agreement = await acceptProposal(
    db,
    p.id,
    'upt',
    { terms: 'Pelatihan tenun 40 jam.', startDate: '2026-12-01', endDate: '2027-03-01' },
    { userId: staff.id },
  )
  return { agreement, partnerUser, staff, stranger }
}

describe.each(UPLOAD_BACKENDS)('uploads on the %s backend', (kind) => {
  const backend = useUploadBackend(kind)

  test('a product photo is re-encoded, stored with its thumbnail, served with long caching, and removed with its row', async () => {
    const db = testDb()
    const w = await productWithStaff(db)
    const up = await call(
      productAction,
      multipart(
        w.path,
        {
          intent: 'upload',
          alt: 'Kain tenun',
          image: new File([new Uint8Array(await png())], 'foto.png', { type: 'image/png' }),
        },
        w.cookie,
      ),
      w.params,
    )
    expect(up.status).toBe(302)
    const row = await db
      .selectFrom('product_images')
      .selectAll()
      .where('product_id', '=', w.product.id)
      .executeTakeFirstOrThrow()
    expect(backend.keys()).toEqual([row.file_name, row.thumb_name].sort())
    expect((await sharp(backend.bytes(row.file_name)).metadata()).format).toBe('webp')

    for (const name of [row.file_name, row.thumb_name]) {
      const served = await fetchLoader(photoLoader, `/uploads/${name}`, { file: name })
      expect(served.status).toBe(200)
      expect(served.headers.get('Content-Type')).toBe('image/webp')
      expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      expect(served.headers.get('Content-Length')).toBe(String(served.body.length))
      expect(served.body.equals(backend.bytes(name))).toBe(true)
    }
    // Names the server did not make, or that no row names, are not found.
    const stray = '0190aaaa-0000-7000-8000-000000000000.webp'
    await getStorage().put(stray, new Uint8Array([1, 2, 3]), 'image/webp')
    expect((await fetchLoader(photoLoader, `/uploads/${stray}`, { file: stray })).status).toBe(404)
    expect((await fetchLoader(photoLoader, '/uploads/..%2Fportal.db', { file: '../portal.db' })).status).toBe(404)

    const removed = await call(
      productAction,
      makeRequest(w.path, { cookie: w.cookie, form: { intent: 'remove-image', imageId: row.id } }),
      w.params,
    )
    expect(removed.status).toBe(302)
    expect(backend.keys()).toEqual([stray])
    expect((await fetchLoader(photoLoader, `/uploads/${row.file_name}`, { file: row.file_name })).status).toBe(404)
  })

  test('refused photos (SVG, GIF, too large) store nothing and write no row', async () => {
    const db = testDb()
    const w = await productWithStaff(db)
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'x.svg', {
      type: 'image/svg+xml',
    })
    const gif = new File(['GIF89a....'], 'x.png', { type: 'image/png' })
    for (const image of [svg, gif]) {
      const r = await call(
        productAction,
        multipart(w.path, { intent: 'upload', alt: 'Kain tenun', image }, w.cookie),
        w.params,
      )
      expect(r).toMatchObject({ status: 400, data: { upload: ['upload.badType'] } })
    }
    await expect(
      addProductImage(db, { productId: w.product.id, bytes: Buffer.alloc(6 * 1024 * 1024, 0xff), alt: 'x' }),
    ).rejects.toThrow('upload.tooLarge')
    expect(backend.keys()).toEqual([])
    expect(await db.selectFrom('product_images').selectAll().execute()).toEqual([])
  })

  test('a transfer proof goes to the private proofs folder and is served only to finance of the selling UPT', async () => {
    const db = testDb()
    const { order, path, params, payment } = await transferOrder(db)
    const up = await call(
      orderAction,
      multipart(path, {
        intent: 'proof',
        paymentId: payment.id,
        proof: new File([new Uint8Array(await png())], 'bukti.png', { type: 'image/png' }),
      }),
      params,
    )
    expect(up.status).toBe(302)
    const { proof_file } = await db
      .selectFrom('payments')
      .select('proof_file')
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow()
    expect(backend.keys()).toEqual([`proofs/${proof_file}`])

    const financeA = await createUser(db, { role: 'finance', uptId: order.a.id, totp: true })
    const financeB = await createUser(db, { role: 'finance', uptId: order.b.id, totp: true })
    const url = (uptId: string) => `/finance/upt/${uptId}/payments/proof/${payment.id}`
    const mine = await fetchLoader(
      proofLoader,
      url(order.a.id),
      { uptId: order.a.id, paymentId: payment.id },
      await sessionCookieFor(db, financeA.id),
    )
    expect(mine.status).toBe(200)
    expect(mine.headers.get('Cache-Control')).toBe('private, no-store')
    expect(mine.body.equals(backend.bytes(`proofs/${proof_file}`))).toBe(true)
    // Finance of the other UPT: refused on A's page, not found through its own.
    const cookieB = await sessionCookieFor(db, financeB.id)
    expect(
      (await fetchLoader(proofLoader, url(order.a.id), { uptId: order.a.id, paymentId: payment.id }, cookieB)).status,
    ).toBe(403)
    expect(
      (await fetchLoader(proofLoader, url(order.b.id), { uptId: order.b.id, paymentId: payment.id }, cookieB)).status,
    ).toBe(404)
    const anonymous = await fetchLoader(proofLoader, url(order.a.id), { uptId: order.a.id, paymentId: payment.id })
    expect(anonymous.status).toBe(302)
    expect(anonymous.body.includes(backend.bytes(`proofs/${proof_file}`))).toBe(false)
  })

  test('a signed PKS goes to the private pks folder; its parties download it byte for byte, strangers get 403', async () => {
    const db = testDb()
    const w = await agreementWorld(db)
    const a = w.agreement
    const up = await call(
      agreementAction,
      multipart(
        `/agreements/${a.id}`,
        { intent: 'pks', document: new File([new Uint8Array(PDF)], 'PKS.pdf', { type: 'application/pdf' }) },
        await sessionCookieFor(db, w.partnerUser.id),
      ),
      { agreementId: a.id },
    )
    expect(up.status).toBe(302)
    const doc = await db
      .selectFrom('agreement_documents')
      .select('file_name')
      .where('agreement_id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(backend.keys()).toEqual([`pks/${doc.file_name}`])
    expect(backend.bytes(`pks/${doc.file_name}`).equals(PDF)).toBe(true)

    for (const u of [w.staff, w.partnerUser]) {
      const got = await fetchLoader(
        pksLoader,
        `/agreements/${a.id}/pks/1`,
        { agreementId: a.id, version: '1' },
        await sessionCookieFor(db, u.id),
      )
      expect(got.status).toBe(200)
      expect(got.headers.get('Content-Length')).toBe(String(PDF.length))
      expect(got.body.equals(PDF)).toBe(true)
    }
    const stranger = await fetchLoader(
      pksLoader,
      `/agreements/${a.id}/pks/1`,
      { agreementId: a.id, version: '1' },
      await sessionCookieFor(db, w.stranger.id),
    )
    expect(stranger.status).toBe(403)
    expect(stranger.body.includes(PDF)).toBe(false)
    expect(
      (
        await fetchLoader(
          pksLoader,
          `/agreements/${a.id}/pks/2`,
          { agreementId: a.id, version: '2' },
          await sessionCookieFor(db, w.staff.id),
        )
      ).status,
    ).toBe(404)
  })

  test('storage that refuses writes: each upload answers 503 with a message, and no row, audit line or object is written', async () => {
    const db = testDb()
    const logs = captureLogs()
    const p = await productWithStaff(db)
    const t = await transferOrder(db)
    const w = await agreementWorld(db)
    backend.breakWrites()

    const photo = await call(
      productAction,
      multipart(
        p.path,
        {
          intent: 'upload',
          alt: 'Kain',
          image: new File([new Uint8Array(await png())], 'foto.png', { type: 'image/png' }),
        },
        p.cookie,
      ),
      p.params,
    )
    expect(photo).toMatchObject({ status: 503, data: { upload: ['upload.unavailable'] } })
    const proof = await call(
      orderAction,
      multipart(t.path, {
        intent: 'proof',
        paymentId: t.payment.id,
        proof: new File([new Uint8Array(await png())], 'bukti.png', { type: 'image/png' }),
      }),
      t.params,
    )
    expect(proof).toMatchObject({ status: 503, data: { error: 'upload.unavailable' } })
    const pks = await call(
      agreementAction,
      multipart(
        `/agreements/${w.agreement.id}`,
        { intent: 'pks', document: new File([new Uint8Array(PDF)], 'PKS.pdf', { type: 'application/pdf' }) },
        await sessionCookieFor(db, w.staff.id),
      ),
      { agreementId: w.agreement.id },
    )
    expect(pks).toMatchObject({ status: 503, data: { pksError: 'upload.unavailable' } })

    expect(await db.selectFrom('product_images').selectAll().execute()).toEqual([])
    expect(await db.selectFrom('payments').select('id').where('proof_file', 'is not', null).execute()).toEqual([])
    expect(await db.selectFrom('agreement_documents').selectAll().execute()).toEqual([])
    expect(
      await db.selectFrom('audit_log').selectAll().where('action', '=', 'agreement.pksUploaded').execute(),
    ).toEqual([])
    // The operator's log says which storage refused which key.
    expect(
      logs.filter((l) => l.level === 'warn' && l.msg === 'upload storage refused a write' && typeof l.key === 'string'),
    ).toHaveLength(3)
    if (kind === 's3') expect(backend.keys()).toEqual([])
  })

  test('a row that cannot be written takes its stored file away again', async () => {
    const db = testDb()
    const p = await productWithStaff(db)
    const w = await agreementWorld(db)
    await refuseInserts(db, 'product_images', 'no new images')
    await refuseInserts(db, 'agreement_documents', 'no new documents')
    await expect(addProductImage(db, { productId: p.product.id, bytes: await png(), alt: 'x' })).rejects.toThrow(
      /no new images/,
    )
    await expect(
      addPksDocument(
        db,
        { agreementId: w.agreement.id, bytes: PDF, originalName: 'PKS.pdf' },
        { userId: w.staff.id, ip: null },
      ),
    ).rejects.toThrow(/no new documents/)
    expect(backend.keys()).toEqual([])
  })

  test('the hourly sweep removes day-old files no row names, in every folder; named, young and foreign files stay', async () => {
    const db = testDb()
    const p = await productWithStaff(db)
    const t = await transferOrder(db)
    const w = await agreementWorld(db)
    const photo = await addProductImage(db, { productId: p.product.id, bytes: await png(), alt: 'Kain' })
    expect(
      (
        await call(
          orderAction,
          multipart(t.path, {
            intent: 'proof',
            paymentId: t.payment.id,
            proof: new File([new Uint8Array(await png())], 'b.png', { type: 'image/png' }),
          }),
          t.params,
        )
      ).status,
    ).toBe(302)
    await addPksDocument(
      db,
      { agreementId: w.agreement.id, bytes: PDF, originalName: 'PKS.pdf' },
      { userId: w.staff.id, ip: null },
    )
    const named = backend.keys()
    expect(named).toHaveLength(4)

    const storage = getStorage()
    const orphan = {
      photo: '0190aaaa-0000-7000-8000-00000000000a.webp',
      thumb: '0190aaaa-0000-7000-8000-00000000000a-thumb.webp',
      proof: 'proofs/proof-0190aaaa-0000-7000-8000-00000000000b.webp',
      pks: 'pks/pks-0190aaaa-0000-7000-8000-00000000000c.pdf',
    }
    const young = 'proofs/proof-0190aaaa-0000-7000-8000-00000000000d.webp'
    const foreign = ['README.txt', 'pks/notes.pdf']
    for (const key of [...Object.values(orphan), young, ...foreign])
      await storage.put(key, new Uint8Array([1]), 'application/octet-stream')
    const old = ORPHAN_AGE_MS + 60_000
    for (const key of [...named, ...Object.values(orphan), ...foreign]) backend.age(key, old)
    backend.age(young, 60_000)

    const logs = captureLogs()
    expect((await sweepOrphanUploads(db)).sort()).toEqual(Object.values(orphan).sort())
    expect(backend.keys()).toEqual([...named, young, ...foreign].sort())
    expect(logs.filter((l) => l.level === 'warn' && l.msg.startsWith('removed '))).toHaveLength(1)
    expect(await sweepOrphanUploads(db)).toEqual([])
    // What the rows name is still served.
    const served = await fetchLoader(photoLoader, `/uploads/${photo.fileName}`, { file: photo.fileName })
    expect(served.status).toBe(200)
  })

  test('the demo seed writes its product photos where the portal reads them', async () => {
    const db = testDb()
    await seedMarketDemo(db, null)
    const rows = await db.selectFrom('product_images').select(['file_name', 'thumb_name']).execute()
    expect(rows.length).toBeGreaterThan(10)
    expect(backend.keys()).toEqual(rows.flatMap((r) => [r.file_name, r.thumb_name]).sort())
    const first = rows[0]!
    const served = await fetchLoader(photoLoader, `/uploads/${first.thumb_name}`, { file: first.thumb_name })
    expect(served.status).toBe(200)
    expect((await sharp(served.body).metadata()).format).toBe('webp')
  })
})

describe('uploads on the s3 backend, when the bucket refuses', () => {
  useUploadBackend('s3')

  test('a bucket that refuses reads: 503 with Retry-After after the access check, never a 500 or an empty file', async () => {
    const db = testDb()
    const logs = captureLogs()
    const w = await agreementWorld(db)
    await addPksDocument(
      db,
      { agreementId: w.agreement.id, bytes: PDF, originalName: 'PKS.pdf' },
      { userId: w.staff.id, ip: null },
    )
    const p = await productWithStaff(db)
    const photo = await addProductImage(db, { productId: p.product.id, bytes: await png(), alt: 'Kain' })
    s3Mock.denyAll = true
    const pks = await fetchLoader(
      pksLoader,
      `/agreements/${w.agreement.id}/pks/1`,
      { agreementId: w.agreement.id, version: '1' },
      await sessionCookieFor(db, w.staff.id),
    )
    expect(pks.status).toBe(503)
    expect(pks.headers.get('Retry-After')).toBe('30')
    expect(pks.body.includes(PDF)).toBe(false)
    // Strangers are refused as before, without the storage being asked.
    const asked = s3Mock.requests.length
    expect(
      (
        await fetchLoader(
          pksLoader,
          `/agreements/${w.agreement.id}/pks/1`,
          { agreementId: w.agreement.id, version: '1' },
          await sessionCookieFor(db, w.stranger.id),
        )
      ).status,
    ).toBe(403)
    expect(s3Mock.requests.length).toBe(asked)
    const img = await fetchLoader(photoLoader, `/uploads/${photo.fileName}`, { file: photo.fileName })
    expect(img.status).toBe(503)
    expect(img.headers.get('Cache-Control')).toBe('no-store')
    expect(
      logs.filter((l) => l.msg === 'upload storage could not read' && l.location === 's3://mitra-lipas-test/'),
    ).toHaveLength(2)
  })
})

/** A trigger that makes every insert into `table` fail with `message`, on either engine. */
async function refuseInserts(db: DB, table: string, message: string) {
  if (TEST_ENGINE === 'postgres') {
    await sql
      .raw(
        `create function refuse_${table}() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`,
      )
      .execute(db)
    await sql
      .raw(`create trigger refuse_${table} before insert on ${table} for each row execute function refuse_${table}()`)
      .execute(db)
  } else {
    await sql
      .raw(`create trigger refuse_${table} before insert on ${table} begin select raise(abort, '${message}'); end`)
      .execute(db)
  }
}
