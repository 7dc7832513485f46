import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { safeRedirect } from '#app/web/request.server.ts'

const ORIGIN = 'https://mitra-lipas.example.go.id'

/** Pieces that URL parsers treat specially, so generated strings hit the interesting cases often. */
const TRICKY = [
  '/',
  '//',
  '\\',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  '\u000b',
  '\u00a0',
  '\u3000',
  '.',
  '..',
  '%2F',
  '%5C',
  '%09',
  '%0d%0a',
  '@',
  ':',
  '?',
  '#',
  'evil.example',
  'http:',
  'https:',
  'javascript:',
  'data:',
  '\u2215',
  '\uff0f',
  'é',
  '\ud83d',
]
const tricky = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(''))
const anyTarget = fc.oneof(
  tricky,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.webUrl(),
  fc.webPath(),
  fc.webPath().map((p) => `/${p}`),
)

function assertLocal(result: string) {
  // One leading slash: never protocol-relative (`//host`) nor its backslash spelling.
  expect(result).toMatch(/^\/(?![/\\])/)
  // As a browser resolves the Location header: this origin, whatever it strips or rewrites.
  expect(new URL(result, ORIGIN).origin).toBe(ORIGIN)
  // A valid header value (no CR/LF or other controls that would make the response fail).
  expect(() => new Headers({ Location: result })).not.toThrow()
  expect(result).toMatch(/^[\x21-\x7e]*$/)
}

describe('safeRedirect', () => {
  test('whatever string comes in, the result starts with a single / and resolves to this origin', () => {
    fc.assert(
      fc.property(anyTarget, (target) => {
        assertLocal(safeRedirect(target))
        assertLocal(safeRedirect(target, '/account'))
        // Normalising twice changes nothing.
        expect(safeRedirect(safeRedirect(target))).toBe(safeRedirect(target))
      }),
      { numRuns: 5000 },
    )
  })

  test('the reported cases', () => {
    for (const hostile of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/\\evil.example',
      '//evil.example',
      '/.//evil.example',
      '/a/..//evil.example',
      'https://evil.example',
      ' /\t/evil.example',
    ]) {
      expect(safeRedirect(hostile, '/account'), JSON.stringify(hostile)).toBe('/account')
    }
    expect(safeRedirect('/x\r\nSet-Cookie: a=b')).not.toMatch(/[\r\n]/)
  })

  test('local paths are kept as given, query and fragment included', () => {
    for (const local of [
      '/account',
      '/products?q=batik&sort=price',
      '/orders/ML-2026-000008/abc#pembayaran',
      '/upt/01J/programs',
      '/',
    ]) {
      expect(safeRedirect(local)).toBe(local)
    }
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (p, q) => {
        const local = `/${p.replace(/^\/+/, '')}${q ? `?${q}` : ''}`
        // (dot segments may fold a generated path into `//host`, which is rightly refused)
        fc.pre(!new URL(local, ORIGIN).pathname.startsWith('//'))
        const out = safeRedirect(local)
        // Kept, up to the percent-encoding a browser would apply anyway.
        expect(new URL(out, ORIGIN).href).toBe(new URL(local, ORIGIN).href)
      }),
    )
  })

  test('missing or non-string input gives the fallback', () => {
    expect(safeRedirect(null, '/x')).toBe('/x')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect('')).toBe('/')
    expect(safeRedirect(new File(['/account'], 'a.txt'), '/x')).toBe('/x')
  })

  test('a target longer than an address bar holds gives the fallback (it would overflow the Location header)', () => {
    expect(safeRedirect(`/products?q=${'x'.repeat(100_000)}`, '/account')).toBe('/account')
    const long = `/products?q=${'x'.repeat(2_000)}`
    expect(safeRedirect(long, '/account')).toBe(long)
    // what grows past the limit when percent-encoded is refused too
    expect(safeRedirect(`/products?q=${'"'.repeat(1_000)}`, '/account')).toBe('/account')
  })
})
