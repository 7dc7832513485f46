import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import { expect } from 'vitest'
import { type Sent, send } from './support.ts'

/**
 * Helpers of the open-data API's contract tests: the OpenAPI document the server publishes,
 * compiled with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 says), and a walk over every page.
 */

export type OpenApi = {
  paths: Record<
    string,
    {
      get: {
        parameters?: { name: string }[]
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>
      }
    }
  >
  components: { schemas: Record<string, unknown> }
}

export async function openApi(): Promise<{
  doc: OpenApi
  validate(path: string, status: number, body: unknown): void
}> {
  const r = await send('/api/v1/openapi.json')
  expect(r.status).toBe(200)
  const doc = r.json<OpenApi>()
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'openapi.json', components: doc.components } as object)
  const validators = new Map<string, ReturnType<typeof ajv.compile>>()
  return {
    doc,
    validate(path: string, status: number, body: unknown) {
      const response = doc.paths[path]?.get.responses[String(status)]
      expect(response, `${path} documents ${status}`).toBeTruthy()
      const content = response!.content ?? {}
      const schema = (content['application/json'] ?? content['application/problem+json'])?.schema as
        { $ref?: string } | undefined
      expect(schema, `${path} ${status} has a JSON schema`).toBeTruthy()
      const key = `${path} ${status}`
      let v = validators.get(key)
      if (!v) {
        v = ajv.compile(schema!.$ref ? { $ref: `openapi.json${schema!.$ref}` } : schema!)
        validators.set(key, v)
      }
      expect(v(body), `${key}: ${ajv.errorsText(v.errors)}`).toBe(true)
    },
  }
}

/** Every page of a dataset from `first`, following `next`; the pages as they came. */
export async function walk(first: string): Promise<Sent[]> {
  const pages: Sent[] = []
  let url: string | null = first
  while (url) {
    const r = await send(url)
    expect(r.status, `${url}: ${r.text.slice(0, 300)}`).toBe(200)
    pages.push(r)
    if (r.headers.get('Content-Type')?.startsWith('text/csv')) {
      url = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get('Link') ?? '')?.[1] ?? null
    } else {
      url = r.json<{ next: string | null }>().next
    }
    expect(pages.length, 'pages end').toBeLessThan(500)
  }
  return pages
}

/** CSV text as rows of objects keyed by the header row. */
export function csvRows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]
}

/** A JSON value as the CSV writes it. */
export function asCsv(v: unknown): string {
  if (v === null) return ''
  return String(v)
}
