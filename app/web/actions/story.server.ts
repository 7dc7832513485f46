import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { DomainError } from '#app/domain/errors.ts'
import type { PhotoUpload } from '#app/domain/stories/photos.server.ts'
import { PHOTO_SLOTS, ReviewSchema, StorySchema } from '#app/domain/stories/schemas.ts'
import { type AuthorScope, reviewStory, submitStory } from '#app/domain/stories/write.server.ts'
import { MAX_UPLOAD_BYTES } from '#app/domain/catalog/images.server.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { getLang } from '#app/web/i18n.server.ts'

/** Files never travel back in a form's reply (they cannot, and need not: the browser keeps nothing). */
const HIDE = PHOTO_SLOTS.map((i) => `photo${i}`)

/**
 * The story form of the UPT's and the partner's pages (one multipart form): text through zod,
 * photos with their captions, then one domain call in the author's scope. Answers a redirect with
 * a flash, the form's errors (400), 404 for an id outside the scope, 413 for a body over the cap,
 * 503 when the upload storage is down.
 */
export async function submitStoryForm(
  request: Request,
  scope: AuthorScope,
  actor: { userId: string; ip: string },
  back: string,
) {
  if (Number(request.headers.get('Content-Length') ?? 0) > PHOTO_SLOTS.length * MAX_UPLOAD_BYTES + 256 * 1024) {
    return data({ status: 'error' as const, error: { photo0: ['upload.tooLarge'] } }, { status: 413 })
  }
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: StorySchema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: HIDE }), { status: 400 })
  const uploads: PhotoUpload[] = []
  const missingAlt: Record<string, string[]> = {}
  for (const i of PHOTO_SLOTS) {
    const file = formData.get(`photo${i}`)
    if (!(file instanceof File) || file.size === 0) continue
    const alt = submission.value[`photoAlt${i}`]
    if (!alt || alt.length < 5) missingAlt[`photoAlt${i}`] = ['story.photoAltRequired']
    else uploads.push({ field: `photo${i}`, bytes: new Uint8Array(await file.arrayBuffer()), alt })
  }
  if (Object.keys(missingAlt).length)
    return data(submission.reply({ fieldErrors: missingAlt, hideFields: HIDE }), { status: 400 })
  const {
    intent: _i,
    confirmNoIdentification: _c,
    photoAlt0: _a0,
    photoAlt1: _a1,
    photoAlt2: _a2,
    ...v
  } = submission.value
  try {
    await submitStory(getDb(), scope, v, uploads, actor)
  } catch (error) {
    if (error instanceof StorageUnavailableError)
      return data(submission.reply({ formErrors: [error.code], hideFields: HIDE }), { status: 503 })
    if (error instanceof DomainError) return replyWithDomainError(submission, error, { hideFields: HIDE })
    throw error
  }
  throw redirect(back, { headers: { 'Set-Cookie': flashCookie('story.submitted') } })
}

/** An admin approves a pending story or sends it back with a reason (the author is emailed). */
export async function reviewStoryForm(
  request: Request,
  reviewer: { kanwilId: string | null },
  actor: { userId: string; ip: string },
) {
  const submission = parseWithZod(await readForm(request), { schema: ReviewSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  let slug: string
  try {
    ;({ slug } = await reviewStory(getDb(), reviewer, submission.value, actor, {
      lang: getLang(request),
      appUrl: getEnv().appUrl,
    }))
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  const approved = submission.value.intent === 'approve'
  throw redirect('/admin/stories', {
    headers: {
      'Set-Cookie': flashCookie(approved ? 'story.approved' : 'story.returned', approved ? { slug } : undefined),
    },
  })
}
