import type { DB } from '#db/client.ts'
import { audit } from '#app/domain/audit/log.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { nowIso } from '#app/lib/time.ts'

interface Actor {
  /** the UPT the URL and the staff member's grant name: a review of another UPT is not found */
  uptId: string
  reviewId: string
  actorUserId: string
  ip?: string | null
}

async function reviewOfUpt(trx: DB, uptId: string, reviewId: string) {
  const row = await trx
    .selectFrom('product_reviews')
    .select(['id', 'hidden_at'])
    .where('id', '=', reviewId)
    .where('upt_id', '=', uptId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('review', 'reviewId')
  return row
}

/** The selling UPT answers a review in public (a new answer replaces the old one). Audited. */
export async function replyToReview(db: DB, input: Actor & { reply: string }) {
  await inTransaction(db, async (trx) => {
    const review = await reviewOfUpt(trx, input.uptId, input.reviewId)
    await trx
      .updateTable('product_reviews')
      .set({ reply: input.reply, replied_by: input.actorUserId, replied_at: nowIso() })
      .where('id', '=', review.id)
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'review.reply',
      targetType: 'product_review',
      targetId: review.id,
      ip: input.ip,
    })
  })
}

/**
 * Hides an abusive review (or one naming or showing an inmate) with a reason: it leaves the
 * product page and the average; the buyer can no longer change it. Audited with the reason.
 */
export async function hideReview(db: DB, input: Actor & { reason: string }) {
  await inTransaction(db, async (trx) => {
    const review = await reviewOfUpt(trx, input.uptId, input.reviewId)
    await trx
      .updateTable('product_reviews')
      .set({ hidden_at: nowIso(), hidden_by: input.actorUserId, hidden_reason: input.reason })
      .where('id', '=', review.id)
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'review.hide',
      targetType: 'product_review',
      targetId: review.id,
      ip: input.ip,
      details: { reason: input.reason },
    })
  })
}

/** Shows a hidden review again (a mistake undone). Audited. */
export async function unhideReview(db: DB, input: Actor) {
  await inTransaction(db, async (trx) => {
    const review = await reviewOfUpt(trx, input.uptId, input.reviewId)
    await trx
      .updateTable('product_reviews')
      .set({ hidden_at: null, hidden_by: null, hidden_reason: null })
      .where('id', '=', review.id)
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'review.unhide',
      targetType: 'product_review',
      targetId: review.id,
      ip: input.ip,
    })
  })
}
