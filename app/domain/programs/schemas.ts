import { z } from 'zod'
import { SUPPORT_KINDS, type SupportKind } from '#app/domain/registry/kinds.ts'
import { isCalendarDate, todayIn } from '#app/lib/time.ts'

// Apart from manage.ts and queries.ts, so the public program pages (whose loaders use queries.ts) ship no zod.
export const PROGRAM_STATUSES = ['draft', 'active', 'paused', 'ended'] as const

export const ProgramSchema = z.object({
  title: z
    .string({ error: 'field.required' })
    .trim()
    .min(3, { error: 'field.required' })
    .max(160, { error: 'field.tooLong' }),
  sectorId: z.string({ error: 'field.required' }).max(64),
  description: z
    .string({ error: 'field.required' })
    .trim()
    .min(10, { error: 'program.descriptionShort' })
    .max(4000, { error: 'field.tooLong' }),
  participants: z.coerce
    .number({ error: 'field.number' })
    .int({ error: 'field.integer' })
    .min(0, { error: 'field.tooSmall' })
    .max(10_000, { error: 'field.tooLarge' }),
  eligibilityRule: z.string().trim().max(500, { error: 'field.tooLong' }).optional(),
  schedule: z.string().trim().max(500, { error: 'field.tooLong' }).optional(),
  status: z.enum(PROGRAM_STATUSES, { error: 'field.required' }),
})
export type ProgramInput = z.infer<typeof ProgramSchema>

/** Maximum need per kind, in the kind's unit (capital in rupiah). */
const NEED_MAX: Record<SupportKind, number> = {
  capital: 100_000_000_000,
  training: 5_000,
  expert: 365,
  absorption: 1_000_000,
  publication: 1_000,
}

export const NeedSchema = z
  .object({
    kind: z.enum(SUPPORT_KINDS, { error: 'field.required' }),
    quantity: z.coerce
      .number({ error: 'field.number' })
      .int({ error: 'field.integer' })
      .min(1, { error: 'field.tooSmall' }),
    neededBy: z.string().refine(isCalendarDate, { error: 'field.date' }).optional(),
    note: z.string().trim().max(300, { error: 'field.tooLong' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.quantity > NEED_MAX[v.kind]) ctx.addIssue({ code: 'custom', message: 'field.tooLarge', path: ['quantity'] })
    // Before today in western Indonesia is past in every UPT's zone; `addNeed` checks the UPT's own date.
    if (v.neededBy !== undefined && v.neededBy < todayIn('Asia/Jakarta'))
      ctx.addIssue({ code: 'custom', message: 'program.neededByPast', path: ['neededBy'] })
  })
export type NeedInput = z.infer<typeof NeedSchema>
