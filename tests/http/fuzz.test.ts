/**
 * Every form action over real HTTP with bodies that browsers never send but the internet does:
 * JSON, text/plain, XML and other content types, empty bodies, truncated or malformed multipart,
 * NUL bytes, duplicated fields, 100,000-character values. Routes with an action are discovered
 * from app/routes; each is posted to with its own forms (scraped from its page, so the fields
 * are real and reach deep into the action) by a user allowed there and anonymously. Not one
 * answer may be 500 or above, and a refused body writes nothing.
 *
 * The file runs its own server over its own demo database: a duplicated or oversized field of a
 * real form may be accepted and write, which must not disturb the other HTTP test files.
 */
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { createSession } from '#app/domain/identity/sessions.ts'
import { TMP } from '#tests/setup/paths.ts'
import { type BuiltServer, freshDatabase, startBuiltServer } from '#tests/support/built-server.ts'
import { DEMO, demoUrls, roleFor } from './demo.ts'
import { routeFiles, type RouteFile } from './routes.ts'
import { productInStock } from './shop.ts'
import { changedTables, fingerprint, send, sessionFor } from './support.ts'

/** Runs per route, body kind and fast-check property: enough to vary, bounded for time. */
const RUNS = 2

interface Field {
  name: string
  value: string
  file?: boolean
}

/** The post forms of a page, each as its fields (inputs, selects, textareas, named buttons). */
function formsOf(html: string, url: string): Field[][] {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  const attr = (attrs: string, name: string) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(attrs)
    return m ? decode(m[1]!) : undefined
  }
  const forms: Field[][] = []
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    // This route's own forms: not the shell's language and logout forms, which post elsewhere.
    const action = attr(form[1]!, 'action')
    if (!/method="post"/i.test(form[1]!) || (action && action.split(/[?#]/)[0] !== url)) continue
    const inner = form[2]!
    const fields: Field[] = []
    for (const m of inner.matchAll(/<(input|select|textarea|button)\b([^>]*)>/gi)) {
      const [tag, attrs] = [m[1]!.toLowerCase(), m[2]!]
      const name = attr(attrs, 'name')
      if (!name) continue
      const type = (attr(attrs, 'type') ?? '').toLowerCase()
      let value = attr(attrs, 'value') ?? ''
      if (tag === 'select') value = attr(/<option\b([^>]*)>/i.exec(inner.slice(m.index))?.[1] ?? '', 'value') ?? ''
      if (tag === 'textarea')
        value = decode(/^([\s\S]*?)<\/textarea>/i.exec(inner.slice(m.index! + m[0].length))?.[1] ?? '')
      if ((type === 'checkbox' || type === 'radio') && fields.some((f) => f.name === name)) continue
      fields.push({ name, value, file: type === 'file' })
    }
    if (fields.length) forms.push(fields)
  }
  return forms
}

const GENERIC: Field[] = [
  { name: 'intent', value: 'save' },
  { name: 'name', value: 'Uji' },
  { name: 'email', value: 'uji@example.com' },
  { name: 'qty', value: '1' },
]

interface Body {
  kind: string
  body?: string | Uint8Array
  contentType?: string
}

/** How a body is named in a counterexample: its kind, type, size and start, not 100,000 characters. */
function described(b: Body): Body {
  const size = typeof b.body === 'string' ? `${b.body.length} chars` : `${b.body?.length ?? 0} bytes`
  const start =
    typeof b.body === 'string'
      ? b.body.slice(0, 120)
      : Buffer.from(b.body ?? [])
          .subarray(0, 120)
          .toString('latin1')
  return Object.assign(b, {
    [fc.toStringMethod]: () => `${b.kind} [${b.contentType ?? 'no Content-Type'}, ${size}] ${JSON.stringify(start)}`,
  })
}

const utf8 = (s: string) => new TextEncoder().encode(s)
const urlencoded = (fields: [string, string][]) => new URLSearchParams(fields).toString()
const boundaryArb = fc.stringMatching(/^[A-Za-z0-9'()+_,-.]{8,40}$/).map((b) => `----fuzz${b}`)

function multipart(fields: Field[], boundary: string, fileBytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = []
  for (const f of fields) {
    if (f.file) {
      parts.push(
        utf8(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="bukti.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        fileBytes,
        utf8('\r\n'),
      )
    } else {
      parts.push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`))
    }
  }
  parts.push(utf8(`--${boundary}--\r\n`))
  return Buffer.concat(parts)
}

const text = fc.string({ unit: 'binary', maxLength: 24 })
const textFields = (fields: Field[]) => fields.filter((f) => !f.file)
const pairs = (fields: Field[]): [string, string][] => {
  const list = textFields(fields)
  return (list.length ? list : GENERIC).map((f) => [f.name, f.value])
}

/** Bodies that are not a form at all, or not a well-formed one: refused, nothing written. */
function refusedBodies(fields: Field[]): Record<string, fc.Arbitrary<Body>> {
  const asObject = Object.fromEntries(pairs(fields))
  return {
    json: fc
      .tuple(
        fc.oneof(fc.constant(JSON.stringify(asObject)), fc.json()),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/vnd.api+json'),
      )
      .map(([body, contentType]) => ({ kind: 'json', body, contentType })),
    text: fc
      .tuple(
        fc.oneof(
          fc.constant(
            pairs(fields)
              .map(([k, v]) => `${k}=${v}`)
              .join('\r\n'),
          ),
          text,
        ),
        fc.constantFrom('text/plain', 'text/plain;charset=UTF-8'),
      )
      .map(([body, contentType]) => ({ kind: 'text/plain', body, contentType })),
    xml: fc.constantFrom('application/xml', 'text/xml', 'application/soap+xml').map((contentType) => ({
      kind: 'xml',
      contentType,
      body: `<?xml version="1.0"?><form>${pairs(fields)
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join('')}</form>`,
    })),
    other: fc
      .tuple(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(
          undefined,
          'application/octet-stream',
          'image/png',
          'form-data',
          'application/x-www-form-urlencodedX',
          'multipart/mixed; boundary=x',
        ),
      )
      .map(([body, contentType]) => ({ kind: `other ${contentType ?? '(no type)'}`, body, contentType })),
    empty: fc
      .constantFrom(
        undefined,
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'application/json',
        'text/plain',
      )
      .map((contentType) => ({ kind: `empty ${contentType ?? '(no type)'}`, body: new Uint8Array(0), contentType })),
    truncated: fc
      .tuple(boundaryArb, fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([boundary, file, at]) => {
        const whole = multipart(fields, boundary, file)
        // Cut before the closing boundary: the body ends inside a part.
        const cut = Math.max(1, Math.floor(at * (whole.length - boundary.length - 6)))
        return {
          kind: 'truncated multipart',
          body: whole.subarray(0, cut),
          contentType: `multipart/form-data; boundary=${boundary}`,
        }
      }),
    malformed: fc
      .tuple(
        boundaryArb,
        fc.constantFrom(
          (b: string) => `--${b}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx\r\n--other--\r\n`,
          (b: string) => `--${b}\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--${b}--\r\n`,
          (b: string) => `--${b}\r\nno colon here\r\n\r\nx\r\n--${b}--\r\n`,
          (b: string) =>
            `--${b}\r\nContent-Disposition: form-data; name="document"; filename="\\"PKS.pdf"\r\n\r\n%PDF-1.4\r\n--${b}--\r\n`,
          (b: string) => `garbage before --${b}`,
        ),
      )
      .map(([boundary, make]) => ({
        kind: 'malformed multipart',
        body: make(boundary),
        contentType: `multipart/form-data; boundary=${boundary}`,
      })),
    nul: fc.tuple(fc.nat(), fc.nat(), fc.boolean(), boundaryArb).map(([which, at, asMultipart, boundary]) => {
      const list = pairs(fields)
      const i = which % list.length
      const [k, v] = list[i]!
      const p = at % (v.length + 1)
      list[i] = [k, `${v.slice(0, p)}\u0000${v.slice(p)}`]
      return asMultipart
        ? {
            kind: 'NUL (multipart)',
            body: multipart(
              list.map(([name, value]) => ({ name, value })),
              boundary,
              new Uint8Array(),
            ),
            contentType: `multipart/form-data; boundary=${boundary}`,
          }
        : { kind: 'NUL (urlencoded)', body: urlencoded(list), contentType: 'application/x-www-form-urlencoded' }
    }),
  }
}

/** Form bodies a browser could send with a changed page: may be accepted, never a 5xx. */
function otherBodies(fields: Field[]): Record<string, fc.Arbitrary<Body>> {
  return {
    'empty form': fc.constant({ kind: 'empty form', body: '', contentType: 'application/x-www-form-urlencoded' }),
    duplicated: fc
      .tuple(fc.array(fc.boolean(), { minLength: fields.length, maxLength: fields.length }), text)
      .map(([same, other]) => ({
        kind: 'duplicated fields',
        contentType: 'application/x-www-form-urlencoded',
        body: urlencoded(
          pairs(fields).flatMap(
            ([k, v], i) =>
              [
                [k, v],
                [k, same[i] ? v : other],
              ] as [string, string][],
          ),
        ),
      })),
    long: fc
      .tuple(
        fc.nat(),
        fc.oneof(
          fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }),
        ),
      )
      .map(([which, unit]) => {
        const list = pairs(fields)
        const i = which % list.length
        list[i] = [list[i]![0], unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000)]
        return {
          kind: '100,000-character value',
          contentType: 'application/x-www-form-urlencoded',
          body: urlencoded(list),
        }
      }),
  }
}

let server: BuiltServer
let db: DB
let urlOf: (route: RouteFile) => string

/** A session that has passed the password and waits for the TOTP code. */
async function pendingSecondFactor(email: string) {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  return `ml_session=${await createSession(db, user.id, { mfaPending: true })}`
}

const actions = routeFiles().filter((r) => r.action)

beforeAll(async () => {
  const dbFile = path.join(TMP, 'http-fuzz.db')
  const uploadDir = path.join(TMP, 'http-fuzz-uploads')
  await freshDatabase(dbFile, { demo: true, uploadDir })
  // Behind "a proxy" on loopback, so each request can come from its own address and the
  // per-IP rate limits of login and sign-up do not stop the fuzz at the door.
  server = await startBuiltServer({
    name: 'http-fuzz',
    dbFile,
    env: { UPLOAD_DIR: uploadDir, TRUST_PROXY: 'loopback' },
  })
  db = createDb(dbFile).db
  const demo = await demoUrls(db, { baseURL: server.baseURL })
  urlOf = demo.url
  // Something in the buyer's cart, so the checkout page shows its form.
  await send(`/products/${(await productInStock(db)).slug}`, {
    cookie: await sessionFor(DEMO.buyer, db),
    form: { qty: '1' },
    baseURL: server.baseURL,
  })
}, 120_000)

afterAll(async () => {
  await db?.destroy()
  await server?.stop()
})

describe('fuzz over HTTP: odd bodies to every form action', () => {
  test('found the form actions', () => {
    expect(actions.length).toBeGreaterThanOrEqual(40)
  })

  test.each(actions.map((r) => [r.file, r] as const))(
    '%s: no 5xx, and refused bodies write nothing',
    async (_file, route: RouteFile) => {
      const url = urlOf(route)
      const role = roleFor(route.pattern)
      // The second-factor page is for someone who has given the password and not yet the code.
      const signIn = async () =>
        route.pattern === '/login/totp' ? pendingSecondFactor(DEMO[role]) : sessionFor(DEMO[role], db)
      const cookie = await signIn()
      const page = route.resource ? null : await send(url, { cookie, baseURL: server.baseURL })
      const forms = page?.status === 200 ? formsOf(page.text, url) : []
      const formArb = fc.constantFrom(...(forms.length ? forms : [GENERIC]))
      const targets = route.resource
        ? [url]
        : [url, `${url === '/' ? '/_root' : url}.data${route.index ? '?index' : ''}`]
      const ip = fc
        .tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }))
        .map(([a, b]) => `198.18.${a}.${b}`)

      const post = async (who: 'user' | 'anonymous', target: string, from: string, b: Body, refused: boolean) => {
        // Logging out and a second-factor attempt may end a session: those get a fresh one each time.
        const c =
          who === 'anonymous' ? undefined : ['/logout', '/login/totp'].includes(route.pattern) ? await signIn() : cookie
        const r = await send(target, {
          method: 'POST',
          cookie: c,
          body: b.body ?? '',
          contentType: b.contentType,
          headers: { 'X-Forwarded-For': from },
          baseURL: server.baseURL,
        })
        const label = `${route.file} ${b.kind} as ${who === 'user' ? role : 'anonymous'} to ${target}: ${r.text.slice(0, 300)}`
        expect(r.status, label).toBeLessThan(500)
        // Someone allowed here who sends what is not a form is told so (logout reads no body).
        if (refused && who === 'user' && route.pattern !== '/logout') expect([400, 413, 415], label).toContain(r.status)
        return r
      }
      const run = async (arbs: Record<string, (fields: Field[]) => fc.Arbitrary<Body>>, refused: boolean) => {
        for (const [, make] of Object.entries(arbs)) {
          await fc.assert(
            fc.asyncProperty(
              fc.constantFrom('user' as const, 'anonymous' as const),
              fc.constantFrom(...targets),
              ip,
              formArb.chain(make).map(described),
              async (who, target, from, b) => {
                await post(who, target, from, b, refused)
              },
            ),
            { numRuns: RUNS, endOnFailure: true },
          )
        }
      }

      const before = await fingerprint(db)
      await run(
        Object.fromEntries(Object.keys(refusedBodies(GENERIC)).map((k) => [k, (f: Field[]) => refusedBodies(f)[k]!])),
        true,
      )
      expect(changedTables(before, await fingerprint(db)), `${route.file}: a refused body wrote`).toEqual([])
      await run(
        Object.fromEntries(Object.keys(otherBodies(GENERIC)).map((k) => [k, (f: Field[]) => otherBodies(f)[k]!])),
        false,
      )
    },
  )
})
