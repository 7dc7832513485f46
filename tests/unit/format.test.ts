import { describe, expect, test } from 'vitest'
import {
  formatMonth,
  formatBasisPoints,
  formatDate,
  formatDateTime,
  formatPercentOf,
  formatRupiah,
  formatRupiahInline,
} from '#app/lib/format.ts'

describe('formatRupiah', () => {
  test.each([
    [150000, 'Rp 150.000'],
    [0, 'Rp 0'],
    [7500000, 'Rp 7.500.000'],
    [38300000, 'Rp 38.300.000'],
    [-19150000, '-Rp 19.150.000'],
  ])('%i -> %s', (amount, text) => {
    expect(formatRupiah(amount)).toBe(text)
  })
  test('refuses fractions: money is integer rupiah', () => {
    expect(() => formatRupiah(10.5)).toThrow(/integers/)
  })
  test('inside running text "Rp" and the figure are held together by a no-break space', () => {
    expect(formatRupiahInline(7500000)).toBe('Rp\u00a07.500.000')
    expect(formatRupiahInline(-19150000)).toBe('-Rp\u00a019.150.000')
    expect(formatRupiahInline(7500000)).not.toMatch(/ /)
  })
})

describe('percentages of targets are truncated to two decimals', () => {
  test('the 2021 national figures', () => {
    expect(formatPercentOf(4175, 13500)).toBe('30,92%')
    expect(formatPercentOf(2963, 13500)).toBe('21,94%')
    expect(formatPercentOf(4175, 13500, 'en')).toBe('30.92%')
  })
  test('never rounds up', () => {
    expect(formatPercentOf(30926, 100000)).toBe('30,92%')
    expect(formatPercentOf(2, 3)).toBe('66,66%')
    expect(formatPercentOf(1, 1)).toBe('100,00%')
    expect(formatPercentOf(27000, 13500)).toBe('200,00%')
  })
  test('no target gives a dash rather than Infinity', () => {
    expect(formatPercentOf(5, 0)).toBe('—')
  })
  test('basis points', () => {
    expect(formatBasisPoints(5)).toBe('0,05%')
    expect(formatBasisPoints(123456)).toBe('1.234,56%')
  })
})

describe('dates in the UPT zone', () => {
  const at = '2026-11-28T02:07:00.000Z'
  test('WIB, WITA and WIT', () => {
    expect(formatDateTime(at, 'Asia/Jakarta')).toBe('28 Nov 2026 09.07 WIB')
    expect(formatDateTime(at, 'Asia/Makassar')).toBe('28 Nov 2026 10.07 WITA')
    expect(formatDateTime(at, 'Asia/Jayapura')).toBe('28 Nov 2026 11.07 WIT')
  })
  test('the date can change with the zone', () => {
    expect(formatDateTime('2026-11-28T16:30:00.000Z', 'Asia/Jakarta')).toBe('28 Nov 2026 23.30 WIB')
    expect(formatDateTime('2026-11-28T16:30:00.000Z', 'Asia/Jayapura')).toBe('29 Nov 2026 01.30 WIT')
  })
  test('calendar dates', () => {
    expect(formatDate('2026-08-17')).toBe('17 Agu 2026')
    expect(formatDate('2026-08-17', 'en')).toBe('17 Aug 2026')
  })
  test('months (the work home links each PNBP month owed)', () => {
    expect(formatMonth('2026-11')).toBe('November 2026')
    expect(formatMonth('2026-08', 'en')).toBe('August 2026')
    expect(formatMonth('2026-02')).toBe('Februari 2026')
  })
})
