import { z } from 'zod'
import { ORG_TYPES } from './org-types.ts'
import { passwordSchema } from './password-policy.ts'

export { ORG_TYPES }

export const emailSchema = z
  .string({ error: 'field.required' })
  .trim()
  .max(254, { error: 'field.tooLong' })
  .email({ error: 'field.email' })

export const nameSchema = z
  .string({ error: 'field.required' })
  .trim()
  .min(2, { error: 'field.required' })
  .max(120, { error: 'field.tooLong' })

/** Indonesian numbers: 08…, +628…, or 628…, 9–15 digits in all; spaces and dashes allowed. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(\+?62|0)\d{8,13}$/, { error: 'field.phone' }))

/** Ids ticked in a group of checkboxes sharing one name (repeated keys parse to an array). */
export const idListSchema = z.array(z.string().max(64)).max(100).default([])
/** A ticked checkbox sends "on"; an unticked one sends nothing. */
export const checkboxSchema = z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean())

/** The consent checkbox of the sign-up form: refused unless ticked (ADR 033). */
export const acceptTermsSchema = z.preprocess((v) => v === 'on', z.literal(true, { error: 'consent.required' }))

export const SignupSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('partner'),
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    orgName: nameSchema,
    orgType: z.enum(ORG_TYPES, { error: 'field.required' }),
    phone: phoneSchema.optional(),
    // Optional: a partner may say where and in what it works now, or later on its profile page.
    national: checkboxSchema,
    provinceIds: idListSchema,
    sectorIds: idListSchema,
    acceptTerms: acceptTermsSchema,
  }),
  z.object({
    kind: z.literal('buyer'),
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    acceptTerms: acceptTermsSchema,
  }),
])
