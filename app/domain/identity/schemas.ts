import { z } from 'zod'
import { ORG_TYPES } from './org-types.ts'
import { passwordSchema } from './password-policy.ts'

export const emailSchema = z
  .string({ error: 'field.required' })
  .trim()
  .max(254, { error: 'field.tooLong' })
  .email({ error: 'field.email' })

export const nameSchema = z.string({ error: 'field.required' }).trim().min(2, { error: 'field.required' }).max(120, { error: 'field.tooLong' })

/** Indonesian numbers: 08…, +628…, or 628…, 9–15 digits in all; spaces and dashes allowed. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(\+?62|0)\d{8,13}$/, { error: 'field.phone' }))

export const SignupSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('partner'),
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    orgName: nameSchema,
    orgType: z.enum(ORG_TYPES, { error: 'field.required' }),
    phone: phoneSchema.optional(),
  }),
  z.object({
    kind: z.literal('buyer'),
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
  }),
])
