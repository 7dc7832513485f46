import type { DB } from '#db/client.ts'
import type { Lang } from '#app/i18n/index.ts'
import { todayIn } from '#app/lib/time.ts'
import { type Side, proposalStatusSql } from './lifecycle.ts'

const agreementBase = (db: DB) =>
  db
    .selectFrom('agreements as a')
    .innerJoin('offers as o', 'o.id', 'a.offer_id')
    .innerJoin('programs as g', 'g.id', 'a.program_id')
    .innerJoin('partners as pa', 'pa.id', 'a.partner_id')
    .innerJoin('upts as u', 'u.id', 'a.upt_id')

export async function getAgreement(db: DB, id: string) {
  return agreementBase(db)
    .selectAll('a')
    .select([
      'o.title as offer_title',
      'g.title as program_title',
      'pa.name as partner_name',
      'pa.slug as partner_slug',
      'u.name as upt_name',
      'u.kanwil_id',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst()
}

export async function getProposal(db: DB, id: string, today: string = todayIn()) {
  return db
    .selectFrom('proposals as pr')
    .innerJoin('offers as o', 'o.id', 'pr.offer_id')
    .innerJoin('program_needs as n', 'n.id', 'pr.need_id')
    .innerJoin('programs as g', 'g.id', 'n.program_id')
    .innerJoin('partners as pa', 'pa.id', 'pr.partner_id')
    .innerJoin('upts as u', 'u.id', 'pr.upt_id')
    .selectAll('pr')
    .select([
      proposalStatusSql(today).as('effective_status'),
      'o.title as offer_title',
      'o.kind',
      'o.unit',
      'o.capacity_remaining',
      'n.quantity as need_quantity',
      'n.quantity_covered as need_covered',
      'g.title as program_title',
      'pa.name as partner_name',
      'u.name as upt_name',
      'u.kanwil_id',
    ])
    .where('pr.id', '=', id)
    .executeTakeFirst()
}

export interface Party {
  partnerId?: string
  uptId?: string
}

/** Proposals and agreements of one partner or one UPT, newest first. */
export async function listDeals(db: DB, party: Party, page = 1, pageSize = 20, today: string = todayIn()) {
  let proposals = db
    .selectFrom('proposals as pr')
    .innerJoin('offers as o', 'o.id', 'pr.offer_id')
    .innerJoin('program_needs as n', 'n.id', 'pr.need_id')
    .innerJoin('programs as g', 'g.id', 'n.program_id')
    .innerJoin('partners as pa', 'pa.id', 'pr.partner_id')
    .innerJoin('upts as u', 'u.id', 'pr.upt_id')
    .select([
      'pr.id',
      'pr.quantity',
      'pr.proposed_by_side',
      'pr.expires_on',
      'pr.created_at',
      proposalStatusSql(today).as('status'),
      'o.title as offer_title',
      'o.kind',
      'o.unit',
      'g.title as program_title',
      'pa.name as partner_name',
      'u.name as upt_name',
    ])
    .where('pr.status', '=', 'proposed')
    .orderBy('pr.created_at', 'desc')
  if (party.partnerId) proposals = proposals.where('pr.partner_id', '=', party.partnerId)
  if (party.uptId) proposals = proposals.where('pr.upt_id', '=', party.uptId)
  let agreements = agreementBase(db)
  if (party.partnerId) agreements = agreements.where('a.partner_id', '=', party.partnerId)
  if (party.uptId) agreements = agreements.where('a.upt_id', '=', party.uptId)
  const total = Number((await agreements.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const items = await agreements
    .select([
      'a.id',
      'a.number',
      'a.status',
      'a.kind',
      'a.quantity',
      'a.unit',
      'a.start_date',
      'a.end_date',
      'o.title as offer_title',
      'g.title as program_title',
      'pa.name as partner_name',
      'u.name as upt_name',
    ])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return { proposals: await proposals.limit(100).execute(), agreements: { items, total } }
}

/** Open (unexpired) proposals between these offers and needs, keyed `offerId|needId`. */
export async function openProposalsFor(
  db: DB,
  f: { partnerId?: string; uptId?: string },
  today: string = todayIn(),
): Promise<Record<string, string>> {
  let q = db
    .selectFrom('proposals')
    .select(['id', 'offer_id', 'need_id'])
    .where('status', '=', 'proposed')
    .where('expires_on', '>=', today)
  if (f.partnerId) q = q.where('partner_id', '=', f.partnerId)
  if (f.uptId) q = q.where('upt_id', '=', f.uptId)
  return Object.fromEntries((await q.execute()).map((r) => [`${r.offer_id}|${r.need_id}`, r.id]))
}

/** Who hears about a deal on one side: its members or staff (each in their language) and, for a partner, its contact address. */
export async function dealRecipients(db: DB, side: Side, id: string): Promise<{ email: string; lang: Lang }[]> {
  const users = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.email', 'u.locale'])
    .where('r.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .where(side === 'partner' ? 'r.partner_id' : 'r.upt_id', '=', id)
    .where('r.role', '=', side === 'partner' ? 'partner_member' : 'upt_staff')
    .execute()
  const out = new Map<string, Lang>()
  if (side === 'partner') {
    const p = await db.selectFrom('partners').select('contact_email').where('id', '=', id).executeTakeFirst()
    if (p) out.set(p.contact_email.toLowerCase(), 'id')
  }
  for (const u of users) out.set(u.email.toLowerCase(), u.locale === 'en' ? 'en' : 'id')
  return [...out].map(([email, lang]) => ({ email, lang }))
}
