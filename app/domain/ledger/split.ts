/** The five shares of a split rule, in basis points (hundredths of a percent) summing to 10,000. */
export const SHARE_KEYS = ['pnbp', 'premi', 'production', 'partner', 'operations'] as const
export type ShareKey = (typeof SHARE_KEYS)[number]
export type Shares = Record<ShareKey, number>

export const TOTAL_BP = 10_000

export function sharesValid(shares: Shares): boolean {
  return (
    SHARE_KEYS.every((k) => Number.isInteger(shares[k]) && shares[k] >= 0 && shares[k] <= TOTAL_BP) &&
    SHARE_KEYS.reduce((sum, k) => sum + shares[k], 0) === TOTAL_BP
  )
}

/**
 * Largest-remainder apportionment: each part gets the floor of its exact share, and the rupiah
 * left over go one each to the parts with the largest remainders (ties: earlier key first).
 * The parts are whole rupiah, never negative, and always sum exactly to `amount`.
 */
export function apportion<K extends string>(
  amount: number,
  weights: Record<K, number>,
  order: readonly K[],
): Record<K, number> {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad amount ${amount}`)
  // BigInt: amount x weight can exceed 2^53 when the weights are themselves rupiah amounts.
  const total = order.reduce((s, k) => s + BigInt(weights[k]), 0n)
  const result = {} as Record<K, number>
  if (total <= 0n) {
    if (amount !== 0) throw new RangeError('cannot apportion over zero weights')
    for (const k of order) result[k] = 0
    return result
  }
  const big = BigInt(amount)
  let given = 0n
  const remainders: { key: K; rem: bigint; index: number }[] = []
  order.forEach((k, index) => {
    const exact = big * BigInt(weights[k])
    const part = exact / total
    result[k] = Number(part)
    given += part
    remainders.push({ key: k, rem: exact - part * total, index })
  })
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1))
  const left = Number(big - given)
  for (let i = 0; i < left; i++) result[remainders[i]!.key] += 1
  return result
}

export function splitAmount(base: number, shares: Shares): Shares {
  return apportion(base, shares, SHARE_KEYS)
}

/** The base a rule applies to: gross sales, or sales minus recorded production cost (never below 0). */
export function baseOf(rule: { base: 'sales' | 'profit' }, gross: number, cost = 0): number {
  if (rule.base === 'sales') return gross
  return Math.max(0, gross - Math.min(cost, gross))
}

/** "50,00" style percent text from basis points is in format.ts; this parses "12.5" or "12,5" to bp. */
export function percentToBp(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0')
  return bp <= TOTAL_BP ? bp : null
}
