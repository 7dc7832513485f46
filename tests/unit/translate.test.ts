import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { MESSAGES } from '#app/i18n/index.ts'
import { makeTranslator, withParams } from '#app/i18n/translate.ts'

const t = makeTranslator({
  'cart.notEnoughStock': 'Stok tersisa hanya {stock}.',
  'x.name': 'Stok {name} habis.',
  plain: 'Tanpa angka.',
})

describe('messages that carry their parameters', () => {
  test('a key with parameters is filled in by t(), a key without stays a key', () => {
    expect(withParams('cart.notEnoughStock', { stock: 6 })).toBe('cart.notEnoughStock?stock=6')
    expect(withParams('plain')).toBe('plain')
    expect(withParams('plain', {})).toBe('plain')
    expect(t(withParams('cart.notEnoughStock', { stock: 6 }))).toBe('Stok tersisa hanya 6.')
    expect(t(withParams('plain', { stock: 6 }))).toBe('Tanpa angka.')
    // Parameters given to t() win over the carried ones; unknown keys show as the bare key.
    expect(t(withParams('cart.notEnoughStock', { stock: 6 }), { stock: 2 })).toBe('Stok tersisa hanya 2.')
    expect(t(withParams('no.such', { stock: 6 }))).toBe('no.such')
    // Text that is not a key (an already-translated message) is shown as it is.
    expect(t('Harga? Tanyakan saja.')).toBe('Harga? Tanyakan saja.')
  })

  test('any name survives the trip: &, =, ?, braces, spaces and non-Latin text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        expect(t(withParams('x.name', { name }))).toBe(`Stok ${name} habis.`)
      }),
    )
  })

  test('every message key is a plain key, so a key with parameters cannot be mistaken for one', () => {
    for (const dict of Object.values(MESSAGES))
      expect(Object.keys(dict).filter((k) => !/^[A-Za-z0-9_.-]+$/.test(k))).toEqual([])
  })
})
