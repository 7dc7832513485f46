/**
 * Issue 13, item 5, on the wire: a built server whose uploads live in an S3-compatible bucket
 * (the msw mock of tests/mocks/s3.ts, in the server's own process) serves private objects only
 * through the portal's access checks. A transfer proof and a signed PKS uploaded over HTTP are
 * refused to strangers (403/404) and to anonymous visitors (login), and served byte for byte to
 * the right people; a product photo is public with long caching. Nothing lands in the local
 * folder: the server reads the bucket, not the disk (the demo seed's photos, written to that
 * folder by this process, are not found).
 */
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { MOCK_S3_ENV } from '#tests/mocks/s3.ts'
import { TMP } from '#tests/setup/paths.ts'
import { DEMO, demoIds } from './demo.ts'
import { PDF_BYTES, placeOrder, transferWithProof, uploadPks } from './shop.ts'
import { send, sessionFor } from './support.ts'

let server: BuiltServer
let db: DB
let ids: Awaited<ReturnType<typeof demoIds>>
const localDir = path.join(TMP, 'http-s3-local-uploads')

const get = (p: string, cookie?: string) => send(p, { cookie, baseURL: server.baseURL })
const as = (email: keyof typeof DEMO) => sessionFor(DEMO[email], db)

/** Raw bytes of an answer (send() reads text). */
async function bytesOf(p: string, cookie?: string) {
  const r = await fetch(new URL(p, server.baseURL), { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]))
}

beforeAll(async () => {
  const dbFile = path.join(TMP, 'http-s3.db')
  fs.rmSync(localDir, { recursive: true, force: true })
  // The demo seed runs here, in the test process, with the local folder: its photos go there.
  await freshDatabase(dbFile, { demo: true, uploadDir: localDir })
  server = await startBuiltServer({ name: 'http-s3', dbFile, env: { ...MOCK_S3_ENV, UPLOAD_DIR: localDir } })
  db = createDb(dbFile).db
  ids = await demoIds(db)
})

afterAll(async () => {
  await server?.stop()
  await db?.destroy()
})

describe('uploads in an S3-compatible bucket, over HTTP', () => {
  test('a transfer proof: finance of the selling UPT gets it; other finance, the buyer and strangers do not', async () => {
    const buyer = await as('buyer')
    const order = await placeOrder(db, buyer, { uptId: ids.kediri, baseURL: server.baseURL })
    const seeded = filesUnder(localDir)
    const { paymentId } = await transferWithProof(db, order.path, order.number, buyer, { baseURL: server.baseURL })
    const { proof_file } = await db
      .selectFrom('payments')
      .select('proof_file')
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow()
    expect(proof_file).toMatch(/^proof-[0-9a-f-]{36}\.webp$/)
    // Not on the server's disk: the bucket holds it.
    expect(filesUnder(localDir)).toEqual(seeded)

    const url = (uptId: string) => `/finance/upt/${uptId}/payments/proof/${paymentId}`
    const mine = await bytesOf(url(ids.kediri), await as('financeKediri'))
    expect(mine.status).toBe(200)
    expect(mine.headers.get('Content-Type')).toBe('image/webp')
    expect(mine.headers.get('Cache-Control')).toBe('private, no-store')
    expect(mine.headers.get('Content-Length')).toBe(String(mine.body.length))
    expect((await sharp(mine.body).metadata()).format).toBe('webp')

    const refused: [string, string | undefined, number][] = [
      [url(ids.kediri), await as('financeBangli'), 403],
      [url(ids.bangli), await as('financeBangli'), 404],
      [url(ids.kediri), buyer, 403],
      [url(ids.kediri), await as('staffKediri'), 403],
    ]
    for (const [p, cookie, status] of refused) {
      const r = await bytesOf(p, cookie)
      expect(r.status, p).toBe(status)
      expect(r.headers.get('Content-Type'), p).not.toBe('image/webp')
      expect(r.body.includes(mine.body.subarray(0, 64)), p).toBe(false)
    }
    const anonymous = await get(url(ids.kediri))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  test('a signed PKS: its parties download the same bytes; staff of another UPT gets 403, anonymous goes to login', async () => {
    const partner = await as('partner')
    const up = await uploadPks(ids.agreementId, partner, 'PKS bertanda tangan.pdf', { baseURL: server.baseURL })
    expect(up.status, up.text.slice(0, 200)).toBe(302)
    const { version } = await db
      .selectFrom('agreement_documents')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('agreement_id', '=', ids.agreementId)
      .executeTakeFirstOrThrow()
    const doc = `/agreements/${ids.agreementId}/pks/${version}`
    for (const who of ['partner', 'staffKediri'] as const) {
      const r = await bytesOf(doc, await as(who))
      expect(r.status, who).toBe(200)
      expect(r.headers.get('Content-Type')).toBe('application/pdf')
      expect(r.headers.get('Cache-Control')).toBe('private, no-store')
      expect(r.body.equals(Buffer.from(PDF_BYTES)), who).toBe(true)
    }
    const stranger = await bytesOf(doc, await as('staffBangli'))
    expect(stranger.status).toBe(403)
    expect(stranger.body.includes(Buffer.from('%PDF-'))).toBe(false)
    expect((await bytesOf(`/agreements/${ids.agreementId}/pks/999`, partner)).status).toBe(404)
    const anonymous = await get(doc)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    expect(filesUnder(localDir).filter((f) => f.startsWith('pks/'))).toEqual([])
  })

  test('a product photo uploaded by staff is public with long caching; photos only on the local disk are not found', async () => {
    const staff = await as('staffKediri')
    const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#7a4b1e' } })
      .jpeg()
      .toBuffer()
    const form = new FormData()
    form.set('intent', 'upload')
    form.set('alt', 'Kain batik tulis')
    form.set('image', new File([new Uint8Array(photo)], 'batik.jpg', { type: 'image/jpeg' }))
    const seeded = filesUnder(localDir)
    const up = await send(`/upt/${ids.kediri}/products/${ids.productId}`, {
      cookie: staff,
      body: form,
      baseURL: server.baseURL,
    })
    expect(up.status, up.text.slice(0, 200)).toBe(302)
    const row = await db
      .selectFrom('product_images')
      .select(['file_name', 'thumb_name'])
      .where('product_id', '=', ids.productId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    expect(filesUnder(localDir)).toEqual(seeded)
    for (const name of [row.file_name, row.thumb_name]) {
      const r = await bytesOf(`/uploads/${name}`)
      expect(r.status, name).toBe(200)
      expect(r.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      expect((await sharp(r.body).metadata()).format).toBe('webp')
    }
    // The seed's photos exist on this machine's disk, where a server on the local backend would
    // find them; this one answers from the bucket, which does not have them.
    const onDiskOnly = seeded.find((f) => /^[0-9a-f-]{36}\.webp$/.test(f))!
    expect(onDiskOnly).toBeTruthy()
    expect((await bytesOf(`/uploads/${onDiskOnly}`)).status).toBe(404)
  })
})
