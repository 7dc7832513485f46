import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { audit } from '#app/domain/audit/log.ts'
import { nowIso } from '#app/lib/time.ts'
import type { Actor } from './records.ts'
import { publicationsByMedium } from './publications.ts'

/** What a partner's agreements delivered, summed over all outcomes recorded on them. */
export async function partnerImpact(db: DB, partnerId: string) {
  const rows = await db
    .selectFrom('outcomes')
    .select([
      'metric',
      sql<number>`sum(count)`.as('count'),
      sql<number>`coalesce(sum(value_rupiah), 0)`.as('value'),
      sql<number>`coalesce(sum(reach), 0)`.as('reach'),
    ])
    .where('partner_id', '=', partnerId)
    .groupBy('metric')
    .execute()
  const get = (m: string) => rows.find((r) => r.metric === m)
  const agreements = await db
    .selectFrom('agreements')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('partner_id', '=', partnerId)
    .groupBy('status')
    .execute()
  const n = (s: string) => Number(agreements.find((a) => a.status === s)?.n ?? 0)
  const byMedium = await publicationsByMedium(db, { partnerId })
  return {
    trained: Number(get('trained')?.count ?? 0),
    certified: Number(get('certified')?.count ?? 0),
    expertDays: Number(get('expert_days')?.count ?? 0),
    unitsAbsorbed: Number(get('units_absorbed')?.count ?? 0),
    publications: Number(get('publication')?.count ?? 0),
    publicationReach: Number(get('publication')?.reach ?? 0),
    capitalRupiah: Number(get('capital')?.value ?? 0),
    /** publication records per medium, with exhibition and bazaar sales (issue 15, item 2) */
    publicationsByMedium: byMedium,
    exhibitionSalesRupiah: byMedium.reduce((s, m) => s + m.salesRupiah, 0),
    agreements: { active: n('active'), completed: n('completed'), cancelled: n('cancelled') },
  }
}

export async function setImpactPublic(db: DB, partnerId: string, on: boolean, actor: Actor) {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('partners')
      .set({ impact_public: on ? 1 : 0, updated_at: nowIso() })
      .where('id', '=', partnerId)
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'partner.impactVisibility',
      targetType: 'partner',
      targetId: partnerId,
      ip: actor.ip,
      details: { public: on },
    })
  })
}

/**
 * What a verified partner's embeddable badge shows (issue 15, item 6): its name, and its trained
 * and certified counts only when it chose to make its impact public. Undefined for a slug that is
 * not a verified partner (pending, rejected, suspended or unknown).
 */
export async function partnerBadge(db: DB, slug: string) {
  const partner = await db
    .selectFrom('partners')
    .select(['id', 'slug', 'name', 'impact_public'])
    .where('slug', '=', slug)
    .where('status', '=', 'verified')
    .executeTakeFirst()
  if (!partner) return undefined
  const impact = partner.impact_public === 1 ? await partnerImpact(db, partner.id) : null
  return {
    slug: partner.slug,
    name: partner.name,
    figures: impact ? { trained: impact.trained, certified: impact.certified } : null,
  }
}
