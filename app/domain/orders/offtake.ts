import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { DomainError } from '../errors.ts'
import { placeOfftakeOrder } from './orders.ts'

/**
 * Offtake orders: a partner with an active absorption agreement buys the program's output at the
 * agreed unit price through the ordinary order pipeline (stock reservation, invoice, bank
 * transfer). Units are counted against the agreement: units per month x months of the agreement.
 */
export interface OfftakeAgreement {
  id: string
  upt_id: string
  partner_id: string
  kind: string
  status: string
  quantity: number
  start_date: string
  end_date: string
  offer_terms: string
}

export function agreementMonths(start: string, end: string): number {
  const [ys, ms, ds] = start.split('-').map(Number) as [number, number, number]
  const [ye, me, de] = end.split('-').map(Number) as [number, number, number]
  const months = (ye - ys) * 12 + (me - ms) + (de >= ds ? 1 : 0)
  return Math.max(1, months)
}

export function offtakeTerms(a: OfftakeAgreement): { unitPrice: number; totalUnits: number } {
  const terms = JSON.parse(a.offer_terms) as { unitPrice?: unknown }
  const unitPrice = typeof terms.unitPrice === 'number' && Number.isInteger(terms.unitPrice) ? terms.unitPrice : null
  if (unitPrice === null) throw new DomainError('offtake.noPrice')
  return { unitPrice, totalUnits: a.quantity * agreementMonths(a.start_date, a.end_date) }
}

export async function loadOfftakeAgreement(db: DB, agreementId: string): Promise<OfftakeAgreement | undefined> {
  return db
    .selectFrom('agreements as a')
    .innerJoin('offers as o', 'o.id', 'a.offer_id')
    .select(['a.id', 'a.upt_id', 'a.partner_id', 'a.kind', 'a.status', 'a.quantity', 'a.start_date', 'a.end_date', 'o.terms as offer_terms'])
    .where('a.id', '=', agreementId)
    .executeTakeFirst()
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
  buyerName: string
  buyerEmail: string
  buyerPhone: string
}

export async function placeAgreementOfftake(db: DB, input: PlaceOfftakeInput) {
  const a = input.agreement
  if (a.kind !== 'absorption') throw new DomainError('offtake.notAbsorption')
  if (a.status !== 'active') throw new DomainError('offtake.notActive')
  const { unitPrice, totalUnits } = offtakeTerms(a)
  const product = await db.selectFrom('products').select(['id', 'upt_id', 'status']).where('id', '=', input.productId).executeTakeFirst()
  if (!product || product.upt_id !== a.upt_id || product.status !== 'published') throw new DomainError('offtake.productInvalid', 'productId')
  return placeOfftakeOrder(db, {
    userId: input.userId,
    buyerName: input.buyerName,
    buyerEmail: input.buyerEmail,
    buyerPhone: input.buyerPhone,
    delivery: 'pickup',
    agreementId: a.id,
    productId: product.id,
    qty: input.qty,
    unitPrice,
    // Checked inside the order's own IMMEDIATE transaction, so two orders cannot both take the last units.
    guard: async (trx) => {
      const ordered = await offtakeUnitsOrdered(trx, a.id)
      if (ordered + input.qty > totalUnits) throw new DomainError('offtake.exceeds', 'qty', { left: Math.max(0, totalUnits - ordered) })
    },
  })
}
