import { z } from 'zod'

export const REVIEW_MIN = 10
export const REVIEW_MAX = 1000
export const REPLY_MAX = 1000
export const REASON_MAX = 300

/** A buyer's review of one order line: 1–5 stars and a short text. */
export const ReviewSchema = z.object({
  rating: z.coerce
    .number({ error: 'review.ratingRequired' })
    .int({ error: 'review.ratingRequired' })
    .min(1, { error: 'review.ratingRequired' })
    .max(5, { error: 'review.ratingRequired' }),
  body: z
    .string({ error: 'review.bodyShort' })
    .trim()
    .min(REVIEW_MIN, { error: 'review.bodyShort' })
    .max(REVIEW_MAX, { error: 'review.bodyLong' }),
  /** show "first name + initial" instead of "Pembeli" */
  showName: z.literal('on').optional(),
})
export type ReviewInput = z.infer<typeof ReviewSchema>

/** The selling UPT's moderation intents on its reviews page. */
export const ModerationSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('reply'),
    reviewId: z.string().min(1).max(64),
    reply: z
      .string({ error: 'review.replyRequired' })
      .trim()
      .min(2, { error: 'review.replyRequired' })
      .max(REPLY_MAX, { error: 'review.replyLong' }),
  }),
  z.object({
    intent: z.literal('hide'),
    reviewId: z.string().min(1).max(64),
    reason: z
      .string({ error: 'review.reasonRequired' })
      .trim()
      .min(5, { error: 'review.reasonRequired' })
      .max(REASON_MAX, { error: 'review.reasonLong' }),
  }),
  z.object({ intent: z.literal('unhide'), reviewId: z.string().min(1).max(64) }),
])
export type ModerationInput = z.infer<typeof ModerationSchema>
