import type { DB } from '#db/client.ts'
import { type Lang, translator } from '#app/i18n/index.ts'
import { deliverEmail, queueEmail, sendEmail } from '#app/integrations/email.server.ts'
import { formatDateTime, formatRupiah } from '#app/lib/format.ts'
import { expireDueReservations } from './fulfilment.ts'

/**
 * The buyer's first email: the secret status link. Sent after the order's transaction commits.
 * Anyone can type any address at checkout, so nothing the buyer typed (name, address, phone) is
 * in it: only what the portal itself made (number, total, time, link). ADR 017.
 */
export async function emailOrderPlaced(db: DB, input: { lang: Lang; appUrl: string; orderId: string; token: string }) {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', input.orderId).executeTakeFirstOrThrow()
  const t = translator(input.lang)
  await sendEmail(db, {
    to: order.buyer_email,
    subject: t('order.emailSubject', { number: order.order_number }),
    text: t('order.emailBody', {
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
      tracking:
        s.status === 'shipped' && s.courier
          ? t('order.trackingLine', { courier: s.courier, tracking: s.tracking_number ?? '' })
          : '',
    }),
  })
}

/**
 * Tells the buyer their unpaid order expired. Orders do not store the language they were placed
 * in, so a signed-in buyer gets their account language and a guest gets Indonesian.
 */
/** Queues the "your order expired" email; call inside the transaction that expired the order. */
export async function queueOrderExpiredEmail(trx: DB, input: { appUrl: string; orderId: string }) {
  const order = await trx
    .selectFrom('orders as o')
    .leftJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.order_number', 'o.buyer_email', 'u.locale'])
    .where('o.id', '=', input.orderId)
    .executeTakeFirstOrThrow()
  const t = translator(order.locale === 'en' ? 'en' : 'id')
  return queueEmail(trx, {
    to: order.buyer_email,
    subject: t('order.expiredSubject', { number: order.order_number }),
    text: t('order.expiredBody', { number: order.order_number, link: `${input.appUrl}/products` }),
  })
}

/**
 * The reservation-expiry job: expires due orders, each in its own transaction, and queues the
 * buyer's email in the same transaction, so an order expires with its email or not at all (two
 * runs or two processes: one email per order). Delivery happens after commit; anything not
 * delivered is retried by the email job.
 */
export async function expireReservationsAndNotify(db: DB, input: { appUrl: string; now?: Date }) {
  const queued: string[] = []
  const { subOrders, expiredOrderIds } = await expireDueReservations(db, input.now, async (trx, orderId) => {
    queued.push(await queueOrderExpiredEmail(trx, { appUrl: input.appUrl, orderId }))
  })
  for (const id of queued) await deliverEmail(db, id)
  return { subOrders, emailed: expiredOrderIds.length }
}
