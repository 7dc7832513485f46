/** Reads of stories: the public list, page and feed; the author's list; the review queue. */
import type { DB } from '#db/client.ts'
import type { SupportKindName } from '#db/schema.ts'
import { renderMarkdown } from '#app/lib/markdown.server.ts'
import type { AuthorScope } from './write.server.ts'

export interface StoryFilter {
  provinceId?: string
  uptId?: string
  kind?: SupportKindName
}

function published(db: DB, f: StoryFilter = {}) {
  let q = db
    .selectFrom('stories as s')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .innerJoin('provinces as pr', 'pr.id', 'u.province_id')
    .where('s.status', '=', 'published')
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  if (f.uptId) q = q.where('s.upt_id', '=', f.uptId)
  if (f.kind) q = q.where('s.kind', '=', f.kind)
  return q
}

/** Published stories, newest first, with their first photo (thumbnail) for the cards. */
export async function listPublishedStories(db: DB, f: StoryFilter, page = 1, pageSize = 12) {
  const total = Number(
    (
      await published(db, f)
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const items = await published(db, f)
    .leftJoin('partners as p', 'p.id', 's.partner_id')
    .select([
      's.id',
      's.slug',
      's.title',
      's.summary',
      's.title_en',
      's.summary_en',
      's.kind',
      's.published_at',
      'u.name as upt_name',
      'pr.name as province_name',
      'p.name as partner_name',
    ])
    .orderBy('s.published_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const photos = items.length
    ? await db
        .selectFrom('story_photos')
        .select(['story_id', 'thumb_name', 'alt', 'sort'])
        .where(
          'story_id',
          'in',
          items.map((i) => i.id),
        )
        .orderBy('sort')
        .execute()
    : []
  return { total, items: items.map((i) => ({ ...i, photo: photos.find((p) => p.story_id === i.id) ?? null })) }
}

/** The provinces and UPTs that have published stories: the choices of the /cerita filters. */
export async function storyFilterChoices(db: DB) {
  const rows = await published(db)
    .select(['u.id as upt_id', 'u.name as upt_name', 'pr.id as province_id', 'pr.name as province_name'])
    .distinct()
    .execute()
  const provinces = [
    ...new Map(rows.map((r) => [r.province_id, { id: r.province_id, name: r.province_name }])).values(),
  ].sort((a, b) => a.name.localeCompare(b.name, 'id'))
  const upts = [
    ...new Map(rows.map((r) => [r.upt_id, { id: r.upt_id, name: r.upt_name, provinceId: r.province_id }])).values(),
  ].sort((a, b) => a.name.localeCompare(b.name, 'id'))
  return { provinces, upts }
}

/** One published story with what it links to (published products, the program, the partner). */
export async function getPublishedStory(db: DB, slug: string) {
  const s = await published(db)
    .leftJoin('partners as p', 'p.id', 's.partner_id')
    .leftJoin('programs as g', 'g.id', 's.program_id')
    .select([
      's.id',
      's.slug',
      's.title',
      's.summary',
      's.body',
      's.title_en',
      's.summary_en',
      's.kind',
      's.published_at',
      's.updated_at',
      'u.name as upt_name',
      'u.slug as upt_slug',
      'pr.name as province_name',
      'p.name as partner_name',
      'p.slug as partner_slug',
      'g.id as program_id',
      'g.title as program_title',
      'g.status as program_status',
    ])
    .where('s.slug', '=', slug)
    .executeTakeFirst()
  if (!s) return null
  const [photos, products] = await Promise.all([
    db
      .selectFrom('story_photos')
      .select(['id', 'file_name', 'thumb_name', 'width', 'height', 'alt'])
      .where('story_id', '=', s.id)
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('story_products as sp')
      .innerJoin('products as pd', 'pd.id', 'sp.product_id')
      .select(['pd.slug', 'pd.name', 'pd.price'])
      .where('sp.story_id', '=', s.id)
      .where('pd.status', '=', 'published')
      .orderBy('pd.name')
      .execute(),
  ])
  const { body, ...rest } = s
  return { ...rest, html: renderMarkdown(body), photos, products }
}

/** The newest published stories for the Atom feed. */
export async function storiesForFeed(db: DB, limit = 20) {
  return published(db)
    .select([
      's.id',
      's.slug',
      's.title',
      's.summary',
      's.body',
      's.published_at',
      's.updated_at',
      'u.name as upt_name',
    ])
    .orderBy('s.published_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute()
}

export async function storySitemapEntries(db: DB) {
  return published(db).select(['s.slug', 's.updated_at']).orderBy('s.published_at', 'desc').execute()
}

/** An author's stories (a UPT's staff see the UPT's own, a partner its own), newest first. */
export async function listAuthorStories(db: DB, scope: AuthorScope) {
  let q = db
    .selectFrom('stories as s')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .select([
      's.id',
      's.slug',
      's.title',
      's.status',
      's.return_reason',
      's.updated_at',
      's.published_at',
      'u.name as upt_name',
    ])
  q =
    'partnerId' in scope
      ? q.where('s.partner_id', '=', scope.partnerId)
      : q.where('s.upt_id', '=', scope.uptId).where('s.partner_id', 'is', null)
  return q.orderBy('s.updated_at', 'desc').limit(100).execute()
}

/** A story its author may still revise (pending or sent back), with its links and photos. */
export async function getStoryForEdit(db: DB, scope: AuthorScope, id: string) {
  let q = db.selectFrom('stories').selectAll().where('id', '=', id).where('status', '!=', 'published')
  q =
    'partnerId' in scope
      ? q.where('partner_id', '=', scope.partnerId)
      : q.where('upt_id', '=', scope.uptId).where('partner_id', 'is', null)
  const s = await q.executeTakeFirst()
  if (!s) return null
  const [products, photos] = await Promise.all([
    db.selectFrom('story_products').select('product_id').where('story_id', '=', s.id).execute(),
    db
      .selectFrom('story_photos')
      .select(['id', 'thumb_name', 'alt'])
      .where('story_id', '=', s.id)
      .orderBy('sort')
      .execute(),
  ])
  return { ...s, productIds: products.map((p) => p.product_id), photos }
}

/** What a UPT's staff may link a story to: the UPT's programs, agreements and products. */
export async function uptStoryLinks(db: DB, uptId: string) {
  const [programs, agreements, products] = await Promise.all([
    db
      .selectFrom('programs')
      .select(['id', 'title'])
      .where('upt_id', '=', uptId)
      .where('status', '!=', 'draft')
      .orderBy('title')
      .execute(),
    db
      .selectFrom('agreements as a')
      .innerJoin('partners as p', 'p.id', 'a.partner_id')
      .select(['a.id', 'a.number', 'a.kind', 'p.name as partner_name'])
      .where('a.upt_id', '=', uptId)
      .where('a.status', '!=', 'cancelled')
      .orderBy('a.number')
      .execute(),
    db
      .selectFrom('products')
      .select(['id', 'name'])
      .where('upt_id', '=', uptId)
      .where('status', '=', 'published')
      .orderBy('name')
      .limit(200)
      .execute(),
  ])
  return { programs, agreements, products }
}

/** What a partner may link a story to: its agreements (which name the UPT) and those UPTs' products. */
export async function partnerStoryLinks(db: DB, partnerId: string) {
  const agreements = await db
    .selectFrom('agreements as a')
    .innerJoin('upts as u', 'u.id', 'a.upt_id')
    .select(['a.id', 'a.number', 'a.kind', 'a.upt_id', 'u.name as upt_name'])
    .where('a.partner_id', '=', partnerId)
    .where('a.status', '!=', 'cancelled')
    .orderBy('a.number')
    .execute()
  const uptIds = [...new Set(agreements.map((a) => a.upt_id))]
  const products = uptIds.length
    ? await db
        .selectFrom('products as pd')
        .innerJoin('upts as u', 'u.id', 'pd.upt_id')
        .select(['pd.id', 'pd.name', 'u.name as upt_name'])
        .where('pd.upt_id', 'in', uptIds)
        .where('pd.status', '=', 'published')
        .orderBy('pd.name')
        .limit(200)
        .execute()
    : []
  return { agreements, products }
}

/** Stories waiting for review in an admin's scope (a Kanwil's UPTs, or all for a national admin), oldest first. */
/**
 * The stories waiting for this reviewer: a Kanwil admin reviews the stories of its UPTs, a
 * national admin (kanwilId null) all. The review page and the work home share this scope.
 */
function awaitingReview(db: DB, kanwilId: string | null) {
  let q = db.selectFrom('stories as s').innerJoin('upts as u', 'u.id', 's.upt_id').where('s.status', '=', 'pending')
  if (kanwilId) q = q.where('u.kanwil_id', '=', kanwilId)
  return q
}

/** How many stories wait for this reviewer (all of them, not only the page's first 50). */
export async function countStoriesToReview(db: DB, kanwilId: string | null): Promise<number> {
  const row = await awaitingReview(db, kanwilId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function reviewQueue(db: DB, kanwilId: string | null) {
  const q = awaitingReview(db, kanwilId)
    .innerJoin('users as a', 'a.id', 's.author_id')
    .leftJoin('partners as p', 'p.id', 's.partner_id')
    .select([
      's.id',
      's.title',
      's.summary',
      's.body',
      's.title_en',
      's.summary_en',
      's.kind',
      's.updated_at',
      'u.name as upt_name',
      'a.name as author_name',
      'p.name as partner_name',
    ])
  const items = await q.orderBy('s.updated_at').limit(50).execute()
  const photos = items.length
    ? await db
        .selectFrom('story_photos')
        .select(['story_id', 'file_name', 'thumb_name', 'alt'])
        .where(
          'story_id',
          'in',
          items.map((i) => i.id),
        )
        .orderBy('sort')
        .execute()
    : []
  return items.map(({ body, ...i }) => ({
    ...i,
    html: renderMarkdown(body),
    photos: photos.filter((p) => p.story_id === i.id),
  }))
}
