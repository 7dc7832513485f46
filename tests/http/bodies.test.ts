/**
 * Request bodies as the internet sends them, over real HTTP: what is not a form is refused with
 * a message the page shows (400/415), nothing is written, and file names are read the way
 * browsers write them. The fuzz (fuzz.test.ts) covers every action; these are the cases a
 * person reads.
 */
import http from 'node:http'
import { describe, expect, test } from 'vitest'
import { core } from '#app/i18n/messages/core.ts'
import { DEMO, demoIds } from './demo.ts'
import { PDF_BYTES, uploadPks } from './shop.ts'
import { baseURL, changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

const encoder = new TextEncoder()

/** A multipart body written by hand, so its part headers are exactly what a given client sends. */
function multipartBody(boundary: string, disposition: string, bytes: Uint8Array) {
  return Buffer.concat([
    encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\npks\r\n`),
    encoder.encode(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    encoder.encode(`\r\n--${boundary}--\r\n`),
  ])
}

async function pksVersions(agreementId: string) {
  return serverDb()
    .selectFrom('agreement_documents')
    .select(['version', 'original_name'])
    .where('agreement_id', '=', agreementId)
    .orderBy('version')
    .execute()
}

describe('bodies that are not forms', () => {
  test('JSON, text/plain and no body at all get 415 or 400 and a message that says why', async () => {
    const before = await fingerprint()
    const json = await send('/login', {
      body: JSON.stringify({ email: DEMO.buyer, password: 'Mitra-Lipas-2026' }),
      contentType: 'application/json',
    })
    expect(json.status).toBe(415)
    expect(json.text).toContain(core.id['error.formContentType'].slice(0, 40))
    expect((await send('/login', { body: 'email=x', contentType: 'text/plain' })).status).toBe(415)
    // The single-fetch data request a script would make carries the same status.
    expect((await send('/login.data', { body: '{}', contentType: 'application/json' })).status).toBe(415)
    expect((await send('/signup', { body: new Uint8Array(0) })).status).toBe(415)
    const noBoundary = await send('/signup', { body: 'x', contentType: 'multipart/form-data' })
    expect(noBoundary.status).toBe(400)
    expect(noBoundary.text).toContain(core.id['error.formMalformed'].slice(0, 40))
    expect(changedTables(before, await fingerprint())).toEqual([])
  })

  test('a NUL byte in a text field is refused and nothing is saved', async () => {
    const cookie = await sessionFor(DEMO.buyer)
    const before = await fingerprint()
    const r = await send('/account', { cookie, form: { intent: 'profile', name: 'Dewi\u0000 Lestari', locale: 'id' } })
    expect(r.status).toBe(400)
    expect(r.text).toContain(core.id['error.formNul'].slice(0, 40))
    const multipart = new FormData()
    multipart.set('intent', 'profile')
    multipart.set('name', 'Dewi Lestari')
    multipart.set('locale', 'id\u0000')
    expect((await send('/account', { cookie, body: multipart })).status).toBe(400)
    expect(changedTables(before, await fingerprint())).toEqual([])
    // The same form without the NUL is saved: the refusal was the NUL's.
    expect(
      (await send('/account', { cookie, form: { intent: 'profile', name: 'Dewi Lestari', locale: 'id' } })).status,
    ).toBe(302)
  })
})

describe('the signed PKS upload', () => {
  test('file names with ; = and a leading quote are stored as browsers send them', async () => {
    const { agreementId } = await demoIds(serverDb())
    const cookie = await sessionFor(DEMO.partner)
    const names = ['PKS; ditandatangani.pdf', 'PKS versi=2.pdf', '"PKS" Tenun.pdf', "'PKS'.pdf"]
    for (const name of names) {
      const r = await uploadPks(agreementId, cookie, name)
      expect(r.status, `${name}: ${r.text.slice(0, 200)}`).toBe(302)
      expect(r.headers.get('Location')).toBe(`/agreements/${agreementId}#pks`)
    }
    expect((await pksVersions(agreementId)).slice(-names.length).map((d) => d.original_name)).toEqual(names)
  })

  test('a truncated or malformed upload gets 400 with a message and stores nothing', async () => {
    const { agreementId } = await demoIds(serverDb())
    const cookie = await sessionFor(DEMO.partner)
    const before = await fingerprint()
    const boundary = '----mitraLipasTest'
    const whole = multipartBody(boundary, 'form-data; name="document"; filename="PKS.pdf"', PDF_BYTES)
    const bodies: [string, Uint8Array][] = [
      ['cut inside the file', whole.subarray(0, whole.length - 30)],
      ['cut inside the part headers', whole.subarray(0, 90)],
      [
        'an unbalanced quote in the file name',
        multipartBody(boundary, 'form-data; name="document"; filename="PKS.pdf', PDF_BYTES),
      ],
    ]
    for (const [what, body] of bodies) {
      const r = await send(`/agreements/${agreementId}`, {
        cookie,
        body,
        contentType: `multipart/form-data; boundary=${boundary}`,
      })
      expect(r.status, what).toBe(400)
      expect(r.text, what).toContain(core.id['error.formMalformed'].slice(0, 40))
    }
    expect(changedTables(before, await fingerprint())).toEqual([])
  })
})

describe('connections', () => {
  test('a body the app answered without reading does not stall the next request on the same connection', async () => {
    // A signed-out visitor posts a long form: the guard redirects to login before reading it.
    // Browsers keep the connection and send the next request on it.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const request = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.request(
          new URL(path, baseURL()),
          {
            method,
            agent,
            headers: body
              ? {
                  'Content-Type': 'application/x-www-form-urlencoded',
                  'Content-Length': Buffer.byteLength(body),
                  'Sec-Fetch-Site': 'same-origin',
                }
              : {},
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket }))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    try {
      const first = await request('POST', '/account', `intent=profile&name=${'x'.repeat(1_000_000)}`)
      expect(first.status).toBe(302)
      const next = await request('GET', '/healthz')
      expect(next.reused).toBe(true)
      expect(next.status).toBe(200)
    } finally {
      agent.destroy()
    }
  })
})
