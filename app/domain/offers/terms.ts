import { z } from 'zod'
import type { SupportKind } from '#app/domain/registry/kinds.ts'

/**
 * Kind-specific terms of an offer (docs/domain.md, section 2; ADR 004), one zod discriminated union.
 * Form field names are flat (amount, seats, …) so one HTML form per kind works without JavaScript.
 * Messages are i18n keys.
 */
const int = (min: number, max: number) =>
  z.coerce
    .number({ error: 'field.number' })
    .int({ error: 'field.integer' })
    .min(min, { error: 'field.tooSmall' })
    .max(max, { error: 'field.tooLarge' })
const text = (max: number) =>
  z.string({ error: 'field.required' }).trim().min(2, { error: 'field.required' }).max(max, { error: 'field.tooLong' })
const optionalText = (max: number) => z.string().trim().max(max, { error: 'field.tooLong' }).optional()

export const CapitalTerms = z.object({
  kind: z.literal('capital'),
  /** integer rupiah */
  amount: int(100_000, 100_000_000_000),
  form: z.enum(['grant', 'equipment', 'materials', 'soft_loan'], { error: 'field.required' }),
  schedule: text(500),
})
export const TrainingTerms = z.object({
  kind: z.literal('training'),
  seats: int(1, 5_000),
  hours: int(1, 2_000),
  certificationBody: optionalText(200),
})
export const ExpertTerms = z.object({
  kind: z.literal('expert'),
  skill: text(200),
  days: int(1, 365),
  mode: z.enum(['onsite', 'remote', 'hybrid'], { error: 'field.required' }),
})
export const AbsorptionTerms = z.object({
  kind: z.literal('absorption'),
  productCategory: text(200),
  unitsPerMonth: int(1, 1_000_000),
  /** integer rupiah per unit */
  unitPrice: int(0, 1_000_000_000),
  months: int(1, 60),
  qualityTerms: optionalText(1000),
})
export const PublicationTerms = z.object({
  kind: z.literal('publication'),
  channels: text(300),
  reach: int(0, 1_000_000_000),
  publications: int(1, 1_000),
})

export const OfferTermsSchema = z.discriminatedUnion('kind', [
  CapitalTerms,
  TrainingTerms,
  ExpertTerms,
  AbsorptionTerms,
  PublicationTerms,
])
export type OfferTerms = z.infer<typeof OfferTermsSchema>

/** The terms' field names per kind (without `kind`), for forms and for picking from a flat form. */
export const TERM_FIELDS: Record<SupportKind, string[]> = {
  capital: ['amount', 'form', 'schedule'],
  training: ['seats', 'hours', 'certificationBody'],
  expert: ['skill', 'days', 'mode'],
  absorption: ['productCategory', 'unitsPerMonth', 'unitPrice', 'months', 'qualityTerms'],
  publication: ['channels', 'reach', 'publications'],
}

/** Unit in which offer capacity and program needs of a kind are counted. */
export const KIND_UNIT: Record<SupportKind, string> = {
  capital: 'rupiah',
  training: 'seats',
  expert: 'days',
  absorption: 'units_per_month',
  publication: 'publications',
}

/** How much an offer can give, in its kind's unit: the matching engine draws capacity from this. */
export function capacityOf(terms: OfferTerms): number {
  switch (terms.kind) {
    case 'capital':
      return terms.amount
    case 'training':
      return terms.seats
    case 'expert':
      return terms.days
    case 'absorption':
      return terms.unitsPerMonth
    case 'publication':
      return terms.publications
  }
}

export function parseStoredTerms(json: string): OfferTerms {
  return OfferTermsSchema.parse(JSON.parse(json))
}
