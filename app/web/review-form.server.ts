import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import type { DB } from '#db/client.ts'
import { saveReview } from '#app/domain/reviews/buyer.ts'
import { lineForReview } from '#app/domain/reviews/queries.ts'
import { ReviewSchema } from '#app/domain/reviews/schemas.ts'
import { flashCookie } from './flash.server.ts'
import { readForm, replyWithDomainError } from './forms.server.ts'
import { notFound } from './guards.server.ts'

interface OrderRef {
  id: string
  order_number: string
}

/** The review page of one line of an order the URL already resolved (own order or secret link). */
export async function reviewPageData(db: DB, order: OrderRef, lineId: string, orderPath: string) {
  const found = await lineForReview(db, order.id, lineId)
  if (!found) notFound()
  return { ...found, orderNumber: order.order_number, orderPath }
}

/** Saves the buyer's review of a line of this order, then back to the order with a flash. */
export async function reviewAction(
  request: Request,
  db: DB,
  order: OrderRef,
  lineId: string,
  userId: string | null,
  orderPath: string,
) {
  const submission = parseWithZod(await readForm(request), { schema: ReviewSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const { created } = await saveReview(db, {
      orderId: order.id,
      lineId,
      userId,
      rating: submission.value.rating,
      body: submission.value.body,
      showName: submission.value.showName === 'on',
    })
    return redirect(`${orderPath}#line-${lineId}`, {
      headers: { 'Set-Cookie': flashCookie(created ? 'review.saved' : 'review.updated') },
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}
