import type { DB } from '#db/client.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { canEditReview, reviewerName } from './rules.ts'
import type { ReviewInput } from './schemas.ts'

export interface SaveReviewInput {
  /** the order the URL resolved (the buyer's own, or the one behind the secret link) */
  orderId: string
  lineId: string
  userId: string | null
  rating: ReviewInput['rating']
  body: ReviewInput['body']
  showName: boolean
  now?: Date
}

/**
 * Writes or changes the review of one order line. Only a line of this order, whose sub-order was
 * completed, can be reviewed (any other line is not found); one review per line (a second save
 * changes the first while it may still be changed); a hidden review stays as the UPT left it.
 */
export async function saveReview(db: DB, input: SaveReviewInput): Promise<{ id: string; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const line = await trx
      .selectFrom('order_lines as l')
      .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
      .innerJoin('orders as o', 'o.id', 's.order_id')
      .select(['l.id', 'l.product_id', 's.status', 's.upt_id', 'o.buyer_name', 'o.kind'])
      .where('l.id', '=', input.lineId)
      .where('s.order_id', '=', input.orderId)
      .executeTakeFirst()
    if (!line) throw new NotFoundError('order line', 'lineId')
    if (line.kind !== 'retail' || line.status !== 'completed') throw new DomainError('review.notCompleted')
    const at = nowIso(input.now)
    const name = reviewerName(line.buyer_name, input.showName) ?? ''
    const existing = await trx
      .selectFrom('product_reviews')
      .select(['id', 'created_at', 'hidden_at'])
      .where('order_line_id', '=', line.id)
      .executeTakeFirst()
    if (existing) {
      if (existing.hidden_at) throw new DomainError('review.hiddenLocked')
      if (!canEditReview(existing.created_at, input.now)) throw new DomainError('review.editClosed')
      await trx
        .updateTable('product_reviews')
        .set({ rating: input.rating, body: input.body, reviewer_name: name, updated_at: at })
        .where('id', '=', existing.id)
        .where('hidden_at', 'is', null)
        .execute()
      return { id: existing.id, created: false }
    }
    const id = newId()
    await trx
      .insertInto('product_reviews')
      .values({
        id,
        order_line_id: line.id,
        product_id: line.product_id,
        upt_id: line.upt_id,
        user_id: input.userId,
        rating: input.rating,
        body: input.body,
        reviewer_name: name,
        reply: null,
        replied_by: null,
        replied_at: null,
        hidden_reason: null,
        hidden_by: null,
        hidden_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute()
    return { id, created: true }
  })
}
