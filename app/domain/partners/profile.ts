import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { nowIso } from '#app/lib/time.ts'
import type { PartnerProfile } from './schemas.ts'

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
    const n = await trx
      .selectFrom('provinces')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('id', 'in', provinces)
      .executeTakeFirstOrThrow()
    if (Number(n.n) !== provinces.length) throw new DomainError('field.invalid', 'provinceIds')
  }
  if (sectors.length) {
    const n = await trx
      .selectFrom('sectors')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('id', 'in', sectors)
      .executeTakeFirstOrThrow()
    if (Number(n.n) !== sectors.length) throw new DomainError('field.invalid', 'sectorIds')
  }
  await trx
    .updateTable('partners')
    .set({ national: v.national ? 1 : 0 })
    .where('id', '=', partnerId)
    .execute()
  await trx.deleteFrom('partner_provinces').where('partner_id', '=', partnerId).execute()
  await trx.deleteFrom('partner_sectors').where('partner_id', '=', partnerId).execute()
  for (const id of provinces)
    await trx.insertInto('partner_provinces').values({ partner_id: partnerId, province_id: id }).execute()
  for (const id of sectors)
    await trx.insertInto('partner_sectors').values({ partner_id: partnerId, sector_id: id }).execute()
}

export async function updatePartnerProfile(
  db: DB,
  partnerId: string,
  v: PartnerProfile,
  actor: { userId: string; ip?: string | null },
) {
  await inTransaction(db, async (trx) => {
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
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'partner.profileUpdated',
      targetType: 'partner',
      targetId: partnerId,
      ip: actor.ip,
    })
  })
}
