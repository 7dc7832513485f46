import { z } from 'zod'

const date = z.string({ error: 'field.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.date' })
const id = z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(64)

export const ProposeSchema = z.object({
  intent: z.literal('propose'),
  offerId: id,
  needId: id,
  quantity: z.coerce
    .number({ error: 'field.number' })
    .int({ error: 'field.integer' })
    .min(1, { error: 'field.tooSmall' })
    .max(100_000_000_000, { error: 'field.tooLarge' }),
  message: z.string().trim().max(1000, { error: 'field.tooLong' }).optional(),
})
export type ProposeForm = z.infer<typeof ProposeSchema>

export const AcceptSchema = z
  .object({
    intent: z.literal('accept'),
    terms: z
      .string({ error: 'field.required' })
      .trim()
      .min(10, { error: 'agreement.termsShort' })
      .max(4000, { error: 'field.tooLong' }),
    startDate: date,
    endDate: date,
    pksNumber: z.string().trim().max(100, { error: 'field.tooLong' }).optional(),
    pksDocumentUrl: z
      .url({ protocol: /^https?$/, error: 'field.url' })
      .max(500, { error: 'field.tooLong' })
      .optional(),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], error: 'agreement.endBeforeStart' })
export type AcceptForm = z.infer<typeof AcceptSchema>

export const DeclineSchema = z.object({
  intent: z.literal('decline'),
  reason: z
    .string({ error: 'field.required' })
    .trim()
    .min(5, { error: 'proposal.reasonShort' })
    .max(1000, { error: 'field.tooLong' }),
})

export const WithdrawSchema = z.object({ intent: z.literal('withdraw') })

export const CancelSchema = z.object({
  intent: z.literal('cancel'),
  reason: z
    .string({ error: 'field.required' })
    .trim()
    .min(5, { error: 'proposal.reasonShort' })
    .max(1000, { error: 'field.tooLong' }),
})
export const CompleteSchema = z.object({ intent: z.literal('complete') })
