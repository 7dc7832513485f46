import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { headers } from '#app/web/retry-after.ts'
import { ROOT } from '#tests/setup/paths.ts'

describe('Retry-After on rate-limited answers', () => {
  test('the headers function passes Retry-After from an error or the action on and keeps what the parents set', () => {
    const call = (errorHeaders?: Headers, actionHeaders = new Headers()) =>
      new Headers(
        headers({
          parentHeaders: new Headers({ 'Cache-Control': 'no-store' }),
          loaderHeaders: new Headers(),
          actionHeaders,
          errorHeaders,
        }) as Headers,
      )
    const limited = call(new Headers({ 'Retry-After': '42' }))
    expect(limited.get('Retry-After')).toBe('42')
    expect(limited.get('Cache-Control')).toBe('no-store')
    // A form that answers its own 429 (checkRateLimit) returns it as the action's headers.
    const replied = call(undefined, new Headers({ 'Retry-After': '17' }))
    expect(replied.get('Retry-After')).toBe('17')
    expect(replied.get('Cache-Control')).toBe('no-store')
    expect(call().has('Retry-After')).toBe(false)
    expect(call().get('Cache-Control')).toBe('no-store')
  })

  // Over single fetch a thrown data() keeps its headers only through its own route's `headers`
  // (tests/http/auth.test.ts shows it on the wire); a new rate-limited form must not forget it.
  test('every route that calls checkRateLimit or enforceRateLimit exports the Retry-After headers', () => {
    const dir = path.join(ROOT, 'app/routes')
    const limited = fs
      .readdirSync(dir)
      .filter((f) => /\b(check|enforce)RateLimit\(/.test(fs.readFileSync(path.join(dir, f), 'utf8')))
    expect(limited.length).toBeGreaterThanOrEqual(9)
    const missing = limited.filter(
      (f) => !fs.readFileSync(path.join(dir, f), 'utf8').includes("export { headers } from '#app/web/retry-after.ts'"),
    )
    expect(missing).toEqual([])
  })
})
