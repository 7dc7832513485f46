import { parseWithZod } from '@conform-to/zod/v4'
import { redirect } from '@remix-run/node'
import { hideReview, replyToReview, unhideReview } from '#app/domain/reviews/moderation.ts'
import { ModerationSchema } from '#app/domain/reviews/schemas.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { replyWithDomainError } from '#app/web/forms.server.ts'
import { clientIp } from '#app/web/request.server.ts'

/**
 * The intents of a UPT's reviews page (/upt/<id>/reviews): reply, hide with a reason, show again.
 * The review id in the body is resolved inside the UPT of the URL (another UPT's is not found,
 * 404); each answers with a redirect and a flash message, or the form's errors (400).
 */
export function parseModerationForm(formData: FormData) {
  return parseWithZod(formData, { schema: ModerationSchema })
}

export async function moderateReview(
  request: Request,
  uptId: string,
  userId: string,
  submission: ReturnType<typeof parseModerationForm>,
  back: string,
) {
  if (submission.status !== 'success') throw new Error('parse first')
  const v = submission.value
  const actor = { uptId, reviewId: v.reviewId, actorUserId: userId, ip: clientIp(request) }
  try {
    let flash: string
    if (v.intent === 'reply') {
      await replyToReview(getDb(), { ...actor, reply: v.reply })
      flash = 'review.replySaved'
    } else if (v.intent === 'hide') {
      await hideReview(getDb(), { ...actor, reason: v.reason })
      flash = 'review.hiddenDone'
    } else {
      await unhideReview(getDb(), actor)
      flash = 'review.shownDone'
    }
    return redirect(back, { headers: { 'Set-Cookie': flashCookie(flash) } })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}
