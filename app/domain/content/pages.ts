import type { DB } from '#db/client.ts'
import { audit } from '#app/domain/audit/log.ts'
import { DomainError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { SITE_PAGE_DEFAULTS } from './defaults.ts'
import { SITE_PAGE_SLUGS, type SitePageSlug } from './slugs.ts'
import type { SitePageInput } from './schemas.ts'

/**
 * Trust pages (ADR 023): each save is a new version of both languages; the newest is shown.
 * Only national admins write (the route's guard, `admin.national`); every save is audited.
 */

const VERSION_COLUMNS = [
  'slug',
  'version',
  'title_id',
  'title_en',
  'body_id',
  'body_en',
  'created_at',
  'created_by',
] as const

/** The newest version of a trust page, or undefined for an unknown slug (or one never seeded). */
export async function getSitePage(db: DB, slug: string) {
  return db
    .selectFrom('site_page_versions')
    .select(VERSION_COLUMNS)
    .where('slug', '=', slug)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Every trust page with its newest version, in footer order. */
export async function listSitePages(db: DB) {
  const rows = await db
    .selectFrom('site_page_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.slug', 'v.version', 'v.title_id', 'v.title_en', 'v.created_at', 'u.name as editor'])
    .where((eb) =>
      eb(
        'v.version',
        '=',
        eb
          .selectFrom('site_page_versions as w')
          .select((e) => e.fn.max('w.version').as('m'))
          .whereRef('w.slug', '=', 'v.slug'),
      ),
    )
    .execute()
  const bySlug = new Map(rows.map((r) => [r.slug, r]))
  return SITE_PAGE_SLUGS.flatMap((slug) => {
    const r = bySlug.get(slug)
    return r ? [r] : []
  })
}

/** A page's versions, newest first, with who saved each (null: the default text). */
export async function listSitePageVersions(db: DB, slug: SitePageSlug, limit = 20) {
  return db
    .selectFrom('site_page_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.created_at', 'u.name as editor'])
    .where('v.slug', '=', slug)
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute()
}

/**
 * Saves a new version of a trust page. Refused (`sitePages.conflict` on `baseVersion`) when
 * someone saved another version since the admin opened the editor, so nobody overwrites a
 * colleague's change unseen.
 */
export async function saveSitePage(
  db: DB,
  slug: SitePageSlug,
  input: Omit<SitePageInput, 'intent'>,
  actor: { userId: string; ip?: string | null },
) {
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('site_page_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('slug', '=', slug)
      .executeTakeFirst()
    const latest = Number(current?.v ?? 0)
    if (latest !== input.baseVersion) throw new DomainError('sitePages.conflict')
    const version = latest + 1
    // Two saves from the same version at once: the unique (slug, version) lets one in; the other
    // is the same conflict (on PostgreSQL the read above does not lock out a concurrent insert).
    const inserted = await trx
      .insertInto('site_page_versions')
      .values({
        id: newId(),
        slug,
        version,
        title_id: input.titleId,
        title_en: input.titleEn,
        body_id: input.bodyId,
        body_en: input.bodyEn,
        created_by: actor.userId,
        created_at: nowIso(),
      })
      .onConflict((oc) => oc.columns(['slug', 'version']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new DomainError('sitePages.conflict')
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'site_page.update',
      targetType: 'site_page',
      targetId: slug,
      ip: actor.ip,
      details: { version },
    })
    return { version }
  })
}

/** Writes the default text of every trust page that has none yet (seed, every start). */
export async function ensureSitePages(db: DB, at: Date = new Date()) {
  await inTransaction(db, async (trx) => {
    const existing = new Set(
      (await trx.selectFrom('site_page_versions').select('slug').distinct().execute()).map((r) => r.slug),
    )
    const missing = SITE_PAGE_DEFAULTS.filter((p) => !existing.has(p.slug))
    if (missing.length === 0) return
    await trx
      .insertInto('site_page_versions')
      .values(
        missing.map((p) => ({
          id: newId(),
          slug: p.slug,
          version: 1,
          title_id: p.titleId,
          title_en: p.titleEn,
          body_id: p.bodyId,
          body_en: p.bodyEn,
          created_by: null,
          created_at: nowIso(at),
        })),
      )
      // Two instances starting at once both write the defaults: the first one's stay.
      .onConflict((oc) => oc.columns(['slug', 'version']).doNothing())
      .execute()
  })
}
