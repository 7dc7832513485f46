import type { DB } from '#db/client.ts'
import { type Lang, translator } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { formatRupiah } from '#app/lib/format.ts'

/**
 * After a payment's transaction commits: the buyer's receipt, and a note to the staff of each
 * UPT whose sub-order is now paid and waiting to be processed. Emails are recorded in the
 * outbox table before any SMTP call, never inside the payment's transaction.
 */
export async function notifyPaid(db: DB, input: { subOrderIds: string[]; lang?: Lang; appUrl: string }) {
  if (input.subOrderIds.length === 0) return
  const t = translator(input.lang ?? 'id')
  const subs = await db
    .selectFrom('sub_orders as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .innerJoin('upts as u', 'u.id', 's.upt_id')
    .select(['s.id', 's.number', 's.total', 's.upt_id', 'o.order_number', 'o.buyer_email', 'u.name as upt_name'])
    .where('s.id', 'in', input.subOrderIds)
    .orderBy('s.number')
    .execute()
  if (subs.length === 0) return
  const first = subs[0]!
  await sendEmail(db, {
    to: first.buyer_email,
    subject: t('payment.receiptSubject', { number: first.order_number }),
    text: t('payment.receiptBody', {
      number: first.order_number,
      lines: subs.map((s) => `- ${s.number} (${s.upt_name}): ${formatRupiah(s.total)}`).join('\n'),
      total: formatRupiah(subs.reduce((x, s) => x + s.total, 0)),
    }),
  })
  for (const s of subs) {
    const staff = await db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.email')
      .where('r.upt_id', '=', s.upt_id)
      .where('r.role', '=', 'upt_staff')
      .where('r.revoked_at', 'is', null)
      .execute()
    for (const m of staff) {
      await sendEmail(db, {
        to: m.email,
        subject: t('payment.staffSubject', { number: s.number }),
        text: t('payment.staffBody', {
          number: s.number,
          upt: s.upt_name,
          total: formatRupiah(s.total),
          link: `${input.appUrl}/upt/${s.upt_id}/orders/${s.id}`,
        }),
      })
    }
  }
}

/** The buyer hears why a transfer was rejected (after the decision is committed). */
export async function notifyTransferRejected(db: DB, input: { paymentId: string; lang?: Lang }) {
  const t = translator(input.lang ?? 'id')
  const p = await db
    .selectFrom('payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .select(['p.reference', 'p.reject_reason', 'p.amount', 'o.buyer_email'])
    .where('p.id', '=', input.paymentId)
    .executeTakeFirst()
  if (!p) return
  await sendEmail(db, {
    to: p.buyer_email,
    subject: t('payment.rejectedSubject', { number: p.reference }),
    text: t('payment.rejectedBody', {
      number: p.reference,
      amount: formatRupiah(p.amount),
      reason: p.reject_reason ?? '',
    }),
  })
}
