/**
 * Every resource route (a module in app/routes without a default export), over real HTTP:
 * what Remix does with its answer between the function and the socket is what a client sees.
 * Under single fetch a `data()` returned from a resource route goes out as a 200 with the status
 * inside a JSON body, and a thrown one keeps its status but says "Unexpected Server Error" and is
 * logged as a server error. The routes are discovered from app/routes: a new resource route fails
 * the first test until its cases are written here.
 */
import { DomUtils, parseDocument } from 'htmlparser2'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { DEMO, demoIds } from './demo.ts'
import { routeFiles, urlFor, type RouteFile } from './routes.ts'
import { PDF_BYTES, placeOrder, transferWithProof, uploadPks } from './shop.ts'
import { type Sent, send, serverDb, sessionFor } from './support.ts'

type Who = keyof typeof DEMO | null
type Ids = Awaited<ReturnType<typeof demoIds>>

interface Check {
  what: string
  who?: Who
  method?: string
  path: string
  form?: Record<string, string>
  body?: string
  contentType?: string
  /** request headers (If-None-Match) */
  headers?: Record<string, string>
  status: number
  location?: RegExp
  type?: RegExp
  cacheControl?: RegExp
  then?: (r: Sent) => void | Promise<void>
}

const loginRedirect = /^\/login\?redirectTo=/

/** The cases of each resource route, by file name; paths are made from the discovered pattern. */
const CASES: Record<string, (route: RouteFile, ids: Ids) => Check[] | Promise<Check[]>> = {
  // A partner's legal document (ADR 033): its members and the admins who review it; 404 for anyone else.
  'legal-documents.$documentId.ts': async (route) => {
    const form = new FormData()
    form.set('kind', 'npwp')
    form.set('document', new File([PDF_BYTES], 'npwp.pdf', { type: 'application/pdf' }))
    expect((await send('/partner/documents', { cookie: await sessionFor(DEMO.partner), body: form })).status).toBe(302)
    const { id } = await serverDb()
      .selectFrom('partner_documents')
      .select('id')
      .where('kind', '=', 'npwp')
      .where('replaced_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    const doc = urlFor(route, { documentId: id })
    return [
      {
        what: "the partner's own member downloads it",
        who: 'partner',
        path: doc,
        status: 200,
        type: /^application\/pdf$/,
        cacheControl: /no-store/,
        then: (r) => expect(r.text.startsWith('%PDF-')).toBe(true),
      },
      { what: 'a national admin', who: 'admin', path: doc, status: 200, type: /^application\/pdf$/ },
      { what: 'anonymous: to login', path: doc, status: 302, location: loginRedirect },
      { what: 'UPT staff: as if there were none', who: 'staffKediri', path: doc, status: 404 },
      { what: 'a buyer: as if there were none', who: 'buyer', path: doc, status: 404 },
      {
        what: 'an unknown document',
        who: 'admin',
        path: urlFor(route, { documentId: '0190aaaa-0000-7000-8000-000000000000' }),
        status: 404,
      },
      { what: 'not an id', who: 'partner', path: urlFor(route, { documentId: 'x' }), status: 404 },
    ]
  },
  'admin.audit[.]csv.tsx': (route) => {
    const csv = urlFor(route, {})
    const header = /^time_wib,time_utc,action,action_text,actor_name,actor_email,actor_roles,object_type,/
    return [
      {
        what: 'a national admin downloads the whole log',
        who: 'admin',
        path: csv,
        status: 200,
        type: /^text\/csv; charset=utf-8$/,
        cacheControl: /no-store/,
        then: (r) => {
          expect(r.headers.get('content-disposition')).toMatch(
            /^attachment; filename="log-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
          )
          expect(r.text).toMatch(header)
          // the seed's billings are in it, in words beside the code, amounts in rupiah
          expect(r.text).toMatch(/,pnbp\.billing\.create,Kode billing PNBP dibuat,Sistem,.*Jumlah: Rp \d/)
        },
      },
      {
        what: 'filtered: only the chosen action',
        who: 'admin',
        path: `${csv}?action=pnbp.billing.create&from=2026-01-01`,
        status: 200,
        type: /^text\/csv/,
        then: (r) => {
          const rows = r.text.trim().split('\r\n').slice(1)
          expect(rows.length).toBeGreaterThan(0)
          for (const row of rows) expect(row.split(',')[2]).toBe('pnbp.billing.create')
        },
      },
      {
        what: 'an unknown action: 400 naming the field',
        who: 'admin',
        path: `${csv}?action=drop.table`,
        status: 400,
        type: /^application\/json/,
        then: (r) =>
          expect(JSON.parse(r.text)).toEqual({
            message: 'audit.filter.fix',
            errors: { action: ['audit.filter.unknownAction'] },
          }),
      },
      {
        what: 'a date that is not a day: 400',
        who: 'admin',
        path: `${csv}?from=2026-13-45`,
        status: 400,
        then: (r) => expect(JSON.parse(r.text).errors).toEqual({ from: ['audit.filter.badDate'] }),
      },
      {
        what: 'a range that ends before it starts: 400',
        who: 'admin',
        path: `${csv}?from=2026-12-06&to=2026-12-01`,
        status: 400,
        then: (r) => expect(JSON.parse(r.text).errors).toEqual({ to: ['audit.filter.toBeforeFrom'] }),
      },
      { what: 'a Kanwil admin', who: 'kanwilAdmin', path: csv, status: 403 },
      { what: 'national finance', who: 'financeNational', path: csv, status: 403 },
      { what: 'anonymous: to login', path: csv, status: 302, location: loginRedirect },
    ]
  },
  'agreements.$agreementId_.pks.$version.ts': async (route, ids) => {
    expect((await uploadPks(ids.agreementId, await sessionFor(DEMO.partner))).status).toBe(302)
    const { version } = await serverDb()
      .selectFrom('agreement_documents')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('agreement_id', '=', ids.agreementId)
      .executeTakeFirstOrThrow()
    const doc = urlFor(route, { agreementId: ids.agreementId, version: String(version) })
    return [
      {
        what: 'a party downloads the signed PKS',
        who: 'partner',
        path: doc,
        status: 200,
        type: /^application\/pdf$/,
        cacheControl: /no-store/,
        then: (r) => expect(r.text.startsWith('%PDF-')).toBe(true),
      },
      { what: 'the UPT side too', who: 'staffKediri', path: doc, status: 200, type: /^application\/pdf$/ },
      { what: 'anonymous: to login', path: doc, status: 302, location: loginRedirect },
      { what: 'staff of another UPT', who: 'staffBangli', path: doc, status: 403 },
      {
        what: 'a version that does not exist',
        who: 'partner',
        path: urlFor(route, { agreementId: ids.agreementId, version: '999' }),
        status: 404,
      },
      {
        what: 'a version that is not a number',
        who: 'partner',
        path: urlFor(route, { agreementId: ids.agreementId, version: 'v1' }),
        status: 404,
      },
      {
        what: 'an agreement that does not exist',
        who: 'partner',
        path: urlFor(route, { agreementId: '0190aaaa-0000-7000-8000-000000000000', version: '1' }),
        status: 404,
      },
    ]
  },
  'api.v1._index.ts': (route) => [
    {
      what: 'the datasets',
      path: urlFor(route, {}),
      status: 200,
      type: /^application\/json/,
      cacheControl: /^public, max-age=300$/,
      then: (r) => expect(r.json().datasets.length).toBeGreaterThanOrEqual(8),
    },
  ],
  'api.v1.$dataset.ts': (route) => [
    {
      what: 'a dataset as JSON',
      path: urlFor(route, { dataset: 'offers' }),
      status: 200,
      type: /^application\/json/,
      cacheControl: /^public, max-age=300$/,
      then: (r) => expect(r.headers.get('ETag')).toBeTruthy(),
    },
    {
      what: 'a dataset as CSV',
      path: urlFor(route, { dataset: 'offers.csv' }),
      status: 200,
      type: /^text\/csv/,
      cacheControl: /public/,
    },
    {
      what: 'a bad parameter',
      path: `${urlFor(route, { dataset: 'offers' })}?limit=500`,
      status: 400,
      type: /^application\/problem\+json/,
      cacheControl: /no-store/,
    },
    {
      what: 'a dataset that does not exist',
      path: urlFor(route, { dataset: 'inmates' }),
      status: 404,
      type: /^application\/problem\+json/,
    },
  ],
  'api.v1.openapi[.]json.ts': (route) => [
    {
      what: 'the OpenAPI document',
      path: urlFor(route, {}),
      status: 200,
      type: /^application\/vnd\.oai\.openapi\+json/,
      cacheControl: /public/,
      then: (r) => expect(r.json().openapi).toBe('3.1.0'),
    },
  ],
  'data[.]json.ts': (route) => [
    {
      what: 'the DCAT catalogue',
      path: urlFor(route, {}),
      status: 200,
      type: /^application\/json/,
      cacheControl: /public/,
      then: (r) => expect(r.json().dataset.length).toBeGreaterThanOrEqual(8),
    },
  ],
  'partners.$slug_.badge[.]svg.ts': async (route, ids) => {
    const pending = await serverDb()
      .selectFrom('partners')
      .select('slug')
      .where('status', '!=', 'verified')
      .executeTakeFirstOrThrow()
    return [
      {
        what: "a verified partner's badge",
        path: urlFor(route, { slug: ids.partnerSlug }),
        status: 200,
        type: /^image\/svg\+xml/,
        cacheControl: /^public, max-age=3600$/,
        then: (r) => expect(r.text).toMatch(/<title id="badge-title">Mitra Pokmas Lipas: /),
      },
      { what: 'a partner not verified', path: urlFor(route, { slug: pending.slug }), status: 404 },
      { what: 'no such partner', path: urlFor(route, { slug: 'nobody' }), status: 404 },
    ]
  },
  'impact.og[.]png.ts': async (route) => {
    const path = urlFor(route, {})
    const first = await send(path)
    return [
      {
        what: 'the Open Graph image of /impact, for anyone',
        path,
        status: 200,
        type: /^image\/png$/,
        cacheControl: /^public, max-age=3600$/,
        then: async (r) => {
          expect(r.headers.get('ETag')).toBe(first.headers.get('ETag'))
          expect(await sharp(r.bytes).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 })
        },
      },
      {
        what: 'a preview fetcher that has it: 304, no body',
        path,
        headers: { 'If-None-Match': first.headers.get('ETag')! },
        status: 304,
        then: (r) => expect(r.bytes.length).toBe(0),
      },
      { what: 'in English', path: `${path}?lang=en`, status: 200, type: /^image\/png$/ },
    ]
  },
  'finance.report[.]csv.tsx': (route) => [
    {
      what: 'national finance',
      who: 'financeNational',
      path: `${urlFor(route, {})}?month=2026-11`,
      status: 200,
      type: /^text\/csv/,
      cacheControl: /no-store/,
      then: (r) => expect(r.text).toMatch(/^month,kanwil,upt_id,upt,/),
    },
    {
      what: 'finance of a UPT gets its own rows',
      who: 'financeKediri',
      path: urlFor(route, {}),
      status: 200,
      type: /^text\/csv/,
    },
    { what: 'a buyer', who: 'buyer', path: urlFor(route, {}), status: 403 },
    { what: 'anonymous: to login', path: urlFor(route, {}), status: 302, location: loginRedirect },
  ],
  'finance.upt.$uptId.ledger[.]csv.tsx': (route, ids) => [
    {
      what: 'finance of the UPT',
      who: 'financeKediri',
      path: urlFor(route, { uptId: ids.kediri }),
      status: 200,
      type: /^text\/csv/,
      cacheControl: /no-store/,
      then: (r) => expect(r.text).toMatch(/^day,reference,kind,provider,account,debit,credit/),
    },
    { what: 'finance of another UPT', who: 'financeBangli', path: urlFor(route, { uptId: ids.kediri }), status: 403 },
    {
      what: 'a UPT that does not exist',
      who: 'financeNational',
      path: urlFor(route, { uptId: '0190aaaa-0000-7000-8000-000000000000' }),
      status: 404,
    },
    { what: 'anonymous: to login', path: urlFor(route, { uptId: ids.kediri }), status: 302, location: loginRedirect },
  ],
  'finance.upt.$uptId.statements_.sample[.]csv.tsx': (route, ids) => [
    {
      what: 'finance of the UPT',
      who: 'financeKediri',
      path: urlFor(route, { uptId: ids.kediri }),
      status: 200,
      type: /^text\/csv/,
      cacheControl: /no-store/,
      then: (r) =>
        expect(r.headers.get('Content-Disposition')).toBe('attachment; filename="contoh-rekening-koran.csv"'),
    },
    { what: 'finance of another UPT', who: 'financeBangli', path: urlFor(route, { uptId: ids.kediri }), status: 403 },
    {
      what: 'a UPT that does not exist',
      who: 'financeNational',
      path: urlFor(route, { uptId: '0190aaaa-0000-7000-8000-000000000000' }),
      status: 404,
    },
    { what: 'anonymous: to login', path: urlFor(route, { uptId: ids.kediri }), status: 302, location: loginRedirect },
  ],
  'finance.upt.$uptId.payments.proof.$paymentId.ts': async (route, ids) => {
    const db = serverDb()
    const buyer = await sessionFor(DEMO.buyer)
    const order = await placeOrder(db, buyer, { uptId: ids.kediri })
    const { paymentId } = await transferWithProof(db, order.path, order.number, buyer)
    const proof = urlFor(route, { uptId: ids.kediri, paymentId })
    return [
      {
        what: 'finance of the UPT sees the receipt',
        who: 'financeKediri',
        path: proof,
        status: 200,
        type: /^image\/webp$/,
        cacheControl: /no-store/,
      },
      {
        what: 'finance of another UPT, under its own UPT',
        who: 'financeBangli',
        path: urlFor(route, { uptId: ids.bangli, paymentId }),
        status: 404,
      },
      { what: 'finance of another UPT, under this UPT', who: 'financeBangli', path: proof, status: 403 },
      {
        what: 'a payment that does not exist',
        who: 'financeKediri',
        path: urlFor(route, { uptId: ids.kediri, paymentId: 'nope' }),
        status: 404,
      },
      { what: 'the buyer who sent it', who: 'buyer', path: proof, status: 403 },
      { what: 'anonymous: to login', path: proof, status: 302, location: loginRedirect },
    ]
  },
  'healthz.ts': (route) => [
    {
      what: 'the database answers',
      path: urlFor(route, {}),
      status: 200,
      type: /^application\/json/,
      cacheControl: /no-store/,
      then: (r) => expect(r.json()).toMatchObject({ status: 'ok', database: 'ok' }),
    },
  ],
  'i18n.$file.ts': async (route) => {
    const page = await send('/')
    const href = /href="(\/i18n\/id\.[0-9a-f]{16}\.json)"/.exec(page.text)?.[1]
    expect(href, 'the page preloads its messages').toBeTruthy()
    return [
      {
        what: "this release's messages",
        path: href!,
        status: 200,
        type: /^application\/json/,
        cacheControl: /immutable/,
        then: (r) => expect(r.json()).toHaveProperty(['messages', 'error.notFound']),
      },
      {
        what: "an older release's hash",
        path: urlFor(route, { file: 'en.0123456789abcdef.json' }),
        status: 200,
        cacheControl: /^no-cache$/,
      },
      {
        what: 'a language that does not exist',
        path: urlFor(route, { file: 'xx.0123456789abcdef.json' }),
        status: 404,
      },
      { what: 'a name that is not a messages file', path: urlFor(route, { file: '..%2Fpackage.json' }), status: 404 },
    ]
  },
  'logout.tsx': (route) => [
    { what: 'GET changes nothing and goes home', who: 'buyer', path: urlFor(route, {}), status: 302, location: /^\/$/ },
    {
      what: 'POST ends the session',
      who: 'buyer',
      method: 'POST',
      path: urlFor(route, {}),
      form: {},
      status: 302,
      location: /^\/$/,
      then: (r) => expect(r.headers.getSetCookie().join('\n')).toMatch(/ml_session=;.*Max-Age=0/i),
    },
  ],
  'robots[.]txt.ts': (route) => [
    {
      what: 'robots',
      path: urlFor(route, {}),
      status: 200,
      type: /^text\/plain/,
      then: (r) => expect(r.text).toMatch(/^Sitemap: http/m),
    },
  ],
  'set-language.ts': (route) => [
    { what: 'GET goes home', path: urlFor(route, {}), status: 302, location: /^\/$/ },
    {
      what: 'POST sets the language and goes back',
      method: 'POST',
      path: urlFor(route, {}),
      form: { lang: 'en', redirectTo: '/products' },
      status: 302,
      location: /^\/products$/,
      then: (r) => expect(r.headers.getSetCookie().join('\n')).toMatch(/^lang=en;/),
    },
    {
      what: 'a JSON body',
      method: 'POST',
      path: urlFor(route, {}),
      body: '{"lang":"en"}',
      contentType: 'application/json',
      status: 415,
    },
  ],
  'sitemap[.]xml.ts': (route) => [
    {
      what: 'sitemap',
      path: urlFor(route, {}),
      status: 200,
      type: /^application\/xml/,
      then: (r) => {
        expect(r.text).toContain('<urlset')
        // Published stories are listed (issue 15); the one waiting for review is not.
        expect(r.text).toMatch(/\/cerita\/dari-benang-ke-pasar-tenun-ikat-lapas-kediri-[0-9a-f]{6}</)
        expect(r.text).not.toContain('/cerita/angkatan-baru')
      },
    },
  ],
  'cerita.feed[.]xml.ts': (route) => [
    {
      what: 'the Atom feed of published stories',
      path: urlFor(route, {}),
      status: 200,
      type: /^application\/atom\+xml; charset=utf-8$/,
      cacheControl: /^public, max-age=300$/,
      then: (r) => {
        const doc = parseDocument(r.text, { xmlMode: true })
        const feed = DomUtils.findOne((e) => e.name === 'feed', doc.children)!
        expect(feed.attribs.xmlns).toBe('http://www.w3.org/2005/Atom')
        const child = (e: typeof feed, name: string) =>
          DomUtils.getChildren(e).find((c) => (c as typeof feed).name === name) as typeof feed | undefined
        for (const name of ['id', 'title', 'updated', 'author']) expect(child(feed, name), name).toBeDefined()
        const entries = DomUtils.getChildren(feed).filter((c) => (c as typeof feed).name === 'entry') as (typeof feed)[]
        // Four demo stories are published (other files may publish more), the one waiting for review is absent.
        expect(entries.length).toBeGreaterThanOrEqual(4)
        expect(r.text).not.toContain('/cerita/angkatan-baru')
        for (const e of entries) {
          for (const name of ['id', 'title', 'updated', 'published', 'link', 'summary', 'content'])
            expect(child(e, name), name).toBeDefined()
          expect(DomUtils.textContent(child(e, 'updated')!)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
          expect(child(e, 'link')!.attribs.href).toMatch(/^https?:\/\/.+\/cerita\/[a-z0-9-]+$/)
          expect(Date.parse(DomUtils.textContent(child(e, 'published')!))).toBeLessThanOrEqual(Date.now())
        }
        expect(r.text).not.toMatch(/<script|javascript:/i)
      },
    },
  ],
  'uploads.$file.ts': (route, ids) => [
    {
      what: 'a product photo',
      path: urlFor(route, { file: ids.imageFile }),
      status: 200,
      type: /^image\/webp$/,
      cacheControl: /public/,
    },
    { what: 'a name the server never made', path: urlFor(route, { file: 'x.webp' }), status: 404 },
    { what: 'a path out of the folder', path: urlFor(route, { file: '..%2F..%2Fpackage.json' }), status: 404 },
  ],
  'webhooks.midtrans.ts': (route) => [
    { what: 'GET', path: urlFor(route, {}), status: 405, then: (r) => expect(r.headers.get('Allow')).toBe('POST') },
    {
      what: 'an unsigned POST',
      method: 'POST',
      path: urlFor(route, {}),
      body: '{}',
      contentType: 'application/json',
      status: 400,
      type: /^application\/json/,
    },
  ],
  'webhooks.stripe.ts': (route) => [
    { what: 'GET', path: urlFor(route, {}), status: 405, then: (r) => expect(r.headers.get('Allow')).toBe('POST') },
    {
      what: 'an unsigned POST',
      method: 'POST',
      path: urlFor(route, {}),
      body: '{}',
      contentType: 'application/json',
      status: 400,
      type: /^application\/json/,
    },
  ],
}

const resources = routeFiles().filter((r) => r.resource)

describe('resource routes over HTTP', () => {
  test('every resource route in app/routes has its cases here (and nothing stale)', () => {
    expect(resources.length).toBeGreaterThanOrEqual(10)
    expect(Object.keys(CASES).sort()).toEqual(resources.map((r) => r.file).sort())
  })

  test.each(resources.map((r) => [r.file, r] as const))('%s answers with the status it means', async (_file, route) => {
    const ids = await demoIds(serverDb())
    const cookies = new Map<string, string>()
    const checks = await CASES[route.file]!(route, ids)
    expect(checks.length).toBeGreaterThan(0)
    for (const c of checks) {
      let cookie: string | undefined
      if (c.who) {
        // A fresh session per check: logging out ends it.
        cookie =
          c.method === 'POST' ? await sessionFor(DEMO[c.who]) : (cookies.get(c.who) ?? (await sessionFor(DEMO[c.who])))
        cookies.set(c.who, cookie)
      }
      const r = await send(c.path, {
        method: c.method,
        cookie,
        form: c.form,
        body: c.body,
        contentType: c.contentType,
        headers: c.headers,
      })
      const label = `${route.file}: ${c.what} (${c.method ?? 'GET'} ${c.path})`
      expect(r.status, `${label}: ${r.text.slice(0, 200)}`).toBe(c.status)
      if (c.location) expect(r.headers.get('Location'), label).toMatch(c.location)
      if (c.type) expect(r.headers.get('Content-Type'), label).toMatch(c.type)
      if (c.cacheControl) expect(r.headers.get('Cache-Control'), label).toMatch(c.cacheControl)
      if (r.status >= 400) {
        // A refusal the route meant, not a crash: no "Unexpected Server Error", no error mark.
        expect(r.text, label).not.toMatch(/Unexpected Server Error/)
        expect(r.headers.get('X-Remix-Error'), label).toBeNull()
      }
      await c.then?.(r)
    }
  })
})
