import type { DB } from '#db/client.ts'
import { type Lang, translator } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { formatDateTime, formatRupiah } from '#app/utils/format.ts'
import { expireDueReservations } from './orders.ts'

/** The buyer's first email: the secret status link. Sent after the order's transaction commits. */
export async function emailOrderPlaced(db: DB, input: { lang: Lang; appUrl: string; orderId: string; token: string }) {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', input.orderId).executeTakeFirstOrThrow()
  const t = translator(input.lang)
  await sendEmail(db, {
    to: order.buyer_email,
    subject: t('order.emailSubject', { number: order.order_number }),
    text: t('order.emailBody', {
      name: order.buyer_name,
      number: order.order_number,
      total: formatRupiah(order.total),
      time: formatDateTime(order.reserved_until, 'Asia/Jakarta', input.lang),
      link: `${input.appUrl}/orders/${order.order_number}/${input.token}`,
    }),
  })
}

/** Tells the buyer a sub-order changed status (paid, processing, shipped, completed, cancelled). */
export async function emailSubOrderUpdate(db: DB, input: { lang: Lang; subOrderId: string }) {
  const s = await db
    .selectFrom('sub_orders as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .select(['s.number', 's.status', 's.courier', 's.tracking_number', 'o.buyer_email', 'u.name as upt_name'])
    .where('s.id', '=', input.subOrderId)
    .executeTakeFirstOrThrow()
  const t = translator(input.lang)
  const status = t(`order.status.${s.status}`)
  await sendEmail(db, {
    to: s.buyer_email,
    subject: t('order.updateSubject', { number: s.number, status }),
    text: t('order.updateBody', {
      number: s.number,
      upt: s.upt_name,
      status,
      tracking: s.status === 'shipped' && s.courier ? t('order.trackingLine', { courier: s.courier, tracking: s.tracking_number ?? '' }) : '',
    }),
  })
}

/**
 * Tells the buyer their unpaid order expired. Orders do not store the language they were placed
 * in, so a signed-in buyer gets their account language and a guest gets Indonesian.
 */
export async function emailOrderExpired(db: DB, input: { appUrl: string; orderId: string }) {
  const order = await db
    .selectFrom('orders as o')
    .leftJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.order_number', 'o.buyer_name', 'o.buyer_email', 'u.locale'])
    .where('o.id', '=', input.orderId)
    .executeTakeFirstOrThrow()
  const t = translator(order.locale === 'en' ? 'en' : 'id')
  await sendEmail(db, {
    to: order.buyer_email,
    subject: t('order.expiredSubject', { number: order.order_number }),
    text: t('order.expiredBody', { name: order.buyer_name, number: order.order_number, link: `${input.appUrl}/products` }),
  })
}

/**
 * The reservation-expiry job: expires due orders (each in its own transaction) and, after each
 * commit, emails the buyer of every order this run moved to expired. The conditional update inside
 * the transaction decides who sends, so two runs or two processes send one email per order.
 */
export async function expireReservationsAndNotify(db: DB, input: { appUrl: string; now?: Date }) {
  const { subOrders, expiredOrderIds } = await expireDueReservations(db, input.now)
  for (const orderId of expiredOrderIds) {
    try {
      await emailOrderExpired(db, { appUrl: input.appUrl, orderId })
    } catch (error) {
      console.error(`order expiry email for ${orderId} failed: ${(error as Error).message}`)
    }
  }
  return { subOrders, emailed: expiredOrderIds.length }
}
