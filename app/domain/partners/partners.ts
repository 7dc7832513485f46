import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { likeAnyCase } from '#db/sql.ts'
import type { PartnerStatus } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/identity/audit.ts'
import type { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { destroyUserSessions } from '#app/domain/identity/sessions.ts'
import { nowIso } from '#app/utils/time.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import type { PartnerProfile } from './schemas.ts'

export async function getPartnerById(db: DB, id: string) {
  return db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function partnerDetails(db: DB, partnerId: string) {
  const [provinces, sectors] = await Promise.all([
    db.selectFrom('partner_provinces as pp').innerJoin('provinces as p', 'p.id', 'pp.province_id').select(['p.id', 'p.name', 'p.kanwil_id']).where('pp.partner_id', '=', partnerId).orderBy('p.name').execute(),
    db.selectFrom('partner_sectors as ps').innerJoin('sectors as s', 's.id', 'ps.sector_id').select(['s.id', 's.name_id', 's.name_en']).where('ps.partner_id', '=', partnerId).orderBy('s.sort').execute(),
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

/** Where a partner works and in which sectors (national: all provinces, none listed). */
export interface PartnerCoverage {
  national: boolean
  provinceIds: string[]
  sectorIds: string[]
}

/**
 * Sets a partner's coverage, checking every id against the reference lists (DomainError
 * `field.invalid` on the field). Call it inside the caller's transaction: a refusal writes nothing.
 */
export async function setPartnerCoverage(trx: DB, partnerId: string, v: PartnerCoverage) {
  const provinces = v.national ? [] : [...new Set(v.provinceIds)]
  const sectors = [...new Set(v.sectorIds)]
  if (provinces.length) {
    const n = await trx.selectFrom('provinces').select((e) => e.fn.countAll<number>().as('n')).where('id', 'in', provinces).executeTakeFirstOrThrow()
    if (Number(n.n) !== provinces.length) throw new DomainError('field.invalid', 'provinceIds')
  }
  if (sectors.length) {
    const n = await trx.selectFrom('sectors').select((e) => e.fn.countAll<number>().as('n')).where('id', 'in', sectors).executeTakeFirstOrThrow()
    if (Number(n.n) !== sectors.length) throw new DomainError('field.invalid', 'sectorIds')
  }
  await trx.updateTable('partners').set({ national: v.national ? 1 : 0 }).where('id', '=', partnerId).execute()
  await trx.deleteFrom('partner_provinces').where('partner_id', '=', partnerId).execute()
  await trx.deleteFrom('partner_sectors').where('partner_id', '=', partnerId).execute()
  for (const id of provinces) await trx.insertInto('partner_provinces').values({ partner_id: partnerId, province_id: id }).execute()
  for (const id of sectors) await trx.insertInto('partner_sectors').values({ partner_id: partnerId, sector_id: id }).execute()
}

export async function updatePartnerProfile(db: DB, partnerId: string, v: PartnerProfile, actor: { userId: string; ip?: string | null }) {
  await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('partners').select('id').where('id', '=', partnerId).executeTakeFirst()
    if (!p) throw new NotFoundError('partner')
    await setPartnerCoverage(trx, partnerId, v)
    await trx
      .updateTable('partners')
      .set({
        name: v.name,
        org_type: v.orgType,
        contact_phone: v.contactPhone ?? null,
        description: v.description || null,
        website: v.website ?? null,
        nib: v.nib ?? null,
        npwp: v.npwp ?? null,
        updated_at: nowIso(),
      })
      .where('id', '=', partnerId)
      .execute()
    await audit(trx, { actorUserId: actor.userId, action: 'partner.profileUpdated', targetType: 'partner', targetId: partnerId, ip: actor.ip })
  })
}

export type Decision = 'verify' | 'reject' | 'suspend' | 'reinstate'
const TRANSITIONS: Record<Decision, { from: PartnerStatus[]; to: PartnerStatus }> = {
  verify: { from: ['pending'], to: 'verified' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['verified'], to: 'suspended' },
  reinstate: { from: ['suspended', 'rejected'], to: 'verified' },
}

/**
 * An admin's verification decision. Reject and suspend need a reason. Suspending closes nothing
 * but hides the partner's offers (listings require a verified partner). `kanwilId` is the Kanwil
 * the admin is limited to (null: national): a partner serving none of its provinces is not found.
 */
export async function decidePartner(
  db: DB,
  input: { partnerId: string; decision: Decision; reason?: string | null; actorUserId: string; kanwilId: string | null; ip?: string | null },
) {
  const rule = TRANSITIONS[input.decision]
  const reason = input.reason?.trim() || null
  if ((input.decision === 'reject' || input.decision === 'suspend') && !reason) throw new DomainError('partner.reasonRequired', 'reason')
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('partners as p').select(['p.id', 'p.status', 'p.name', 'p.contact_email']).where('p.id', '=', input.partnerId)
    if (input.kanwilId !== null) {
      const kanwilId = input.kanwilId
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('partner_provinces as pp').innerJoin('provinces as pr', 'pr.id', 'pp.province_id').select('pp.partner_id').whereRef('pp.partner_id', '=', 'p.id').where('pr.kanwil_id', '=', kanwilId)),
      )
    }
    const p = await q.executeTakeFirst()
    if (!p) throw new NotFoundError('partner')
    if (!rule.from.includes(p.status)) throw new DomainError('partner.badTransition')
    const now = nowIso()
    await trx
      .updateTable('partners')
      .set({ status: rule.to, status_reason: reason, updated_at: now, ...(rule.to === 'verified' ? { verified_at: now } : {}) })
      .where('id', '=', p.id)
      .where('status', '=', p.status)
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: `partner.${input.decision}`,
      targetType: 'partner',
      targetId: p.id,
      ip: input.ip,
      details: { from: p.status, to: rule.to, reason },
    })
    return { ...p, status: rule.to, reason }
  })
}

export interface PartnerFilters {
  q?: string
  provinceId?: string
  sectorId?: string
  orgType?: string
  page?: number
}

/** Public directory of verified partners. */
export async function listVerifiedPartners(db: DB, f: PartnerFilters = {}) {
  let q = db.selectFrom('partners as p').where('p.status', '=', 'verified')
  if (f.orgType) q = q.where('p.org_type', '=', f.orgType as (typeof ORG_TYPES)[number])
  if (f.sectorId) q = q.where((eb) => eb.exists(eb.selectFrom('partner_sectors as s').select('s.partner_id').whereRef('s.partner_id', '=', 'p.id').where('s.sector_id', '=', f.sectorId!)))
  if (f.provinceId)
    q = q.where((eb) =>
      eb.or([eb('p.national', '=', 1), eb.exists(eb.selectFrom('partner_provinces as pp').select('pp.partner_id').whereRef('pp.partner_id', '=', 'p.id').where('pp.province_id', '=', f.provinceId!))]),
    )
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where((eb) => eb.or([sql<boolean>`p.name ${likeAnyCase(db)} ${like} escape '\\'`, sql<boolean>`p.description ${likeAnyCase(db)} ${like} escape '\\'`]))
  }
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const page = f.page ?? 1
  const items = await q
    .select(['p.id', 'p.slug', 'p.name', 'p.org_type', 'p.description', 'p.national'])
    .orderBy('p.name')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
  return { items, total }
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
    .select(['p.id', 'p.slug', 'p.name', 'p.org_type', 'p.status', 'p.status_reason', 'p.contact_email', 'p.nib', 'p.npwp', 'p.national', 'p.created_at'])
    .orderBy('p.created_at', 'desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
  return { items, total }
}

/**
 * An owner removes a member (or another owner, or themselves) from the organisation: the partner
 * grant is revoked and the user's sessions end, so their next request no longer acts for the
 * partner. The organisation always keeps at least one owner. The caller has checked that the
 * actor owns `partnerId`; an assignment of another organisation is "not found" here.
 */
export async function removePartnerMember(
  db: DB,
  input: { partnerId: string; assignmentId: string; actorUserId: string; ip?: string | null },
): Promise<{ userId: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('role_assignments')
      .select(['id', 'user_id', 'partner_id', 'partner_role'])
      .where('id', '=', input.assignmentId)
      .where('role', '=', 'partner_member')
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (!row || row.partner_id !== input.partnerId) throw new NotFoundError('member')
    if (row.partner_role === 'owner') {
      const owners = await trx
        .selectFrom('role_assignments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('partner_id', '=', input.partnerId)
        .where('role', '=', 'partner_member')
        .where('partner_role', '=', 'owner')
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow()
      if (Number(owners.n) <= 1) throw new DomainError('member.lastOwner')
    }
    const r = await trx.updateTable('role_assignments').set({ revoked_at: nowIso() }).where('id', '=', row.id).where('revoked_at', 'is', null).executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError('member')
    await destroyUserSessions(trx, row.user_id)
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'partner.memberRemoved',
      targetType: 'partner',
      targetId: input.partnerId,
      ip: input.ip,
      details: { userId: row.user_id, assignmentId: row.id, partnerRole: row.partner_role, self: row.user_id === input.actorUserId },
    })
    return { userId: row.user_id }
  })
}
