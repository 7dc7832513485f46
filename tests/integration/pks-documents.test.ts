import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { acceptProposal, propose } from '#app/domain/agreements/lifecycle.ts'
import { displayName, MAX_PKS_NAME_LENGTH } from '#app/domain/agreements/pks-documents.server.ts'
import { action as agreementAction, loader as agreementLoader } from '#app/routes/agreements.$agreementId.tsx'
import { loader as downloadLoader } from '#app/routes/agreements.$agreementId_.pks.$version.ts'
import { createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { createOffer, createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const terms = { terms: 'Pelatihan tenun 40 jam di bengkel Lapas.', startDate: '2026-12-01', endDate: '2027-03-01' }
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
)
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-pks-'))
  process.env.UPLOAD_DIR = dir
})
afterEach(() => {
  delete process.env.UPLOAD_DIR
  fs.rmSync(dir, { recursive: true, force: true })
})

const storedFiles = () => (fs.existsSync(path.join(dir, 'pks')) ? fs.readdirSync(path.join(dir, 'pks')) : [])

async function world() {
  const db = testDb()
  const { a: kediri, b: bangli } = await twoUpts(db)
  const partner = await createPartner(db)
  const other = await createPartner(db)
  const partnerUser = await createUser(db, { role: 'partner_member', partnerId: partner.id, name: 'Rina Mitra' })
  const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id, name: 'Budi Staf' })
  const strangers = {
    otherPartner: await createUser(db, { role: 'partner_member', partnerId: other.id }),
    bangliStaff: await createUser(db, { role: 'upt_staff', uptId: bangli.id }),
    bangliAdmin: await createUser(db, { role: 'admin', kanwilId: bangli.kanwil_id, totp: true }),
    buyer: await createUser(db, { role: 'buyer' }),
  }
  const kediriAdmin = await createUser(db, { role: 'admin', kanwilId: kediri.kanwil_id, totp: true })
  const offer = await createOffer(db, partner.id, { capacity: 10 })
  const need = await createProgramWithNeed(db, kediri.id, { quantity: 6 })
  const p = await propose(
    db,
    { offerId: offer.id, needId: need.needId, quantity: 3, side: 'partner', actingFor: partner.id },
    { userId: partnerUser.id },
  )
  const agreement = await acceptProposal(db, p.id, 'upt', terms, { userId: staff.id })
  return { db, agreement, partnerUser, staff, kediriAdmin, strangers }
}

function upload(
  agreementId: string,
  cookie: string,
  bytes: Uint8Array,
  name = 'PKS bertanda tangan.pdf',
  type = 'application/pdf',
) {
  const form = new FormData()
  form.set('intent', 'pks')
  form.set('document', new File([new Uint8Array(bytes)], name, { type }))
  return call(
    agreementAction,
    new Request(`http://localhost:3000/agreements/${agreementId}`, {
      method: 'POST',
      body: form,
      headers: { Cookie: cookie, 'x-client-ip': '203.0.113.7' },
    }),
    { agreementId },
  )
}

const download = (agreementId: string, version: string, cookie?: string) =>
  call(downloadLoader, makeRequest(`/agreements/${agreementId}/pks/${version}`, { cookie }), { agreementId, version })

describe('signed PKS documents', () => {
  test('a PDF is stored under a server-made name, listed, audited and downloadable by either party', async () => {
    const w = await world()
    const a = w.agreement
    const cookie = await sessionCookieFor(w.db, w.partnerUser.id)
    const r = await upload(a.id, cookie, PDF, '../../etc/PKS\u202e Kediri 2026.pdf')
    expect(r.status).toBe(302)
    expect(r.headers.get('Location')).toBe(`/agreements/${a.id}#pks`)

    const rows = await w.db.selectFrom('agreement_documents').selectAll().execute()
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect(row).toMatchObject({
      agreement_id: a.id,
      version: 1,
      size_bytes: PDF.length,
      uploaded_by: w.partnerUser.id,
      original_name: 'PKS Kediri 2026.pdf',
    })
    expect(row.sha256).toBe(crypto.createHash('sha256').update(PDF).digest('hex'))
    expect(row.file_name).toMatch(/^pks-[0-9a-f-]{36}\.pdf$/)
    expect(storedFiles()).toEqual([row.file_name])
    expect(fs.readFileSync(path.join(dir, 'pks', row.file_name)).equals(PDF)).toBe(true)
    const audits = await w.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'agreement.pksUploaded')
      .execute()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ actor_user_id: w.partnerUser.id, target_id: a.id })
    expect(JSON.parse(audits[0]!.details!)).toMatchObject({ version: 1, sha256: row.sha256, size: PDF.length })

    const page = await call(
      agreementLoader,
      makeRequest(`/agreements/${a.id}`, { cookie: await sessionCookieFor(w.db, w.staff.id) }),
      { agreementId: a.id },
    )
    expect(page.data.documents).toEqual([
      expect.objectContaining({
        version: 1,
        original_name: 'PKS Kediri 2026.pdf',
        uploaded_by_name: 'Rina Mitra',
        size_bytes: PDF.length,
      }),
    ])

    for (const u of [w.staff, w.partnerUser, w.kediriAdmin]) {
      const d = await download(a.id, '1', await sessionCookieFor(w.db, u.id))
      expect(d.status).toBe(200)
      expect(d.headers.get('Content-Type')).toBe('application/pdf')
      expect(d.headers.get('Content-Disposition')).toBe(`attachment; filename="PKS-${a.number}-v1.pdf"`)
      expect(d.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(d.headers.get('Cache-Control')).toBe('private, no-store')
      expect(d.data).toBe(PDF.toString())
    }
    expect((await download(a.id, '2', cookie)).status).toBe(404)
    expect((await download(a.id, '0', cookie)).status).toBe(404)
    expect((await download(a.id, '1.pdf', cookie)).status).toBe(404)
  })

  test('a PNG named .pdf, an empty file and an 11 MB file are refused with a message; nothing is written', async () => {
    const w = await world()
    const a = w.agreement
    const cookie = await sessionCookieFor(w.db, w.staff.id)
    const png = await upload(a.id, cookie, PNG, 'pks.pdf', 'application/pdf')
    expect(png.status).toBe(400)
    expect(png.data).toEqual({ pksError: 'pks.uploadBadType' })
    const empty = await upload(a.id, cookie, new Uint8Array(0), 'pks.pdf')
    expect(empty.status).toBe(400)
    expect(empty.data).toEqual({ pksError: 'pks.uploadEmpty' })
    // A real PDF header, but over the cap: refused while reading, before anything is kept.
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20)
    PDF.copy(big)
    const tooBig = await upload(a.id, cookie, big, 'pks.pdf')
    expect(tooBig.status).toBe(413)
    expect(tooBig.data).toEqual({ pksError: 'pks.uploadTooLarge' })
    // Not multipart with a file at all.
    const noFile = await call(
      agreementAction,
      makeRequest(`/agreements/${a.id}`, { cookie, form: { intent: 'pks' } }),
      { agreementId: a.id },
    )
    expect(noFile.status).toBe(400)

    expect(await w.db.selectFrom('agreement_documents').selectAll().execute()).toEqual([])
    expect(
      await w.db.selectFrom('audit_log').selectAll().where('action', '=', 'agreement.pksUploaded').execute(),
    ).toEqual([])
    expect(storedFiles()).toEqual([])
  })

  test('strangers can neither upload nor download (403, audited); anonymous visitors go to login', async () => {
    const w = await world()
    const a = w.agreement
    await upload(a.id, await sessionCookieFor(w.db, w.staff.id), PDF)
    for (const [who, u] of Object.entries(w.strangers)) {
      const cookie = await sessionCookieFor(w.db, u.id)
      const up = await upload(a.id, cookie, PDF)
      expect(up.status, `${who} upload`).toBe(403)
      const down = await download(a.id, '1', cookie)
      expect(down.status, `${who} download`).toBe(403)
      expect(down.headers.get('Content-Type')).not.toBe('application/pdf')
    }
    const denials = await w.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'access.denied')
      .execute()
    for (const u of Object.values(w.strangers))
      expect(denials.filter((d) => d.actor_user_id === u.id).length).toBeGreaterThanOrEqual(2)
    const anon = await download(a.id, '1')
    expect(anon.status).toBe(302)
    expect(anon.headers.get('Location')).toMatch(/^\/login/)
    expect(
      (await download('0190aaaa-0000-7000-8000-000000000000', '1', await sessionCookieFor(w.db, w.staff.id))).status,
    ).toBe(404)
    expect(await w.db.selectFrom('agreement_documents').selectAll().execute()).toHaveLength(1)
    expect(storedFiles()).toHaveLength(1)
  })

  test('versions accumulate, newest first; older versions stay downloadable unchanged', async () => {
    const w = await world()
    const a = w.agreement
    const partner = await sessionCookieFor(w.db, w.partnerUser.id)
    const staff = await sessionCookieFor(w.db, w.staff.id)
    const second = Buffer.concat([PDF, Buffer.from('% revisi 2\n')])
    expect((await upload(a.id, partner, PDF, 'v1.pdf')).status).toBe(302)
    expect((await upload(a.id, staff, second, 'v2.pdf')).status).toBe(302)
    expect((await upload(a.id, partner, PDF, 'v1.pdf')).status).toBe(302)
    const page = await call(agreementLoader, makeRequest(`/agreements/${a.id}`, { cookie: staff }), {
      agreementId: a.id,
    })
    expect(
      page.data.documents.map((d: { version: number; original_name: string }) => [d.version, d.original_name]),
    ).toEqual([
      [3, 'v1.pdf'],
      [2, 'v2.pdf'],
      [1, 'v1.pdf'],
    ])
    expect(page.data.documents.map((d: { uploaded_by_name: string }) => d.uploaded_by_name)).toEqual([
      'Rina Mitra',
      'Budi Staf',
      'Rina Mitra',
    ])
    expect(new Set(storedFiles()).size).toBe(3)
    expect((await download(a.id, '2', partner)).data).toBe(second.toString())
    expect((await download(a.id, '1', partner)).data).toBe(PDF.toString())
  })

  test('display names are the last path segment, without control characters, cut to the maximum', () => {
    expect(displayName('C:\\Users\\x\\PKS.pdf')).toBe('PKS.pdf')
    expect(displayName('  \u0000\u202e ')).toBeNull()
    expect(displayName('PKS\nKediri\t2026.pdf')).toBe('PKS Kediri 2026.pdf')
    expect(displayName(null)).toBeNull()
    expect([...displayName(`${'é'.repeat(300)}.pdf`)!]).toHaveLength(MAX_PKS_NAME_LENGTH)
  })
})
