import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { qtySchema } from '#app/domain/catalog/schemas.ts'

// Server-only (the .server suffix keeps zod out of the public pages' JavaScript).
const productId = z.string().min(1).max(64)
const CartSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('update'), productId, qty: qtySchema }),
  z.object({ intent: z.literal('remove'), productId }),
])

export function parseCartForm(formData: FormData) {
  return parseWithZod(formData, { schema: CartSchema })
}

const AddSchema = z.object({ qty: qtySchema })

export function parseAddToCart(formData: FormData) {
  return parseWithZod(formData, { schema: AddSchema })
}
