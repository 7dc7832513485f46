import { describe, expect, test } from 'vitest'
import { core } from '#app/i18n/messages/core.ts'
import { finance } from '#app/i18n/messages/finance.ts'
import { market } from '#app/i18n/messages/market.ts'
import { payments } from '#app/i18n/messages/payments.ts'
import { statements } from '#app/i18n/messages/statements.ts'

describe('message bundles', () => {
  test('no two areas define the same key (a later bundle would silently override an earlier one)', () => {
    const bundles = { core, market, payments, finance, statements }
    const seen = new Map<string, string>()
    const clashes: string[] = []
    for (const [area, b] of Object.entries(bundles)) {
      for (const k of Object.keys(b.id)) {
        if (seen.has(k)) clashes.push(`${k}: ${seen.get(k)} and ${area}`)
        seen.set(k, area)
      }
    }
    expect(clashes).toEqual([])
  })
})
