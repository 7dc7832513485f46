import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { DomainError } from '../errors.ts'
import { neverAllowed } from '../registry/kinds.ts'
import { placeOfftakeOrder } from './checkout.ts'

/**
 * Offtake orders: a partner with an active absorption agreement buys the program's output at the
 * agreed unit price through the ordinary order pipeline (stock reservation, invoice, bank
 * transfer). Only products of the categories (sectors) the agreement covers qualify, at the price
 * and within the units accepted with it: units per month x months of the agreement. The terms and
 * sectors are those kept with the agreement at acceptance, not the offer's later edits (ADR 012).
 */
export interface OfftakeAgreement {
  id: string
  upt_id: string
  /** the UPT's type (lapas, rutan, lpka, bapas): an LPKA never takes production offtake */
  upt_type: string
  partner_id: string
  kind: string
  status: string
  quantity: number
  start_date: string
  end_date: string
  agreed_terms: string | null
  /** sectors (product categories) the agreement covers */
  sector_ids: string[]
}

export function agreementMonths(start: string, end: string): number {
  const [ys, ms, ds] = start.split('-').map(Number) as [number, number, number]
  const [ye, me, de] = end.split('-').map(Number) as [number, number, number]
  const months = (ye - ys) * 12 + (me - ms) + (de >= ds ? 1 : 0)
  return Math.max(1, months)
}

export function offtakeTerms(a: OfftakeAgreement): { unitPrice: number; totalUnits: number; category: string | null } {
  const terms = (a.agreed_terms ? JSON.parse(a.agreed_terms) : {}) as { unitPrice?: unknown; productCategory?: unknown }
  const unitPrice = typeof terms.unitPrice === 'number' && Number.isInteger(terms.unitPrice) ? terms.unitPrice : null
  if (unitPrice === null) throw new DomainError('offtake.noPrice')
  return {
    unitPrice,
    totalUnits: a.quantity * agreementMonths(a.start_date, a.end_date),
    category: typeof terms.productCategory === 'string' ? terms.productCategory : null,
  }
}

export async function loadOfftakeAgreement(db: DB, agreementId: string): Promise<OfftakeAgreement | undefined> {
  const a = await db
    .selectFrom('agreements as a')
    .innerJoin('upts as u', 'u.id', 'a.upt_id')
    .select([
      'a.id',
      'a.upt_id',
      'u.type as upt_type',
      'a.partner_id',
      'a.kind',
      'a.status',
      'a.quantity',
      'a.start_date',
      'a.end_date',
      'a.agreed_terms',
    ])
    .where('a.id', '=', agreementId)
    .executeTakeFirst()
  if (!a) return undefined
  const sectors = await db
    .selectFrom('agreement_sectors')
    .select('sector_id')
    .where('agreement_id', '=', a.id)
    .orderBy('sector_id')
    .execute()
  return { ...a, sector_ids: sectors.map((r) => r.sector_id) }
}

/**
 * Published products of the agreement's UPT in the categories it covers: what may be ordered
 * under it (or only `productId`, when it is one of them).
 */
/** What the offtake page names: the agreement's number, its UPT and the sectors it buys from. */
export async function offtakeDetails(db: DB, a: OfftakeAgreement) {
  const [info, sectors] = await Promise.all([
    db
      .selectFrom('agreements as g')
      .innerJoin('upts as u', 'u.id', 'g.upt_id')
      .select(['g.number', 'u.name as upt_name'])
      .where('g.id', '=', a.id)
      .executeTakeFirstOrThrow(),
    a.sector_ids.length
      ? db
          .selectFrom('sectors')
          .select(['name_id', 'name_en'])
          .where('id', 'in', a.sector_ids)
          .orderBy('sort')
          .execute()
      : [],
  ])
  return { number: info.number, uptName: info.upt_name, sectors }
}

export async function offtakeProducts(db: DB, a: OfftakeAgreement, productId?: string) {
  if (a.sector_ids.length === 0) return []
  let q = db
    .selectFrom('products')
    .select(['id', 'name', 'unit', 'stock', 'stock_mode'])
    .where('upt_id', '=', a.upt_id)
    .where('status', '=', 'published')
    .where('sector_id', 'in', a.sector_ids)
  if (productId !== undefined) q = q.where('id', '=', productId)
  return q.orderBy('name').execute()
}

/** Units already ordered under the agreement (orders that did not expire or get cancelled). */
export async function offtakeUnitsOrdered(db: DB, agreementId: string): Promise<number> {
  const row = await db
    .selectFrom('order_lines as l')
    .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .select(sql<number>`coalesce(sum(l.qty), 0)`.as('n'))
    .where('o.agreement_id', '=', agreementId)
    .where('o.status', 'not in', ['expired', 'cancelled'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface PlaceOfftakeInput {
  agreement: OfftakeAgreement
  productId: string
  qty: number
  userId: string
  /** the ordering member's address; name and phone are the organisation's */
  buyerEmail: string
}

/** A partner member orders from an active absorption agreement, at the agreed price, as the organisation. */
export async function placeAgreementOfftake(db: DB, input: PlaceOfftakeInput) {
  const a = input.agreement
  const partner = await db
    .selectFrom('partners')
    .select(['name', 'contact_phone'])
    .where('id', '=', a.partner_id)
    .executeTakeFirstOrThrow()
  if (a.kind !== 'absorption') throw new DomainError('offtake.notAbsorption')
  if (a.status !== 'active') throw new DomainError('offtake.notActive')
  // An agreement made before the LPKA floor (ADR 016) may still be active: it buys nothing.
  if (neverAllowed(a.upt_type, 'absorption')) throw new DomainError('offtake.lpkaFloor')
  const { unitPrice, totalUnits } = offtakeTerms(a)
  const [product] = await offtakeProducts(db, a, input.productId)
  if (!product) throw new DomainError('offtake.productInvalid', 'productId')
  return placeOfftakeOrder(db, {
    userId: input.userId,
    buyerName: partner.name,
    buyerEmail: input.buyerEmail,
    buyerPhone: partner.contact_phone ?? '-',
    delivery: 'pickup',
    agreementId: a.id,
    productId: product.id,
    qty: input.qty,
    unitPrice,
    // Checked inside the order's own IMMEDIATE transaction, so two orders cannot both take the last units.
    guard: async (trx) => {
      // A no-op write to the agreement's row first: on PostgreSQL it locks the row, so two orders
      // under one agreement queue here instead of both counting the same units (SERIALIZABLE
      // would also catch it, by a retry); on SQLite the IMMEDIATE transaction already serialises.
      await trx
        .updateTable('agreements')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', a.id)
        .execute()
      const ordered = await offtakeUnitsOrdered(trx, a.id)
      if (ordered + input.qty > totalUnits)
        throw new DomainError('offtake.exceeds', 'qty', { left: Math.max(0, totalUnits - ordered) })
    },
  })
}
