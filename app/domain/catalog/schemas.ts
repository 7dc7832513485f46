import { z } from 'zod'

/** The product form: one schema for the client constraints and the server parse. */
export const ProductSchema = z
  .object({
    name: z
      .string({ error: 'field.required' })
      .trim()
      .min(3, { error: 'field.required' })
      .max(120, { error: 'field.tooLong' }),
    description: z
      .string({ error: 'field.required' })
      .trim()
      .min(10, { error: 'catalog.descriptionShort' })
      .max(4000, { error: 'field.tooLong' }),
    story: z.string().trim().max(4000, { error: 'field.tooLong' }).optional(),
    sectorId: z.string({ error: 'field.required' }).min(1).max(64),
    programId: z.string().max(64).optional(),
    price: z.coerce
      .number({ error: 'catalog.priceInvalid' })
      .int({ error: 'catalog.priceInvalid' })
      .min(0, { error: 'catalog.priceInvalid' })
      .max(1_000_000_000, { error: 'catalog.priceInvalid' }),
    stockMode: z.enum(['stock', 'made_to_order'], { error: 'field.required' }),
    stock: z.coerce
      .number({ error: 'catalog.stockInvalid' })
      .int({ error: 'catalog.stockInvalid' })
      .min(0, { error: 'catalog.stockInvalid' })
      .max(1_000_000, { error: 'catalog.stockInvalid' })
      .default(0),
    leadTimeDays: z.coerce
      .number({ error: 'catalog.leadInvalid' })
      .int({ error: 'catalog.leadInvalid' })
      .min(1, { error: 'catalog.leadInvalid' })
      .max(365, { error: 'catalog.leadInvalid' })
      .optional(),
    unit: z.string({ error: 'field.required' }).trim().min(1).max(30, { error: 'field.tooLong' }),
    weightGrams: z.coerce
      .number({ error: 'field.invalid' })
      .int({ error: 'field.invalid' })
      .min(0, { error: 'field.invalid' })
      .max(1_000_000, { error: 'field.invalid' })
      .default(0),
    status: z.enum(['draft', 'published', 'archived'], { error: 'field.required' }),
  })
  .refine((v) => v.stockMode !== 'made_to_order' || v.leadTimeDays !== undefined, {
    error: 'catalog.leadRequired',
    path: ['leadTimeDays'],
  })

export type ProductInput = z.infer<typeof ProductSchema>

/**
 * A quantity typed by a buyer. Anything but a whole number from 1 to 999 is refused with a
 * message (negative, zero, fractions, exponents, huge numbers, text).
 */
export const MAX_QTY = 999
export const qtySchema = z
  .string({ error: 'cart.qtyInvalid' })
  .trim()
  .regex(/^\d{1,3}$/, { error: 'cart.qtyInvalid' })
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_QTY, { error: 'cart.qtyInvalid' })
