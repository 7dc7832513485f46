import { describe, expect, test } from 'vitest'
import { OfferTermsSchema, capacityOf } from '#app/domain/offers/terms.ts'
import { nibSchema, npwpSchema } from '#app/domain/partners/schemas.ts'
import { kindsAllowedFor, type AllowedKinds } from '#app/domain/registry/settings.ts'

describe('offer terms union', () => {
  test('picks the kind and derives capacity in the kind’s unit', () => {
    expect(
      capacityOf(OfferTermsSchema.parse({ kind: 'capital', amount: '2500000', form: 'grant', schedule: 'Sekali' })),
    ).toBe(2_500_000)
    expect(
      capacityOf(
        OfferTermsSchema.parse({
          kind: 'absorption',
          productCategory: 'Tenun',
          unitsPerMonth: 80,
          unitPrice: 0,
          months: 6,
        }),
      ),
    ).toBe(80)
    expect(
      capacityOf(OfferTermsSchema.parse({ kind: 'publication', channels: 'Pameran', reach: 0, publications: 3 })),
    ).toBe(3)
  })
  test('refuses terms of one kind sent under another, and unknown kinds', () => {
    expect(OfferTermsSchema.safeParse({ kind: 'expert', seats: 10, hours: 5 }).success).toBe(false)
    expect(OfferTermsSchema.safeParse({ kind: 'loan', amount: 1 }).success).toBe(false)
    expect(
      OfferTermsSchema.safeParse({ kind: 'capital', amount: 1.5e6 + 0.5, form: 'grant', schedule: 'x y' }).success,
    ).toBe(false)
  })
})

describe('legal ids', () => {
  test.each([
    ['1234567890123', true],
    ['123456789012', false],
    ['12345678901234', false],
    ['12345678901a3', false],
  ])('NIB %s -> %s', (v, ok) => expect(nibSchema.safeParse(v).success).toBe(ok))
  test.each([
    ['01.234.567.8-901.000', true],
    ['3201234567890001', true],
    ['01.234.567.8-901', false],
    ['32012345678900012', false],
  ])('NPWP %s -> %s', (v, ok) => expect(npwpSchema.safeParse(v).success).toBe(ok))
})

describe('allowed support kinds', () => {
  const defaults: AllowedKinds = {
    security_level: {
      super_maximum: ['expert'],
      maximum: ['expert', 'training'],
      medium: ['training', 'expert', 'capital', 'absorption'],
      minimum: ['capital', 'training', 'expert', 'absorption', 'publication'],
    },
    upt_type: {
      lapas: ['capital', 'training', 'expert', 'absorption', 'publication'],
      lpka: ['training', 'expert', 'publication'],
      rutan: [],
      bapas: [],
    },
  }
  test('both the level and the type must allow a kind; no level counts as medium', () => {
    expect(kindsAllowedFor(defaults, 'minimum', 'lapas')).toEqual([
      'capital',
      'training',
      'expert',
      'absorption',
      'publication',
    ])
    expect(kindsAllowedFor(defaults, 'minimum', 'lpka')).toEqual(['training', 'expert', 'publication'])
    expect(kindsAllowedFor(defaults, null, 'lapas')).toEqual(['capital', 'training', 'expert', 'absorption'])
    expect(kindsAllowedFor(defaults, 'super_maximum', 'lapas')).toEqual(['expert'])
  })
})
