import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { ledgerPaymentConfirmed } from '../../app/domain/payments/ledger.ts'
import { newPaymentRow } from '../../app/domain/payments/rows.ts'
import { newId } from '../../app/lib/ids.ts'
import { nowIso } from '../../app/lib/time.ts'
import { DEMO_PRODUCTS } from './demo-market.ts'

const BANKS = ['Bank Rakyat Indonesia', 'Bank Negara Indonesia', 'Bank Mandiri', 'Bank Syariah Indonesia']

/** Every UPT that sells in the demo gets a (fictional) receiving account, so bank transfer works out of the box. */
export async function seedPaymentsDemo(db: Kysely<Database>, now: Date = new Date()) {
  const slugs = [...new Set(DEMO_PRODUCTS.map((p) => p.upt))]
  const upts = await db
    .selectFrom('upts')
    .select(['id', 'slug', 'name'])
    .where('slug', 'in', slugs)
    .orderBy('slug')
    .execute()
  let i = 0
  for (const u of upts) {
    i++
    await db
      .insertInto('upt_bank_accounts')
      .values({
        upt_id: u.id,
        bank_name: BANKS[i % BANKS.length]!,
        account_number: `00${String(7_310_000_000 + i * 1_234_567)}`,
        account_holder: `BPN 0${String(40 + i)} ${u.name}`.slice(0, 120),
        updated_by: null,
        updated_at: nowIso(now),
      })
      .onConflict((oc) => oc.column('upt_id').doNothing())
      .execute()
  }
  await seedDemoOrderPayments(db)
}

/** Demo orders that are already paid get the card payment behind them, so finance can refund them. */
export async function seedDemoOrderPayments(db: Kysely<Database>) {
  const orders = await db
    .selectFrom('orders')
    .select(['id', 'order_number', 'paid_at', 'created_at'])
    .where('status', '=', 'paid')
    .orderBy('order_number')
    .execute()
  for (const o of orders) {
    const subs = await db.selectFrom('sub_orders').select(['id', 'total']).where('order_id', '=', o.id).execute()
    const amount = subs.reduce((x, s) => x + s.total, 0)
    const at = o.paid_at ?? o.created_at
    const key = o.order_number.replace(/\D/g, '')
    const paymentId = newId()
    await db
      .insertInto('payments')
      .values(
        newPaymentRow({
          id: paymentId,
          order_id: o.id,
          method: 'card',
          provider: 'stripe',
          status: 'paid',
          amount,
          reference: o.order_number,
          deadline: at,
          provider_session_id: `cs_test_demo_${key}`,
          provider_payment_intent_id: `pi_test_demo_${key}`,
          amount_received: amount,
          created_at: at,
          paid_at: at,
        }),
      )
      .execute()
    // The same ledger posting a real payment makes, so /finance agrees with the orders.
    await ledgerPaymentConfirmed(db, { paymentId, subOrderIds: subs.map((x) => x.id), paidAt: at })
  }
}
