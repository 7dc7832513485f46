/**
 * Publication records (issue 15, item 2; ADR 025). A publication agreement produces records of
 * where its work appeared; each is stored as an outcome of metric 'publication' (count 1), so it
 * counts among the agreement's outcomes, the partner's impact and /impact with no second ledger
 * of results. The outlet is kept in `channel` and the URL in `link`, as outcomes already did.
 */
import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import type { PublicationMedium } from '#db/schema.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import type { Actor } from './records.ts'
import { PUBLICATION_MEDIA, type PublicationForm } from './schemas.ts'

/** Who records: the UPT of the agreement or its partner; the agreement is looked up in that scope only. */
export type PublicationScope = { uptId: string } | { partnerId: string }

export async function recordPublication(
  db: DB,
  agreementId: string,
  scope: PublicationScope,
  v: Omit<PublicationForm, 'intent'>,
  actor: Actor,
  today: string = todayIn(),
) {
  if (v.publishedOn > today) throw new DomainError('outcome.future', 'publishedOn')
  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('agreements')
      .select(['id', 'program_id', 'partner_id', 'upt_id', 'kind', 'status'])
      .where('id', '=', agreementId)
    q = 'uptId' in scope ? q.where('upt_id', '=', scope.uptId) : q.where('partner_id', '=', scope.partnerId)
    const a = await q.executeTakeFirst()
    if (!a) throw new NotFoundError('agreement')
    if (a.kind !== 'publication') throw new DomainError('publication.notPublicationAgreement')
    if (a.status === 'cancelled') throw new DomainError('outcome.agreementCancelled')
    const id = newId()
    await trx
      .insertInto('outcomes')
      .values({
        id,
        upt_id: a.upt_id,
        program_id: a.program_id,
        agreement_id: a.id,
        partner_id: a.partner_id,
        kind: 'publication',
        metric: 'publication',
        count: 1,
        value_rupiah: null,
        capital_form: null,
        certifying_body: null,
        link: v.url ?? null,
        channel: v.outlet,
        reach: v.reach ?? null,
        medium: v.medium,
        sales_rupiah: v.medium === 'exhibition' ? (v.salesRupiah ?? null) : null,
        occurred_on: v.publishedOn,
        note: null,
        recorded_by: actor.userId,
        created_at: nowIso(),
      })
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'publication.recorded',
      targetType: 'agreement',
      targetId: a.id,
      ip: actor.ip,
      details: {
        medium: v.medium,
        reach: v.reach ?? null,
        salesRupiah: v.medium === 'exhibition' ? (v.salesRupiah ?? null) : null,
      },
    })
    return { id }
  })
}

export interface MediumFigures {
  /** null: publications recorded before media were (shown as "not stated") */
  medium: PublicationMedium | null
  count: number
  reach: number
  salesRupiah: number
}

export interface PublicationFilter {
  partnerId?: string
  year?: number
  kanwilId?: string
  provinceId?: string
  uptId?: string
}

/** Publications, reach and exhibition sales per medium, in the order of PUBLICATION_MEDIA (not stated last). */
export async function publicationsByMedium(db: DB, f: PublicationFilter): Promise<MediumFigures[]> {
  let q = db
    .selectFrom('outcomes as oc')
    .innerJoin('upts as u', 'u.id', 'oc.upt_id')
    .where('oc.metric', '=', 'publication')
  if (f.partnerId) q = q.where('oc.partner_id', '=', f.partnerId)
  if (f.year) q = q.where('oc.occurred_on', '>=', `${f.year}-01-01`).where('oc.occurred_on', '<=', `${f.year}-12-31`)
  if (f.kanwilId) q = q.where('u.kanwil_id', '=', f.kanwilId)
  if (f.provinceId) q = q.where('u.province_id', '=', f.provinceId)
  if (f.uptId) q = q.where('oc.upt_id', '=', f.uptId)
  const rows = await q
    .select([
      'oc.medium',
      sql<number>`coalesce(sum(oc.count), 0)`.as('count'),
      sql<number>`coalesce(sum(oc.reach), 0)`.as('reach'),
      sql<number>`coalesce(sum(oc.sales_rupiah), 0)`.as('sales'),
    ])
    .groupBy('oc.medium')
    .execute()
  const order = (m: string | null) =>
    m === null ? PUBLICATION_MEDIA.length : PUBLICATION_MEDIA.indexOf(m as PublicationMedium)
  return rows
    .map((r) => ({ medium: r.medium, count: Number(r.count), reach: Number(r.reach), salesRupiah: Number(r.sales) }))
    .sort((a, b) => order(a.medium) - order(b.medium))
}
