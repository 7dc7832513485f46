/**
 * Writing and reviewing stories (issue 15, item 1; ADR 025). Authors are a UPT's staff (scope:
 * the UPT) or a verified partner (scope: its agreements, whose UPT the story is about). Every
 * id in the body is resolved inside that scope; anything else is not found. A story is seen by
 * the public only after an admin of its UPT's Kanwil, or a national admin, approves it.
 */
import type { DB } from '#db/client.ts'
import type { SupportKindName } from '#db/schema.ts'
import { type Lang, translator } from '#app/i18n/index.ts'
import { deliverEmail, queueEmail } from '#app/integrations/email.server.ts'
import { audit } from '#app/domain/audit/log.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { newId, slugify } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { forgetPhotos, type PhotoUpload, storeStoryPhotos } from './photos.server.ts'
import { MAX_STORY_PHOTOS, type ReviewForm, type StoryForm } from './schemas.ts'

export type AuthorScope = { uptId: string } | { partnerId: string }
export interface Actor {
  userId: string
  ip?: string | null
}

type StoryInput = Omit<StoryForm, 'intent' | 'confirmNoIdentification' | 'photoAlt0' | 'photoAlt1' | 'photoAlt2'>

/**
 * Submits a new story, or a revision of one still pending or sent back, for review. Photos are
 * encoded and stored before the transaction and removed again if it fails.
 */
export async function submitStory(
  db: DB,
  scope: AuthorScope,
  v: StoryInput,
  uploads: PhotoUpload[],
  actor: Actor,
  at: Date = new Date(),
) {
  if (uploads.length > MAX_STORY_PHOTOS)
    throw new DomainError('story.tooManyPhotos', 'photo0', { max: MAX_STORY_PHOTOS })
  const photos = await storeStoryPhotos(uploads)
  try {
    return await inTransaction(db, async (trx) => {
      const now = nowIso(at)
      // Where the story belongs: the UPT of the URL, or the UPT of the partner's agreement.
      let uptId: string
      let partnerId: string | null = null
      let programId: string | null = null
      let agreementId: string | null = null
      let kind: SupportKindName | null = null
      if ('partnerId' in scope) {
        if (!v.agreementId) throw new DomainError('story.agreementRequired', 'agreementId')
        const a = await trx
          .selectFrom('agreements')
          .select(['id', 'upt_id', 'program_id', 'kind', 'status'])
          .where('id', '=', v.agreementId)
          .where('partner_id', '=', scope.partnerId)
          .executeTakeFirst()
        if (!a) throw new NotFoundError('agreement', 'agreementId')
        if (v.programId && v.programId !== a.program_id) throw new NotFoundError('program', 'programId')
        uptId = a.upt_id
        partnerId = scope.partnerId
        programId = a.program_id
        agreementId = a.id
        kind = a.kind
      } else {
        uptId = scope.uptId
        if (v.agreementId) {
          const a = await trx
            .selectFrom('agreements')
            .select(['id', 'program_id', 'kind'])
            .where('id', '=', v.agreementId)
            .where('upt_id', '=', uptId)
            .executeTakeFirst()
          if (!a) throw new NotFoundError('agreement', 'agreementId')
          agreementId = a.id
          kind = a.kind
          programId = a.program_id
        }
        if (v.programId) {
          const p = await trx
            .selectFrom('programs')
            .select('id')
            .where('id', '=', v.programId)
            .where('upt_id', '=', uptId)
            .executeTakeFirst()
          if (!p) throw new NotFoundError('program', 'programId')
          if (agreementId && programId !== p.id) throw new DomainError('story.programNotOfAgreement', 'programId')
          programId = p.id
        }
      }
      const productIds = [...new Set(v.productIds ?? [])]
      if (productIds.length) {
        const found = await trx
          .selectFrom('products')
          .select('id')
          .where('id', 'in', productIds)
          .where('upt_id', '=', uptId)
          .execute()
        if (found.length !== productIds.length) throw new NotFoundError('product', 'productIds')
      }

      let id: string
      let slug: string
      let existingPhotos = 0
      if (v.storyId) {
        let q = trx.selectFrom('stories').select(['id', 'slug', 'status']).where('id', '=', v.storyId)
        q =
          'partnerId' in scope
            ? q.where('partner_id', '=', scope.partnerId)
            : q.where('upt_id', '=', scope.uptId).where('partner_id', 'is', null)
        const s = await q.executeTakeFirst()
        if (!s) throw new NotFoundError('story', 'storyId')
        if (s.status === 'published') throw new DomainError('story.notEditable')
        id = s.id
        slug = s.slug
        existingPhotos = Number(
          (
            await trx
              .selectFrom('story_photos')
              .select((e) => e.fn.countAll<number>().as('n'))
              .where('story_id', '=', id)
              .executeTakeFirstOrThrow()
          ).n,
        )
        if (existingPhotos + photos.length > MAX_STORY_PHOTOS)
          throw new DomainError('story.tooManyPhotos', 'photo0', { max: MAX_STORY_PHOTOS })
        await trx
          .updateTable('stories')
          .set({
            upt_id: uptId,
            program_id: programId,
            agreement_id: agreementId,
            kind,
            title: v.title,
            summary: v.summary,
            body: v.body,
            title_en: v.titleEn || null,
            summary_en: v.summaryEn || null,
            status: 'pending',
            no_identification_confirmed: 1,
            return_reason: null,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute()
        await trx.deleteFrom('story_products').where('story_id', '=', id).execute()
      } else {
        id = newId()
        slug = `${slugify(v.title).slice(0, 60).replace(/-+$/, '') || 'cerita'}-${id.slice(-6)}`
        await trx
          .insertInto('stories')
          .values({
            id,
            slug,
            upt_id: uptId,
            partner_id: partnerId,
            program_id: programId,
            agreement_id: agreementId,
            kind,
            title: v.title,
            summary: v.summary,
            body: v.body,
            title_en: v.titleEn || null,
            summary_en: v.summaryEn || null,
            status: 'pending',
            no_identification_confirmed: 1,
            return_reason: null,
            author_id: actor.userId,
            reviewed_by: null,
            reviewed_at: null,
            published_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute()
      }
      for (const productId of productIds)
        await trx.insertInto('story_products').values({ story_id: id, product_id: productId }).execute()
      for (const [i, p] of photos.entries()) {
        await trx
          .insertInto('story_photos')
          .values({
            id: p.id,
            story_id: id,
            file_name: p.fileName,
            thumb_name: p.thumbName,
            width: p.width,
            height: p.height,
            alt: p.alt,
            sort: existingPhotos + i,
            created_at: now,
          })
          .execute()
      }
      await audit(trx, {
        actorUserId: actor.userId,
        action: v.storyId ? 'story.revised' : 'story.submitted',
        targetType: 'story',
        targetId: id,
        ip: actor.ip,
        details: { uptId, partnerId, photos: photos.length, noIdentificationConfirmed: true },
      })
      return { id, slug }
    })
  } catch (error) {
    await forgetPhotos(photos)
    throw error
  }
}

/**
 * An admin's decision on a pending story: publish it, or send it back with a reason. Only a
 * national admin (kanwilId null) or an admin of the story's UPT's Kanwil finds it. Audited; the
 * author is emailed through the outbox once the decision commits.
 */
export async function reviewStory(
  db: DB,
  reviewer: { kanwilId: string | null },
  v: ReviewForm,
  actor: Actor,
  opts: { lang: Lang; appUrl: string },
  at: Date = new Date(),
) {
  const t = translator(opts.lang)
  const { emailId, slug } = await inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('stories as s')
      .innerJoin('upts as u', 'u.id', 's.upt_id')
      .innerJoin('users as a', 'a.id', 's.author_id')
      .select([
        's.id',
        's.slug',
        's.title',
        's.status',
        's.published_at',
        's.upt_id',
        's.partner_id',
        'a.email',
        'a.name',
      ])
      .where('s.id', '=', v.storyId)
    if (reviewer.kanwilId) q = q.where('u.kanwil_id', '=', reviewer.kanwilId)
    const s = await q.executeTakeFirst()
    if (!s) throw new NotFoundError('story', 'storyId')
    if (s.status !== 'pending') throw new DomainError('story.notPending')
    const now = nowIso(at)
    if (v.intent === 'approve') {
      await trx
        .updateTable('stories')
        .set({
          status: 'published',
          published_at: s.published_at ?? now,
          reviewed_by: actor.userId,
          reviewed_at: now,
          return_reason: null,
          updated_at: now,
        })
        .where('id', '=', s.id)
        .execute()
    } else {
      await trx
        .updateTable('stories')
        .set({
          status: 'returned',
          return_reason: v.reason,
          reviewed_by: actor.userId,
          reviewed_at: now,
          updated_at: now,
        })
        .where('id', '=', s.id)
        .execute()
    }
    await audit(trx, {
      actorUserId: actor.userId,
      action: v.intent === 'approve' ? 'story.approved' : 'story.returned',
      targetType: 'story',
      targetId: s.id,
      ip: actor.ip,
      details: v.intent === 'return' ? { reason: v.reason } : {},
    })
    const emailId = await queueEmail(trx, {
      to: s.email,
      subject: t(v.intent === 'approve' ? 'story.email.approvedSubject' : 'story.email.returnedSubject', {
        title: s.title,
      }),
      text: t(v.intent === 'approve' ? 'story.email.approvedBody' : 'story.email.returnedBody', {
        name: s.name,
        title: s.title,
        reason: v.intent === 'return' ? v.reason : '',
        link: `${opts.appUrl}${v.intent === 'approve' ? `/cerita/${s.slug}` : s.partner_id ? '/partner/stories' : `/upt/${s.upt_id}/stories`}`,
      }),
    })
    return { emailId, slug: s.slug }
  })
  if (!db.isTransaction) await deliverEmail(db, emailId)
  return { slug }
}
