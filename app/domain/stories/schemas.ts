import { z } from 'zod'

/** At most this many photos per story; three upload slots per submission. */
export const MAX_STORY_PHOTOS = 6
export const PHOTO_SLOTS = [0, 1, 2] as const
export const MAX_STORY_PRODUCTS = 10

const optionalText = (max: number) => z.string().trim().max(max, { error: 'field.tooLong' }).optional()
const id = z.string().max(64).optional()

/**
 * A story as its author writes it (UPT staff or a verified partner). Photos travel as files in
 * the same multipart form (photo0…photo2 with their captions photoAlt0…photoAlt2) and are checked
 * by the writer. The confirmation that no inmate can be identified is required every time.
 */
export const StorySchema = z.object({
  intent: z.literal('story'),
  storyId: id,
  title: z
    .string({ error: 'field.required' })
    .trim()
    .min(8, { error: 'story.titleShort' })
    .max(140, { error: 'field.tooLong' }),
  summary: z
    .string({ error: 'field.required' })
    .trim()
    .min(20, { error: 'story.summaryShort' })
    .max(300, { error: 'field.tooLong' }),
  body: z
    .string({ error: 'field.required' })
    .trim()
    .min(80, { error: 'story.bodyShort' })
    .max(20_000, { error: 'field.tooLong' }),
  titleEn: optionalText(140),
  summaryEn: optionalText(300),
  programId: id,
  agreementId: id,
  productIds: z.array(z.string().max(64)).max(MAX_STORY_PRODUCTS, { error: 'story.tooManyProducts' }).optional(),
  photoAlt0: optionalText(200),
  photoAlt1: optionalText(200),
  photoAlt2: optionalText(200),
  confirmNoIdentification: z.literal('on', { error: 'story.confirmRequired' }),
})
export type StoryForm = z.infer<typeof StorySchema>

export const ReturnSchema = z.object({
  intent: z.literal('return'),
  storyId: z.string({ error: 'field.required' }).max(64),
  reason: z
    .string({ error: 'field.required' })
    .trim()
    .min(10, { error: 'story.reasonShort' })
    .max(1000, { error: 'field.tooLong' }),
})
export const ReviewSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), storyId: z.string({ error: 'field.required' }).max(64) }),
  ReturnSchema,
])
export type ReviewForm = z.infer<typeof ReviewSchema>
