import { z } from 'zod'
import { AbsorptionTerms, CapitalTerms, ExpertTerms, PublicationTerms, TrainingTerms } from './terms.ts'

export const SECURITY_LEVELS = ['super_maximum', 'maximum', 'medium', 'minimum'] as const
const dateSchema = z.string({ error: 'field.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.date' })
const ids = z.array(z.string().max(64)).max(100).default([])

/** Fields every offer has, whatever its kind. */
export const OfferCommon = z.object({
  title: z
    .string({ error: 'field.required' })
    .trim()
    .min(3, { error: 'field.required' })
    .max(160, { error: 'field.tooLong' }),
  description: z.string().trim().max(4000, { error: 'field.tooLong' }).optional(),
  sectorIds: ids,
  provinceIds: ids,
  national: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()),
  securityLevels: z.array(z.enum(SECURITY_LEVELS)).default([]),
  validFrom: dateSchema,
  validUntil: dateSchema,
})

const check = <T extends z.ZodObject>(o: T) => o
/** One form schema per offer: the common fields plus the kind's terms, discriminated by `kind`. */
export const OfferFormSchema = z
  .discriminatedUnion('kind', [
    check(OfferCommon.extend(CapitalTerms.shape)),
    check(OfferCommon.extend(TrainingTerms.shape)),
    check(OfferCommon.extend(ExpertTerms.shape)),
    check(OfferCommon.extend(AbsorptionTerms.shape)),
    check(OfferCommon.extend(PublicationTerms.shape)),
  ])
  .superRefine((v, ctx) => {
    if (v.validUntil < v.validFrom)
      ctx.addIssue({ code: 'custom', message: 'offer.untilBeforeFrom', path: ['validUntil'] })
    if (!v.national && v.provinceIds.length === 0)
      ctx.addIssue({ code: 'custom', message: 'offer.provincesRequired', path: ['provinceIds'] })
    if (v.sectorIds.length === 0)
      ctx.addIssue({ code: 'custom', message: 'offer.sectorsRequired', path: ['sectorIds'] })
    // A missing array takes its default without running .min(), so the rule lives here.
    if (v.securityLevels.length === 0)
      ctx.addIssue({ code: 'custom', message: 'offer.levelsRequired', path: ['securityLevels'] })
  })
export type OfferForm = z.infer<typeof OfferFormSchema>
