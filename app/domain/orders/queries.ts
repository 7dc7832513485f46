import { likeAnyCase } from '#db/sql.ts'
import type { DB } from '#db/client.ts'
import type { SubOrderStatus } from '#db/schema.ts'
import { hashToken } from '#app/lib/ids.ts'
import { PAGE_SIZE } from '#app/lib/pagination.ts'

/** The order behind a secret status link; null when the number or token is wrong. */
export async function getOrderByToken(db: DB, orderNumber: string, token: string) {
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where('order_number', '=', orderNumber)
    .where('status_token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!order) return null
  return {
    order: { ...order, province_name: await provinceName(db, order.province_id) },
    subOrders: await subOrdersWithLines(db, order.id),
  }
}

export async function getOrderForUser(db: DB, orderNumber: string, userId: string) {
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where('order_number', '=', orderNumber)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (!order) return null
  return {
    order: { ...order, province_name: await provinceName(db, order.province_id) },
    subOrders: await subOrdersWithLines(db, order.id),
  }
}

async function provinceName(db: DB, provinceId: string | null) {
  if (!provinceId) return null
  return (await db.selectFrom('provinces').select('name').where('id', '=', provinceId).executeTakeFirst())?.name ?? null
}

async function subOrdersWithLines(db: DB, orderId: string) {
  const subs = await db
    .selectFrom('sub_orders as s')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .leftJoin('upt_pickup_points as pp', 'pp.upt_id', 's.upt_id')
    .select([
      's.id',
      's.number',
      's.status',
      's.subtotal',
      's.shipping_fee',
      's.total',
      's.courier',
      's.tracking_number',
      'u.name as upt_name',
      'u.city as upt_city',
      'pp.address as pickup_address',
      'pp.hours as pickup_hours',
      'pp.contact as pickup_contact',
    ])
    .where('s.order_id', '=', orderId)
    .orderBy('s.number')
    .execute()
  const lines = subs.length
    ? await db
        .selectFrom('order_lines')
        .selectAll()
        .where(
          'sub_order_id',
          'in',
          subs.map((s) => s.id),
        )
        .execute()
    : []
  return subs.map(({ pickup_address, pickup_hours, pickup_contact, ...s }) => ({
    ...s,
    pickup:
      pickup_address !== null && pickup_hours !== null && pickup_contact !== null
        ? { address: pickup_address, hours: pickup_hours, contact: pickup_contact }
        : null,
    lines: lines.filter((l) => l.sub_order_id === s.id),
  }))
}

export async function listOrdersForUser(db: DB, userId: string, page: number) {
  const q = db.selectFrom('orders').where('user_id', '=', userId)
  const [rows, count] = await Promise.all([
    q
      .select(['order_number', 'status', 'total', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export async function listSubOrdersForUpt(
  db: DB,
  uptId: string,
  f: { status?: SubOrderStatus; q?: string; page: number },
) {
  let q = db.selectFrom('sub_orders as s').innerJoin('orders as o', 'o.id', 's.order_id').where('s.upt_id', '=', uptId)
  if (f.status) q = q.where('s.status', '=', f.status)
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('s.number', likeAnyCase(db), `%${f.q}%`), eb('o.buyer_name', likeAnyCase(db), `%${f.q}%`)]),
    )
  const [rows, count] = await Promise.all([
    q
      .select(['s.id', 's.number', 's.status', 's.total', 's.created_at', 'o.buyer_name', 'o.delivery'])
      .orderBy('s.created_at', 'desc')
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export async function getSubOrderForUpt(db: DB, uptId: string, subOrderId: string) {
  const sub = await db
    .selectFrom('sub_orders as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .leftJoin('provinces as p', 'p.id', 'o.province_id')
    .select([
      's.id',
      's.number',
      's.status',
      's.subtotal',
      's.shipping_fee',
      's.total',
      's.courier',
      's.tracking_number',
      's.created_at',
      's.order_id',
      'o.order_number',
      'o.kind',
      'o.buyer_name',
      'o.buyer_email',
      'o.buyer_phone',
      'o.delivery',
      'o.address',
      'o.city',
      'o.postal_code',
      'p.name as province_name',
      'u.name as upt_name',
      'u.city as upt_city',
      'u.timezone as upt_timezone',
    ])
    .where('s.id', '=', subOrderId)
    .where('s.upt_id', '=', uptId)
    .executeTakeFirst()
  if (!sub) return null
  const [lines, events] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('sub_order_id', '=', sub.id).execute(),
    db
      .selectFrom('sub_order_events')
      .select(['from_status', 'to_status', 'at', 'note'])
      .where('sub_order_id', '=', sub.id)
      .orderBy('at')
      .execute(),
  ])
  return { ...sub, lines, events }
}
