import { describe, expect, test } from 'vitest'
import { action as signupAction } from '#app/routes/signup.tsx'
import { action as confirmAction, loader as linkLoader } from '#app/routes/verify-email.$token.tsx'
import { action as resendAction } from '#app/routes/verify-email._index.tsx'
import { action as documentsAction, loader as documentsLoader } from '#app/routes/partner.documents.tsx'
import { loader as downloadLoader } from '#app/routes/legal-documents.$documentId.ts'
import { action as decideAction, loader as reviewLoader } from '#app/routes/admin.partners.tsx'
import { LEGAL_VERSION } from '#app/domain/content/legal.ts'
import { confirmEmail } from '#app/domain/identity/email-verification.server.ts'
import { sweepOrphanUploads } from '#app/domain/uploads/sweep.server.ts'
import { getStorage } from '#app/integrations/storage/index.server.ts'
import { createPartner, createUser, sessionCookieFor } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { UPLOAD_BACKENDS, useUploadBackend } from '#tests/support/upload-backends.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1')
const SIGNUP = {
  kind: 'partner',
  name: 'Rina Wulandari',
  email: 'rina@koperasi-sejahtera.test',
  password: 'tenun ikat sumba 2026',
  orgName: 'Koperasi Sejahtera',
  orgType: 'cooperative',
  provinceIds: '35',
}

function linkIn(text: string): string {
  const m = /\/verify-email\/([A-Za-z0-9_-]+)/.exec(text)
  if (!m) throw new Error(`no link in: ${text}`)
  return m[1]!
}

function multipart(path: string, fields: Record<string, string | File>, cookie: string) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    body: form,
    headers: { 'x-client-ip': '203.0.113.9', Cookie: cookie },
  })
}
const pdf = (name = 'akta.pdf', bytes: Buffer = PDF) =>
  new File([new Uint8Array(bytes)], name, { type: 'application/pdf' })

async function response(
  handler: (args: any) => Promise<Response>,
  path: string,
  params: Record<string, string>,
  cookie: string,
) {
  try {
    return await handler({ request: makeRequest(path, { cookie }), params, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('sign-up: consent and e-mail confirmation (issue 16, item 5)', () => {
  test('without the consent box the sign-up is refused next to the box and nothing is written', async () => {
    const db = testDb()
    const refused = await call(signupAction, makeRequest('/signup', { form: SIGNUP, ip: '198.51.100.1' }))
    expect(refused.status).toBe(400)
    expect(refused.data.error.acceptTerms).toEqual(['consent.required'])
    expect(await db.selectFrom('users').select('id').execute()).toEqual([])
    expect(await db.selectFrom('emails').select('id').execute()).toEqual([])
  })

  test('consent is stored with its version and time; the e-mailed link confirms once; expired and spent links say so', async () => {
    const db = testDb()
    const before = new Date().toISOString()
    const ok = await call(
      signupAction,
      makeRequest('/signup', { form: { ...SIGNUP, acceptTerms: 'on' }, ip: '198.51.100.2' }),
    )
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/partner')
    const user = await db.selectFrom('users').selectAll().where('email', '=', SIGNUP.email).executeTakeFirstOrThrow()
    expect(user.terms_version).toBe(LEGAL_VERSION)
    expect(user.terms_accepted_at! >= before).toBe(true)
    expect(user.email_verified_at).toBeNull()
    const mail = await db
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', SIGNUP.email)
      .executeTakeFirstOrThrow()
    const token = linkIn(mail.text_body)
    // Only a hash is stored.
    const stored = await db.selectFrom('email_verifications').selectAll().execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]!.token_hash).not.toContain(token)
    expect(JSON.stringify(stored)).not.toContain(token)

    // Opening the link changes nothing (mail scanners open links); the button confirms.
    expect((await call(linkLoader, makeRequest(`/verify-email/${token}`), { token })).data.state).toBe('valid')
    expect(
      (await db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow())
        .email_verified_at,
    ).toBeNull()
    const confirmed = await call(confirmAction, makeRequest(`/verify-email/${token}`, { form: {} }), { token })
    expect(confirmed.status).toBe(302)
    expect(
      (await db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow())
        .email_verified_at,
    ).not.toBeNull()
    const after = await call(linkLoader, makeRequest(`/verify-email/${token}`), { token })
    expect(after.data).toMatchObject({ state: 'used', confirmed: true })
    const again = await call(confirmAction, makeRequest(`/verify-email/${token}`, { form: {} }), { token })
    expect(again.status).toBe(410)
    expect(again.data.error).toBe('verifyEmail.used')
    const unknown = await call(confirmAction, makeRequest('/verify-email/x', { form: {} }), { token: 'x'.repeat(43) })
    expect(unknown.status).toBe(404)
    expect(
      (await db.selectFrom('audit_log').select('action').where('target_id', '=', user.id).execute()).map(
        (a) => a.action,
      ),
    ).toContain('email.verified')
  })

  test('a link expires after 48 hours; resending is limited and only the newest link works', async () => {
    const db = testDb()
    await call(signupAction, makeRequest('/signup', { form: { ...SIGNUP, acceptTerms: 'on' }, ip: '198.51.100.3' }))
    const user = await db.selectFrom('users').selectAll().where('email', '=', SIGNUP.email).executeTakeFirstOrThrow()
    const first = linkIn((await db.selectFrom('emails').select('text_body').executeTakeFirstOrThrow()).text_body)
    await expect(confirmEmail(db, { token: first }, new Date(Date.now() + 49 * 3600_000))).rejects.toMatchObject({
      code: 'verifyEmail.expired',
    })
    const cookie = await sessionCookieFor(db, user.id)
    // Right after sign-up: too soon, 429 with the wait in minutes.
    const soon = await call(resendAction, makeRequest('/verify-email', { form: {}, cookie, ip: '198.51.100.4' }))
    expect(soon.status).toBe(429)
    expect(soon.data.error).toBe('verifyEmail.tooSoon?minutes=1')
    await db
      .updateTable('email_verifications')
      .set({ created_at: new Date(Date.now() - 120_000).toISOString() })
      .execute()
    const sent = await call(resendAction, makeRequest('/verify-email', { form: {}, cookie, ip: '198.51.100.4' }))
    expect(sent.status).toBe(302)
    const mails = await db.selectFrom('emails').select('text_body').orderBy('created_at').orderBy('id').execute()
    expect(mails).toHaveLength(2)
    const second = linkIn(mails[1]!.text_body)
    await expect(confirmEmail(db, { token: first })).rejects.toMatchObject({ code: 'verifyEmail.used' })
    await confirmEmail(db, { token: second })
    const done = await call(resendAction, makeRequest('/verify-email', { form: {}, cookie, ip: '198.51.100.4' }))
    expect(done.status).toBe(400)
    expect(done.data.error).toBe('verifyEmail.alreadyVerified')
  })
})

describe.each(UPLOAD_BACKENDS)('legal documents on the %s backend (issue 16, item 5)', (kind) => {
  useUploadBackend(kind)

  test('a member uploads, lists and replaces its documents; checks as for a PKS; others cannot replace or download them', async () => {
    const db = testDb()
    const a = await createPartner(db, { status: 'pending' })
    await db.insertInto('partner_provinces').values({ partner_id: a.id, province_id: '35' }).execute()
    const b = await createPartner(db)
    const owner = await createUser(db, { role: 'partner_member', partnerId: a.id })
    const other = await createUser(db, { role: 'partner_member', partnerId: b.id })
    const cookieA = await sessionCookieFor(db, owner.id)
    const cookieB = await sessionCookieFor(db, other.id)
    const upload = (fields: Record<string, string | File>, cookie = cookieA) =>
      call(documentsAction, multipart('/partner/documents', fields, cookie))

    const notPdf = await upload({ kind: 'akta', document: pdf('akta.pdf', Buffer.from('<html>not a pdf')) })
    expect(notPdf.status).toBe(400)
    expect(notPdf.data.refusal).toEqual({ field: 'document', message: 'legalDoc.uploadBadType' })
    const noKind = await upload({ document: pdf() })
    expect(noKind.data.refusal).toEqual({ field: 'kind', message: 'field.required' })
    const big = await upload({
      kind: 'akta',
      document: pdf('big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])),
    })
    expect(big.status).toBe(413)
    expect(await db.selectFrom('partner_documents').select('id').execute()).toEqual([])

    // The admin cannot verify yet: documents missing, said in words.
    const admin = await createUser(db, { role: 'admin', totp: true })
    const adminCookie = await sessionCookieFor(db, admin.id)
    const early = await call(
      decideAction,
      makeRequest('/admin/partners', { cookie: adminCookie, form: { partnerId: a.id, decision: 'verify' } }),
    )
    expect(early.status).toBe(400)
    expect(early.data.error['']).toEqual(['partner.verifyDocumentsMissing?n=3'])

    for (const k of ['akta', 'nib', 'npwp'])
      expect((await upload({ kind: k, document: pdf(`${k}.pdf`) })).status).toBe(302)
    const listed = await call(documentsLoader, makeRequest('/partner/documents', { cookie: cookieA }))
    expect(listed.data.documents.map((d: { kind: string }) => d.kind)).toEqual(['akta', 'nib', 'npwp'])
    const akta = listed.data.documents[0].id as string

    // A member of B names A's document: 404, nothing written.
    const foreign = await upload({ replaceId: akta, document: pdf() }, cookieB)
    expect(foreign.status).toBe(404)
    expect(foreign.data.refusal.field).toBe('replaceId')
    expect(await db.selectFrom('partner_documents').select('id').where('partner_id', '=', b.id).execute()).toEqual([])

    // Replacing keeps the old row, marked replaced; the list shows the new one.
    expect((await upload({ replaceId: akta, document: pdf('akta-baru.pdf') })).status).toBe(302)
    const rows = await db
      .selectFrom('partner_documents')
      .selectAll()
      .where('kind', '=', 'akta')
      .orderBy('created_at')
      .execute()
    expect(rows.map((r) => [r.original_name, r.replaced_at === null])).toEqual([
      ['akta.pdf', false],
      ['akta-baru.pdf', true],
    ])
    const current = rows[1]!.id

    // Downloads: own members and the admin get the PDF; another partner's member and an admin of
    // another Kanwil get 404, like an unknown id.
    for (const cookie of [cookieA, adminCookie]) {
      const r = await response(downloadLoader, `/legal-documents/${current}`, { documentId: current }, cookie)
      expect(r.status).toBe(200)
      expect(r.headers.get('Content-Type')).toBe('application/pdf')
      expect(
        Buffer.from(await r.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-')
    }
    const bali = await createUser(db, { role: 'admin', kanwilId: 'kanwil-51', totp: true })
    for (const cookie of [cookieB, await sessionCookieFor(db, bali.id)]) {
      expect(
        (await response(downloadLoader, `/legal-documents/${current}`, { documentId: current }, cookie)).status,
      ).toBe(404)
    }

    // The review page lists the documents before the buttons; now the partner can be verified.
    const page = await call(reviewLoader, makeRequest('/admin/partners', { cookie: adminCookie }))
    expect(page.data.documents.filter((d: { partnerId: string }) => d.partnerId === a.id)).toHaveLength(3)
    expect(page.data.gaps).toEqual([{ partnerId: a.id, emailUnconfirmed: false, missing: [] }])
    const ok = await call(
      decideAction,
      makeRequest('/admin/partners', { cookie: adminCookie, form: { partnerId: a.id, decision: 'verify' } }),
    )
    expect(ok.status).toBe(302)
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', a.id)
      .orderBy('at')
      .execute()
    expect(audit.map((x) => x.action).filter((x) => x !== 'access.denied')).toEqual([
      'partner.documentUploaded',
      'partner.documentUploaded',
      'partner.documentUploaded',
      'partner.documentUploaded',
      'partner.verify',
    ])
    // Every stored file is named by a row: the sweep keeps them all.
    expect(await sweepOrphanUploads(db, new Date(Date.now() + 2 * 24 * 3600_000))).toEqual([])
    for (const r of await db.selectFrom('partner_documents').select('file_name').execute())
      expect(await getStorage().get(`legal/${r.file_name}`)).not.toBeNull()
  })

  test("verifying waits for the owner's confirmed address", async () => {
    const db = testDb()
    await call(
      signupAction,
      makeRequest('/signup', { form: { ...SIGNUP, acceptTerms: 'on', orgType: 'individual' }, ip: '198.51.100.5' }),
    )
    const partner = await db.selectFrom('partners').select('id').executeTakeFirstOrThrow()
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    expect((await upload(db, user.id, { kind: 'npwp', document: pdf('npwp.pdf') })).status).toBe(302)
    const admin = await createUser(db, { role: 'admin', totp: true })
    const cookie = await sessionCookieFor(db, admin.id)
    const refused = await call(
      decideAction,
      makeRequest('/admin/partners', { cookie, form: { partnerId: partner.id, decision: 'verify' } }),
    )
    expect(refused.status).toBe(400)
    expect(refused.data.error['']).toEqual(['partner.verifyEmailUnconfirmed'])
    const token = linkIn((await db.selectFrom('emails').select('text_body').executeTakeFirstOrThrow()).text_body)
    await confirmEmail(db, { token })
    const ok = await call(
      decideAction,
      makeRequest('/admin/partners', { cookie, form: { partnerId: partner.id, decision: 'verify' } }),
    )
    expect(ok.status).toBe(302)
  })
})

async function upload(db: ReturnType<typeof testDb>, userId: string, fields: Record<string, string | File>) {
  return call(documentsAction, multipart('/partner/documents', fields, await sessionCookieFor(db, userId)))
}
