/**
 * The open-data API's per-IP rate limit over real HTTP (issue 15, item 4; ADR 026): a server of
 * its own with OPEN_DATA_RATE_LIMIT=3 (the suite's server allows a million, as every test
 * request comes from 127.0.0.1). The limit is a fixed window per minute shared by every endpoint
 * of the API; beyond it the answer is a 429 problem with Retry-After, and the site's pages are
 * not counted.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BuiltServer, freshDatabase, startBuiltServer } from '../support/built-server.ts'
import { TMP } from '../setup/paths.ts'
import { send } from './support.ts'

let server: BuiltServer

beforeAll(async () => {
  const dbFile = path.join(TMP, 'opendata-rate-limit.db')
  await freshDatabase(dbFile, { demo: false })
  server = await startBuiltServer({ name: 'opendata-rate-limit', dbFile, env: { OPEN_DATA_RATE_LIMIT: '3' } })
})

afterAll(async () => {
  await server?.stop()
})

describe('per-IP rate limit of /api/v1', () => {
  test('past the limit: 429 problem with Retry-After, on every endpoint of the API; pages are not counted', async () => {
    const baseURL = server.baseURL
    const paths = [
      '/api/v1/offers',
      '/api/v1/products.csv',
      '/api/v1',
      '/api/v1/openapi.json',
      '/api/v1/partners',
      '/api/v1/pnbp',
      '/api/v1/realisation',
      '/api/v1/programs',
    ]
    const answers = []
    for (const p of paths) answers.push({ path: p, r: await send(p, { baseURL }) })
    expect(answers[0]!.r.status).toBe(200)
    // A fixed window of a minute: 8 quick requests cross at most one boundary, so at most 6 pass.
    const limited = answers.filter((a) => a.r.status === 429)
    expect(limited.length).toBeGreaterThanOrEqual(2)
    expect(answers.every((a) => a.r.status === 200 || a.r.status === 429)).toBe(true)
    for (const { r } of limited) {
      const retryAfter = Number(r.headers.get('Retry-After'))
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true)
      expect(r.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
      expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*')
      expect(r.headers.get('Cache-Control')).toBe('no-store')
      expect(r.json()).toMatchObject({ status: 429, title: 'Too many requests' })
    }
    expect((await send('/data', { baseURL })).status).toBe(200)
    expect((await send('/products', { baseURL })).status).toBe(200)
  })
})
