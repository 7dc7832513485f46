import { z } from 'zod'

export const OUTCOME_METRICS = [
  'trained',
  'certified',
  'expert_days',
  'capital',
  'units_absorbed',
  'publication',
] as const
export type OutcomeMetricName = (typeof OUTCOME_METRICS)[number]

/** The fields each measure has besides program, count, date and note (the rest do not apply). */
export const METRIC_FIELDS = {
  trained: [],
  certified: ['certifyingBody'],
  expert_days: [],
  capital: ['valueRupiah', 'capitalForm'],
  units_absorbed: [],
  publication: ['link', 'channel', 'reach'],
} as const satisfies Record<OutcomeMetricName, readonly string[]>
export const SPECIFIC_FIELDS = ['certifyingBody', 'valueRupiah', 'capitalForm', 'link', 'channel', 'reach'] as const
export type SpecificField = (typeof SPECIFIC_FIELDS)[number]

/** The measures a kind-specific field belongs to (the hint shown beside it without JavaScript). */
export function metricsOf(field: SpecificField): OutcomeMetricName[] {
  return OUTCOME_METRICS.filter((m) => (METRIC_FIELDS[m] as readonly string[]).includes(field))
}

/**
 * The form without the fields the chosen measure does not have: without JavaScript all of them
 * are shown and may be filled in, and what does not apply is ignored rather than validated (a
 * stray link under "trained" neither blocks the form nor gets stored). Parse this, not the raw form.
 */
export function outcomeFieldsOnly(formData: FormData): FormData {
  const metric = String(formData.get('metric') ?? '')
  const keep: readonly string[] = (METRIC_FIELDS as Record<string, readonly string[]>)[metric] ?? []
  const out = new FormData()
  for (const [key, value] of formData.entries()) {
    if ((SPECIFIC_FIELDS as readonly string[]).includes(key) && !keep.includes(key)) continue
    out.append(key, value)
  }
  return out
}

const optionalText = (max: number) => z.string().trim().max(max, { error: 'field.tooLong' }).optional()

/** One outcome record: counts only, never a person. Kind-specific fields are required per metric. */
export const OutcomeSchema = z
  .object({
    intent: z.literal('outcome'),
    programId: z.string().max(64).optional(),
    metric: z.enum(OUTCOME_METRICS, { error: 'field.required' }),
    count: z.coerce
      .number({ error: 'field.number' })
      .int({ error: 'field.integer' })
      .min(0, { error: 'field.tooSmall' })
      .max(1_000_000, { error: 'field.tooLarge' }),
    occurredOn: z.string({ error: 'field.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.date' }),
    certifyingBody: optionalText(200),
    valueRupiah: z.coerce
      .number({ error: 'field.number' })
      .int({ error: 'field.integer' })
      .min(0, { error: 'field.tooSmall' })
      .max(1_000_000_000_000, { error: 'field.tooLarge' })
      .optional(),
    capitalForm: z.enum(['money', 'goods'], { error: 'field.required' }).optional(),
    link: z
      .url({ protocol: /^https?$/, error: 'field.url' })
      .max(500, { error: 'field.tooLong' })
      .optional(),
    channel: optionalText(120),
    reach: z.coerce
      .number({ error: 'field.number' })
      .int({ error: 'field.integer' })
      .min(0, { error: 'field.tooSmall' })
      .max(1_000_000_000, { error: 'field.tooLarge' })
      .optional(),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.metric === 'certified' && !v.certifyingBody)
      ctx.addIssue({ code: 'custom', path: ['certifyingBody'], message: 'outcome.certifyingBodyRequired' })
    if (v.metric === 'capital') {
      if (v.valueRupiah === undefined)
        ctx.addIssue({ code: 'custom', path: ['valueRupiah'], message: 'field.required' })
      if (!v.capitalForm) ctx.addIssue({ code: 'custom', path: ['capitalForm'], message: 'field.required' })
    }
    if (v.metric === 'publication') {
      if (!v.link) ctx.addIssue({ code: 'custom', path: ['link'], message: 'field.required' })
      if (!v.channel) ctx.addIssue({ code: 'custom', path: ['channel'], message: 'field.required' })
    }
  })
export type OutcomeForm = z.infer<typeof OutcomeSchema>

export const TargetSchema = z.object({
  intent: z.literal('target'),
  year: z.coerce
    .number({ error: 'field.number' })
    .int({ error: 'field.integer' })
    .min(2020, { error: 'field.tooSmall' })
    .max(2100, { error: 'field.tooLarge' }),
  scopeType: z.enum(['national', 'kanwil', 'upt'], { error: 'field.required' }),
  scopeId: z.string().max(64).optional(),
  trained: z.coerce
    .number({ error: 'field.number' })
    .int({ error: 'field.integer' })
    .min(1, { error: 'field.tooSmall' })
    .max(10_000_000, { error: 'field.tooLarge' }),
  certified: z.coerce
    .number({ error: 'field.number' })
    .int({ error: 'field.integer' })
    .min(1, { error: 'field.tooSmall' })
    .max(10_000_000, { error: 'field.tooLarge' }),
})
export type TargetForm = z.infer<typeof TargetSchema>

/** Where a publication appeared (issue 15, item 2). An exhibition or bazaar may carry the sales made there. */
export const PUBLICATION_MEDIA = ['online', 'print', 'tv', 'radio', 'social_media', 'exhibition'] as const
/** Media whose record needs a link: what is published on the web can be checked by anyone. */
const LINKED_MEDIA: readonly string[] = ['online', 'social_media']

/**
 * One publication record of a publication agreement: the outlet (a newspaper, a station, an
 * account, a fair), the medium, the URL, the date (never in the future: checked in the domain
 * against today in Jakarta), estimated reach, and sales for an exhibition or bazaar.
 */
export const PublicationSchema = z
  .object({
    intent: z.literal('publication'),
    outlet: z
      .string({ error: 'field.required' })
      .trim()
      .min(1, { error: 'field.required' })
      .max(200, { error: 'field.tooLong' }),
    medium: z.enum(PUBLICATION_MEDIA, { error: 'field.required' }),
    url: z
      .url({ protocol: /^https?$/, error: 'field.url' })
      .max(500, { error: 'field.tooLong' })
      .optional(),
    publishedOn: z.string({ error: 'field.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.date' }),
    reach: z.coerce
      .number({ error: 'field.number' })
      .int({ error: 'field.integer' })
      .min(0, { error: 'field.tooSmall' })
      .max(1_000_000_000, { error: 'field.tooLarge' })
      .optional(),
    salesRupiah: z.coerce
      .number({ error: 'field.number' })
      .int({ error: 'field.integer' })
      .min(0, { error: 'field.tooSmall' })
      .max(1_000_000_000, { error: 'field.tooLarge' })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (LINKED_MEDIA.includes(v.medium) && !v.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'publication.urlRequired' })
    if (v.medium !== 'exhibition' && v.salesRupiah !== undefined && v.salesRupiah > 0)
      ctx.addIssue({ code: 'custom', path: ['salesRupiah'], message: 'publication.salesOnlyExhibition' })
  })
export type PublicationForm = z.infer<typeof PublicationSchema>
