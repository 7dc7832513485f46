import type { DB } from '#db/client.ts'
import { canEditReview, ratingSummary, REVIEWS_PER_PAGE } from './rules.ts'

/** Average and count of a product's visible reviews; null when it has none. */
export async function productRating(db: DB, productId: string) {
  const row = await db
    .selectFrom('product_reviews')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('rating'), eb.lit(0)).as('sum'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('product_id', '=', productId)
    .where('hidden_at', 'is', null)
    .executeTakeFirstOrThrow()
  return ratingSummary(Number(row.sum), Number(row.n))
}

/** A page of a product's visible reviews, newest first, with the UPT's replies. */
export async function listProductReviews(db: DB, productId: string, page: number) {
  const q = db.selectFrom('product_reviews').where('product_id', '=', productId).where('hidden_at', 'is', null)
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'rating', 'body', 'reviewer_name', 'reply', 'replied_at', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(REVIEWS_PER_PAGE)
      .offset((page - 1) * REVIEWS_PER_PAGE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** For the order page: each reviewed line's review state. */
export async function reviewsOfOrder(db: DB, orderId: string, now: Date = new Date()) {
  const rows = await db
    .selectFrom('product_reviews as r')
    .innerJoin('order_lines as l', 'l.id', 'r.order_line_id')
    .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
    .select(['r.order_line_id', 'r.rating', 'r.created_at', 'r.hidden_at'])
    .where('s.order_id', '=', orderId)
    .execute()
  return Object.fromEntries(
    rows.map((r) => [
      r.order_line_id,
      { rating: r.rating, editable: !r.hidden_at && canEditReview(r.created_at, now), hidden: r.hidden_at !== null },
    ]),
  )
}

/** One line of this order with its product and its review, for the review form; null when the line is not this order's. */
export async function lineForReview(db: DB, orderId: string, lineId: string, now: Date = new Date()) {
  const line = await db
    .selectFrom('order_lines as l')
    .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .select([
      'l.id',
      'l.name',
      'l.qty',
      'l.unit',
      's.status',
      's.number as sub_number',
      'o.kind',
      'o.buyer_name',
      'p.slug',
      'p.status as product_status',
      'u.name as upt_name',
    ])
    .where('l.id', '=', lineId)
    .where('s.order_id', '=', orderId)
    .executeTakeFirst()
  if (!line) return null
  const review = await db
    .selectFrom('product_reviews')
    .select(['id', 'rating', 'body', 'reviewer_name', 'reply', 'hidden_at', 'created_at'])
    .where('order_line_id', '=', line.id)
    .executeTakeFirst()
  return {
    line: { ...line, reviewable: line.kind === 'retail' && line.status === 'completed' },
    review: review ? { ...review, editable: !review.hidden_at && canEditReview(review.created_at, now) } : null,
  }
}

export type UptReviewFilter = 'all' | 'unreplied' | 'hidden'

/** The reviews of a UPT's products for its staff, newest first, hidden ones included (marked). */
export async function listUptReviews(db: DB, uptId: string, f: { filter: UptReviewFilter; page: number }) {
  let q = db.selectFrom('product_reviews as r').where('r.upt_id', '=', uptId)
  if (f.filter === 'unreplied') q = q.where('r.reply', 'is', null).where('r.hidden_at', 'is', null)
  if (f.filter === 'hidden') q = q.where('r.hidden_at', 'is not', null)
  const [rows, count] = await Promise.all([
    q
      .innerJoin('products as p', 'p.id', 'r.product_id')
      .select([
        'r.id',
        'r.rating',
        'r.body',
        'r.reviewer_name',
        'r.reply',
        'r.replied_at',
        'r.hidden_at',
        'r.hidden_reason',
        'r.created_at',
        'p.name as product_name',
        'p.slug as product_slug',
      ])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(REVIEWS_PER_PAGE)
      .offset((f.page - 1) * REVIEWS_PER_PAGE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}
