import { likeAnyCase } from '#db/sql.ts'
import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { PartnerStatus } from '#db/schema.ts'
import type { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { PAGE_SIZE } from '#app/lib/pagination.ts'
import { missingDocuments } from './legal-rules.ts'

export async function getPartnerById(db: DB, id: string) {
  return db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function partnerDetails(db: DB, partnerId: string) {
  const [provinces, sectors] = await Promise.all([
    db
      .selectFrom('partner_provinces as pp')
      .innerJoin('provinces as p', 'p.id', 'pp.province_id')
      .select(['p.id', 'p.name', 'p.kanwil_id'])
      .where('pp.partner_id', '=', partnerId)
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('partner_sectors as ps')
      .innerJoin('sectors as s', 's.id', 'ps.sector_id')
      .select(['s.id', 's.name_id', 's.name_en'])
      .where('ps.partner_id', '=', partnerId)
      .orderBy('s.sort')
      .execute(),
  ])
  return { provinces, sectors }
}

/** Kanwil that may review a partner: those of the provinces it serves (national partners: none, only national admins). */
export async function partnerKanwilIds(db: DB, partnerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('partner_provinces as pp')
    .innerJoin('provinces as p', 'p.id', 'pp.province_id')
    .select('p.kanwil_id')
    .distinct()
    .where('pp.partner_id', '=', partnerId)
    .execute()
  return rows.map((r) => r.kanwil_id)
}

/** The Kanwil that may review a partner, or null when there is no such partner. */
export async function reviewKanwilsOf(db: DB, partnerId: string): Promise<string[] | null> {
  const exists = await db.selectFrom('partners').select('id').where('id', '=', partnerId).executeTakeFirst()
  return exists ? partnerKanwilIds(db, partnerId) : null
}

export async function countPartners(db: DB, status: PartnerStatus): Promise<number> {
  const r = await db
    .selectFrom('partners')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** A verified partner's public page, by slug (pending, rejected and suspended partners have none). */
export async function getVerifiedPartner(db: DB, slug: string) {
  return db
    .selectFrom('partners')
    .select([
      'id',
      'slug',
      'name',
      'org_type',
      'description',
      'website',
      'national',
      'verified_at',
      'contact_email',
      'impact_public',
    ])
    .where('slug', '=', slug)
    .where('status', '=', 'verified')
    .executeTakeFirst()
}

/** A verified partner that chose to show its impact, by slug. */
export async function getImpactPartner(db: DB, slug: string) {
  return db
    .selectFrom('partners')
    .select(['id', 'name', 'slug'])
    .where('slug', '=', slug)
    .where('status', '=', 'verified')
    .where('impact_public', '=', 1)
    .executeTakeFirst()
}

/** What the partner's own impact page shows about it. */
export async function partnerImpactSettings(db: DB, partnerId: string) {
  return db
    .selectFrom('partners')
    .select(['name', 'slug', 'impact_public'])
    .where('id', '=', partnerId)
    .executeTakeFirstOrThrow()
}

/** An organisation's members and the invitations not yet accepted. */
export async function listMembers(db: DB, partnerId: string) {
  const [members, pending] = await Promise.all([
    db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.id', 'r.user_id', 'u.name', 'u.email', 'r.partner_role'])
      .where('r.partner_id', '=', partnerId)
      .where('r.role', '=', 'partner_member')
      .where('r.revoked_at', 'is', null)
      .orderBy('u.name')
      .execute(),
    db
      .selectFrom('invitations')
      .select(['id', 'email', 'expires_at'])
      .where('partner_id', '=', partnerId)
      .where('accepted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute(),
  ])
  return { members, pending }
}

/** A live membership grant, whichever organisation it is of (the caller checks it is the user's). */
export async function getMembership(db: DB, assignmentId: string) {
  return db
    .selectFrom('role_assignments')
    .select(['id', 'partner_id'])
    .where('id', '=', assignmentId)
    .where('role', '=', 'partner_member')
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

export interface PartnerFilters {
  q?: string
  provinceId?: string
  sectorId?: string
  orgType?: string
  page?: number
  /** rows from here instead of `page` (the open-data API's cursor), at most `limit` of them */
  offset?: number
  limit?: number
}

/** Public directory of verified partners. */
export async function listVerifiedPartners(db: DB, f: PartnerFilters = {}) {
  let q = db.selectFrom('partners as p').where('p.status', '=', 'verified')
  if (f.orgType) q = q.where('p.org_type', '=', f.orgType as (typeof ORG_TYPES)[number])
  if (f.sectorId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_sectors as s')
          .select('s.partner_id')
          .whereRef('s.partner_id', '=', 'p.id')
          .where('s.sector_id', '=', f.sectorId!),
      ),
    )
  if (f.provinceId)
    q = q.where((eb) =>
      eb.or([
        eb('p.national', '=', 1),
        eb.exists(
          eb
            .selectFrom('partner_provinces as pp')
            .select('pp.partner_id')
            .whereRef('pp.partner_id', '=', 'p.id')
            .where('pp.province_id', '=', f.provinceId!),
        ),
      ]),
    )
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`p.name ${likeAnyCase(db)} ${like} escape '\\'`,
        sql<boolean>`p.description ${likeAnyCase(db)} ${like} escape '\\'`,
      ]),
    )
  }
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const page = f.page ?? 1
  const items = await q
    .select([
      'p.id',
      'p.slug',
      'p.name',
      'p.org_type',
      'p.description',
      'p.national',
      'p.website',
      'p.verified_at',
      'p.impact_public',
    ])
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(f.limit ?? PAGE_SIZE)
    .offset(f.offset ?? (page - 1) * PAGE_SIZE)
    .execute()
  return { items, total }
}

/** The provinces and sectors each of these partners serves, by partner id (public, as on their pages). */
export async function partnerAreas(db: DB, partnerIds: string[]) {
  const out = new Map<string, { provinces: string[]; sectors: string[] }>(
    partnerIds.map((id) => [id, { provinces: [], sectors: [] }]),
  )
  if (partnerIds.length === 0) return out
  const [provinces, sectors] = await Promise.all([
    db
      .selectFrom('partner_provinces as pp')
      .innerJoin('provinces as p', 'p.id', 'pp.province_id')
      .select(['pp.partner_id', 'p.name'])
      .where('pp.partner_id', 'in', partnerIds)
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('partner_sectors as ps')
      .innerJoin('sectors as s', 's.id', 'ps.sector_id')
      .select(['ps.partner_id', 's.name_id'])
      .where('ps.partner_id', 'in', partnerIds)
      .orderBy('s.sort')
      .execute(),
  ])
  for (const r of provinces) out.get(r.partner_id)!.provinces.push(r.name)
  for (const r of sectors) out.get(r.partner_id)!.sectors.push(r.name_id)
  return out
}

/** Partners an admin reviews: everything for national admins, those serving their Kanwil otherwise. */
export async function listPartnersForReview(db: DB, kanwilId: string | null, status?: PartnerStatus, page = 1) {
  let q = db.selectFrom('partners as p')
  if (status) q = q.where('p.status', '=', status)
  if (kanwilId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_provinces as pp')
          .innerJoin('provinces as pr', 'pr.id', 'pp.province_id')
          .select('pp.partner_id')
          .whereRef('pp.partner_id', '=', 'p.id')
          .where('pr.kanwil_id', '=', kanwilId),
      ),
    )
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const items = await q
    .select([
      'p.id',
      'p.slug',
      'p.name',
      'p.org_type',
      'p.status',
      'p.status_reason',
      'p.contact_email',
      'p.nib',
      'p.npwp',
      'p.national',
      'p.created_at',
    ])
    .orderBy('p.created_at', 'desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
  return { items, total }
}

/** The audit lines of the given partners (the verification page's history), oldest first. */
export async function partnerHistory(db: DB, partnerIds: string[]) {
  if (partnerIds.length === 0) return []
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.at', 'a.action', 'a.target_id as partnerId', 'u.name as actorName'])
    .where('a.target_type', '=', 'partner')
    .where('a.target_id', 'in', partnerIds)
    .orderBy('a.at', 'asc')
    .orderBy('a.id', 'asc')
    .execute()
}

/** Current legal documents of these partners (ADR 033), in listing order, with the uploader's name. */
export async function listLegalDocuments(db: DB, partnerIds: string[]) {
  if (partnerIds.length === 0) return []
  const rows = await db
    .selectFrom('partner_documents as d')
    .innerJoin('users as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.partner_id as partnerId',
      'd.kind',
      'd.original_name',
      'd.size_bytes',
      'd.created_at',
      'u.name as uploadedBy',
    ])
    .where('d.partner_id', 'in', partnerIds)
    .where('d.replaced_at', 'is', null)
    .orderBy('d.created_at', 'asc')
    .orderBy('d.id', 'asc')
    .execute()
  const order = ['akta', 'nib', 'npwp', 'other']
  return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
}

/** The partner a legal document belongs to (for the download's access check), or null. */
export async function legalDocumentPartner(db: DB, documentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('partner_documents')
    .select('partner_id')
    .where('id', '=', documentId)
    .executeTakeFirst()
  return row?.partner_id ?? null
}

/**
 * What still stands between a pending partner and verification (ADR 033): the owner's address
 * not confirmed yet, and the required documents not uploaded yet.
 */
export async function verificationGaps(db: DB, partnerIds: string[]) {
  if (partnerIds.length === 0) return []
  const [partners, docs, owners] = await Promise.all([
    db.selectFrom('partners').select(['id', 'org_type']).where('id', 'in', partnerIds).execute(),
    db
      .selectFrom('partner_documents')
      .select(['partner_id', 'kind'])
      .where('partner_id', 'in', partnerIds)
      .where('replaced_at', 'is', null)
      .execute(),
    db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.partner_id', 'u.email_verified_at'])
      .where('r.partner_id', 'in', partnerIds)
      .where('r.role', '=', 'partner_member')
      .where('r.partner_role', '=', 'owner')
      .where('r.revoked_at', 'is', null)
      .execute(),
  ])
  return partners.map((p) => ({
    partnerId: p.id,
    emailUnconfirmed: owners.some((o) => o.partner_id === p.id && !o.email_verified_at),
    missing: missingDocuments(
      p.org_type,
      docs.filter((d) => d.partner_id === p.id).map((d) => d.kind),
    ),
  }))
}
