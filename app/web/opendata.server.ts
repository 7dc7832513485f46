import crypto from 'node:crypto'
import { hitRateLimit } from '#app/domain/identity/rate-limit.ts'
import { decodeCursor, encodeCursor, queryKey } from '#app/domain/opendata/cursor.ts'
import {
  DATASETS,
  DEFAULT_LIMIT,
  datasetNamed,
  MAX_LIMIT,
  ParamError,
  parseParams,
  readPublic,
  type Row,
} from '#app/domain/opendata/datasets.ts'
import { API_MAX_AGE, LICENCE } from '#app/domain/opendata/openapi.ts'
import { toCsv } from '#app/lib/csv.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { getDb } from './db.server.ts'
import { clientIp } from './request.server.ts'

/**
 * The HTTP side of the open-data API (ADR 026): CORS for GET, a per-IP rate limit, problem
 * documents for errors, ETag / If-None-Match and a public Cache-Control, JSON or CSV. The routes
 * under app/routes/api.v1.* are one call each into here.
 */

/** What any site's script may read of an answer (the API is public and read-only). */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Link, Retry-After',
}

const PROBLEM_TYPES: Record<number, string> = {
  400: 'bad-parameter',
  404: 'not-found',
  405: 'method-not-allowed',
  429: 'too-many-requests',
}

/** An RFC 9457 problem document, never cached. */
export function problem(
  status: number,
  title: string,
  detail: string,
  more: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({ type: `about:blank#${PROBLEM_TYPES[status] ?? 'error'}`, title, status, detail, ...more }),
    {
      status,
      headers: {
        'Content-Type': 'application/problem+json; charset=utf-8',
        'Cache-Control': 'no-store',
        ...CORS_HEADERS,
        ...headers,
      },
    },
  )
}

/** The 429 problem when this address has used up its requests this minute, else null. */
export async function apiRateLimit(request: Request): Promise<Response | null> {
  const limit = getEnv().openDataRateLimit
  const r = await hitRateLimit(getDb(), `api:${clientIp(request)}`, limit, 60)
  if (r.allowed) return null
  return problem(
    429,
    'Too many requests',
    `At most ${limit} requests a minute from one address; try again in ${r.retryAfterSeconds} seconds.`,
    {},
    { 'Retry-After': String(r.retryAfterSeconds) },
  )
}

function etagOf(body: string): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare)
}

/**
 * A public answer the same for everyone: an ETag of the body (304 when the client has it), a
 * Cache-Control of API_MAX_AGE seconds, CORS.
 */
export function publicAnswer(
  request: Request,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): Response {
  const etag = etagOf(body)
  const common = {
    ETag: etag,
    'Cache-Control': `public, max-age=${API_MAX_AGE}`,
    Vary: 'Accept-Encoding',
    ...CORS_HEADERS,
    ...headers,
  }
  if (matches(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers: common })
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { 'Content-Type': contentType, ...common },
  })
}

export function appUrl(): string {
  return getEnv().appUrl
}

/** `/api/v1`: the datasets and where their descriptions are. */
export async function datasetIndex(request: Request): Promise<Response> {
  const limited = await apiRateLimit(request)
  if (limited) return limited
  const base = appUrl()
  const body = {
    licence: LICENCE.url,
    openapi: `${base}/api/v1/openapi.json`,
    catalog: `${base}/data.json`,
    datasets: DATASETS.map((d) => ({
      name: d.name,
      title: d.title.en,
      description: d.description.en,
      url: `${base}/api/v1/${d.name}`,
      csv: `${base}/api/v1/${d.name}.csv`,
    })),
  }
  return publicAnswer(request, JSON.stringify(body), 'application/json; charset=utf-8')
}

function csvCell(v: Row[string]): string | number {
  if (v === null) return ''
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return v
}

/**
 * `/api/v1/<dataset>` and `/api/v1/<dataset>.csv`: one page of a dataset, filtered by its
 * parameters, as JSON (`{ dataset, licence, data, next }`) or CSV (header row = field names,
 * same rows), with the next page in a `Link` header (and `next` in JSON).
 */
export async function datasetPage(request: Request, segment: string): Promise<Response> {
  const limited = await apiRateLimit(request)
  if (limited) return limited
  const url = new URL(request.url)
  const csvSuffix = segment.endsWith('.csv')
  const name = csvSuffix ? segment.slice(0, -4) : segment
  const dataset = datasetNamed(name)
  if (!dataset) {
    return problem(
      404,
      'Unknown dataset',
      `There is no dataset "${name}". The datasets are: ${DATASETS.map((d) => d.name).join(', ')}.`,
      { datasets: `${appUrl()}/api/v1` },
    )
  }
  const q = url.searchParams
  try {
    const format = q.get('format') ?? (csvSuffix ? 'csv' : 'json')
    if (format !== 'json' && format !== 'csv') throw new ParamError('format', 'must be json or csv')
    if (csvSuffix && format !== 'csv') throw new ParamError('format', 'a .csv address answers CSV only')
    const limitRaw = q.get('limit')
    const limit = limitRaw === null ? DEFAULT_LIMIT : /^\d{1,4}$/.test(limitRaw) ? Number(limitRaw) : NaN
    if (!(limit >= 1 && limit <= MAX_LIMIT))
      throw new ParamError('limit', `must be a whole number from 1 to ${MAX_LIMIT}`)
    const db = getDb()
    const params = await parseParams(db, dataset, q)
    const key = queryKey(dataset.name, params)
    const cursor = q.get('cursor')
    const offset = cursor === null ? 0 : decodeCursor(cursor, key)
    if (offset === null)
      throw new ParamError('cursor', 'not a cursor of this dataset and these filters; start again without it')
    const { rows, total } = await readPublic(db, dataset, params, { offset, limit }, appUrl())
    let next: string | null = null
    if (offset + rows.length < total && rows.length > 0) {
      const n = new URL(`${appUrl()}/api/v1/${segment}`)
      for (const [k, v] of q) if (k !== 'cursor') n.searchParams.set(k, v)
      n.searchParams.set('cursor', encodeCursor(offset + rows.length, key))
      next = n.href
    }
    const link: Record<string, string> = next ? { Link: `<${next}>; rel="next"` } : {}
    if (format === 'csv') {
      const body = toCsv(
        dataset.fields.map((f) => f.name),
        rows.map((r) => dataset.fields.map((f) => csvCell(r[f.name] ?? null))),
      )
      return publicAnswer(request, body, 'text/csv; charset=utf-8', {
        ...link,
        'Content-Disposition': `inline; filename="${dataset.name}.csv"`,
      })
    }
    return publicAnswer(
      request,
      JSON.stringify({ dataset: dataset.name, licence: LICENCE.url, data: rows, next }),
      'application/json; charset=utf-8',
      link,
    )
  } catch (error) {
    if (!(error instanceof ParamError)) throw error
    return problem(400, 'Bad parameter', `${error.param}: ${error.reason}`, {
      invalid_params: [{ name: error.param, reason: error.reason }],
    })
  }
}
