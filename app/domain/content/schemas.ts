import { z } from 'zod'

/** The trust page editor: both languages at once; `baseVersion` is the version the admin started from. */
export const SitePageSchema = z.object({
  intent: z.enum(['preview', 'save'], { error: 'field.required' }),
  baseVersion: z.coerce
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .min(1, { error: 'field.invalid' }),
  titleId: z
    .string({ error: 'field.required' })
    .trim()
    .min(2, { error: 'field.required' })
    .max(120, { error: 'field.tooLong' }),
  titleEn: z
    .string({ error: 'field.required' })
    .trim()
    .min(2, { error: 'field.required' })
    .max(120, { error: 'field.tooLong' }),
  bodyId: z
    .string({ error: 'field.required' })
    .trim()
    .min(20, { error: 'sitePages.bodyShort' })
    .max(40_000, { error: 'field.tooLong' }),
  bodyEn: z
    .string({ error: 'field.required' })
    .trim()
    .min(20, { error: 'sitePages.bodyShort' })
    .max(40_000, { error: 'field.tooLong' }),
})
export type SitePageInput = z.infer<typeof SitePageSchema>
