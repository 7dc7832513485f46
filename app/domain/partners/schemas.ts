import { z } from 'zod'
import { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { checkboxSchema, idListSchema, phoneSchema } from '#app/domain/identity/schemas.ts'

// Apart from the other partner modules, so the public partner pages (whose loaders use queries.ts) ship no zod.
/** NIB (Nomor Induk Berusaha): 13 digits. */
export const nibSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{13}$/, { error: 'partner.nibFormat' }))
/** NPWP: 15 digits (old, often written 01.234.567.8-901.000) or 16 digits (NIK-based); punctuation allowed. */
export const npwpSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.\-/]/g, ''))
  .pipe(z.string().regex(/^(\d{15}|\d{16})$/, { error: 'partner.npwpFormat' }))

const ids = idListSchema
export const PartnerProfileSchema = z
  .object({
    name: z
      .string({ error: 'field.required' })
      .trim()
      .min(2, { error: 'field.required' })
      .max(160, { error: 'field.tooLong' }),
    orgType: z.enum(ORG_TYPES, { error: 'field.required' }),
    contactPhone: phoneSchema.optional(),
    description: z.string().trim().max(4000, { error: 'field.tooLong' }).optional(),
    website: z.url({ error: 'field.url' }).max(300, { error: 'field.tooLong' }).optional(),
    nib: nibSchema.optional(),
    npwp: npwpSchema.optional(),
    national: checkboxSchema,
    provinceIds: ids,
    sectorIds: ids,
  })
  .superRefine((v, ctx) => {
    if (!v.national && v.provinceIds.length === 0)
      ctx.addIssue({ code: 'custom', message: 'offer.provincesRequired', path: ['provinceIds'] })
    if (v.sectorIds.length === 0)
      ctx.addIssue({ code: 'custom', message: 'offer.sectorsRequired', path: ['sectorIds'] })
  })
export type PartnerProfile = z.infer<typeof PartnerProfileSchema>
