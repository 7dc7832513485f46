import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { emailSchema, nameSchema } from '#app/domain/identity/schemas.ts'

// Server-only (the .server suffix keeps zod out of the checkout page's JavaScript).
/** Same rule as phoneSchema, written as a refine so the browser gets no pattern that refuses spaces. */
const phone = z
  .string({ error: 'field.required' })
  .trim()
  .max(24, { error: 'field.phone' })
  .refine((v) => /^(\+?62|0)\d{8,13}$/.test(v.replace(/[\s-]/g, '')), { error: 'field.phone' })
  .transform((v) => v.replace(/[\s-]/g, ''))
const opt = (max: number) => z.string().trim().max(max, { error: 'field.tooLong' }).optional()
const CheckoutSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    phone,
    delivery: z.enum(['ship', 'pickup'], { error: 'field.required' }),
    address: opt(300),
    city: opt(100),
    provinceId: opt(8),
    postalCode: opt(10),
  })
  .superRefine((v, ctx) => {
    if (v.delivery !== 'ship') return
    for (const f of ['address', 'city', 'provinceId'] as const) if (!v[f]) ctx.addIssue({ code: 'custom', path: [f], message: 'field.required' })
    if (!v.postalCode || !/^\d{5}$/.test(v.postalCode)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'checkout.postalInvalid' })
  })


export function parseCheckoutForm(formData: FormData) {
  return parseWithZod(formData, { schema: CheckoutSchema })
}
