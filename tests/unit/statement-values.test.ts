import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseStatementAmount, parseStatementDate } from '#app/domain/pnbp/statements.server.ts'

const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Whole rupiah written the ways banks and Excel write them. */
const written = fc.record({
  n: fc.integer({ min: 1, max: 999_999_999_999 }),
  style: fc.constantFrom('id', 'id00', 'en', 'en00', 'rp', 'rpdot', 'plain', 'plain00', 'plaindot00'),
  sign: fc.constantFrom('none', 'minus', 'parens', 'DB', 'CR', 'trailing'),
})
function write({ n, style, sign }: { n: number; style: string; sign: string }): { text: string; value: number } {
  const body = {
    id: group(n, '.'),
    id00: `${group(n, '.')},00`,
    en: group(n, ','),
    en00: `${group(n, ',')}.00`,
    rp: `Rp ${group(n, '.')}`,
    rpdot: `Rp. ${group(n, '.')},00`,
    plain: String(n),
    plain00: `${n},00`,
    plaindot00: `${n}.00`,
  }[style]!
  const text = {
    none: body,
    minus: `-${body}`,
    parens: `(${body})`,
    DB: `${body} DB`,
    CR: `${body} CR`,
    trailing: `${body}-`,
  }[sign]!
  return { text, value: sign === 'none' || sign === 'CR' ? n : -n }
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const daysIn = (y: number, m: number) =>
  m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS[m - 1]!
const validDate = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysIn(y, m)) }))

describe('statement values (property)', () => {
  test('every way of writing a whole-rupiah amount reads back as that amount, with its sign', () => {
    fc.assert(
      fc.property(written, (w) => {
        const { text, value } = write(w)
        expect(parseStatementAmount(text)).toBe(value)
      }),
    )
  })

  test('an amount with sen other than ,00 is never read as whole rupiah', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 1, max: 99 }),
        fc.boolean(),
        (n, sen, indonesian) => {
          const text = indonesian ? `${group(n, '.')},${pad(sen)}` : `${group(n, ',')}.${pad(sen)}`
          expect(parseStatementAmount(text)).toBeNull()
        },
      ),
    )
  })

  test('every real date in dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd or with a time reads back as itself', () => {
    fc.assert(
      fc.property(validDate, fc.constantFrom('dmy', 'dmyShort', 'dmyDash', 'iso', 'dmyTime'), ({ y, m, d }, style) => {
        const text = {
          dmy: `${pad(d)}/${pad(m)}/${y}`,
          dmyShort: `${d}/${m}/${y}`,
          dmyDash: `${pad(d)}-${pad(m)}-${y}`,
          iso: `${y}-${pad(m)}-${pad(d)}`,
          dmyTime: `${pad(d)}/${pad(m)}/${y} 08:15:32`,
        }[style]!
        expect(parseStatementDate(text)).toBe(`${y}-${pad(m)}-${pad(d)}`)
      }),
    )
  })

  test('a day past the end of its month, or month 13 and above, is refused, never rolled over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 13, max: 99 }),
        (y, m, past, badMonth) => {
          const d = daysIn(y, m) + past
          if (d <= 31) expect(parseStatementDate(`${pad(d)}/${pad(m)}/${y}`)).toBeNull()
          expect(parseStatementDate(`${y}-${pad(m)}-${pad(daysIn(y, m) + past)}`)).toBeNull()
          expect(parseStatementDate(`01/${badMonth}/${y}`)).toBeNull()
        },
      ),
    )
  })
})
