import { describe, expect, test } from 'vitest'
import { type Candidate, proposeMatch } from '#app/domain/pnbp/reconcile.ts'
import { parseStatementAmount, parseStatementDate } from '#app/domain/pnbp/statements.server.ts'

const c = (reference: string, amount: number, day: string, kind: Candidate['kind'] = 'payout'): Candidate => ({
  reference,
  amount,
  day,
  kind,
  sourceId: null,
})
const line = (amount: number, date: string, description = '', reference: string | null = null) => ({
  id: 'l',
  amount,
  date,
  description,
  reference,
})

describe('reconciliation ladder', () => {
  test('exact reference wins over an equal amount on a nearer date', () => {
    const cands = [c('po_near', 100_000, '2026-11-05'), c('stripe:po_ABCDEF123', 100_000, '2026-11-01')]
    expect(proposeMatch(line(100_000, '2026-11-05', 'STRIPE po_ABCDEF123'), cands)).toEqual({
      method: 'reference',
      targets: [cands[1]],
    })
  })
  test('amount + nearest date within the window; nothing beyond it', () => {
    const cands = [c('a', 50_000, '2026-11-01'), c('b', 50_000, '2026-11-09'), c('far', 70_000, '2026-10-01')]
    expect(proposeMatch(line(50_000, '2026-11-08'), cands)?.targets.map((t) => t.reference)).toEqual(['b'])
    expect(proposeMatch(line(70_000, '2026-11-08'), cands)).toBeNull()
  })
  test('one-to-many exact sum; money out matches only deposits (negative)', () => {
    const cands = [
      c('x', 30_000, '2026-11-02', 'payment'),
      c('y', 45_000, '2026-11-03', 'payment'),
      c('z', 25_000, '2026-11-03', 'payment'),
      c('ntpn:AAAABBBBCCCCDDDD', -75_000, '2026-11-03', 'deposit'),
    ]
    const sum = proposeMatch(line(75_000, '2026-11-04'), cands)
    expect(sum?.method).toBe('sum')
    expect(sum?.targets.reduce((s, t) => s + t.amount, 0)).toBe(75_000)
    expect(proposeMatch(line(-75_000, '2026-11-04', 'SETOR AAAABBBBCCCCDDDD'), cands)).toEqual({
      method: 'reference',
      targets: [cands[3]],
    })
  })
  test('statement values: dates and whole-rupiah amounts in Indonesian and English formats', () => {
    expect(parseStatementDate('31/12/2026')).toBe('2026-12-31')
    expect(parseStatementDate('2026-02-29')).toBeNull()
    expect(parseStatementAmount('Rp 1.500.000,00')).toBe(1_500_000)
    expect(parseStatementAmount('1,500,000.00')).toBe(1_500_000)
    expect(parseStatementAmount('-250000')).toBe(-250_000)
    expect(parseStatementAmount('1.500.000,50')).toBeNull()
    expect(parseStatementAmount('abc')).toBeNull()
  })
})
