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
    for (const f of ['address', 'city', 'provinceId'] as const)
      if (!v[f]) ctx.addIssue({ code: 'custom', path: [f], message: 'field.required' })
    if (!v.postalCode || !/^\d{5}$/.test(v.postalCode))
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'checkout.postalInvalid' })
  })

export function parseCheckoutForm(formData: FormData) {
  return parseWithZod(formData, { schema: CheckoutSchema })
}

/**
 * The delivery and province a checkout form holds, read leniently for the price summary (the
 * "Hitung ongkir" submit and every order attempt): anything but `pickup` is a delivery, and a
 * province is kept only when it looks like one (the domain refuses an unknown id).
 */
export function readDeliveryChoice(formData: FormData): { delivery: 'ship' | 'pickup'; provinceId: string | null } {
  const delivery = formData.get('delivery') === 'pickup' ? 'pickup' : 'ship'
  const raw = formData.get('provinceId')
  const provinceId = typeof raw === 'string' && raw.trim() !== '' ? raw.trim().slice(0, 8) : null
  return { delivery, provinceId }
}

/** What was typed into the checkout form, to put back when the page is shown again (no file, no honeypot). */
export function typedValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of formData) if (typeof v === 'string' && k !== 'website' && k !== 'intent') out[k] = v
  return out
}
