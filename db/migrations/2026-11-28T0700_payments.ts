import { type Kysely, sql } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * Payments: card (Stripe hosted Checkout) and bank transfer attempts per order or sub-order,
 * the provider events already applied (dedupe, written in the same transaction as their
 * effects), refunds, UPT bank accounts and payment settings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .createTable('upt_bank_accounts')
    .addColumn('upt_id', 'text', (c) => c.primaryKey().references('upts.id'))
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('account_number', 'text', (c) => c.notNull())
    .addColumn('account_holder', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('payment_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', int, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    // null for a card payment (one Checkout Session for the whole order); set for a bank transfer to one UPT
    .addColumn('sub_order_id', 'text', (c) => c.references('sub_orders.id'))
    .addColumn('upt_id', 'text', (c) => c.references('upts.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('card','bank_transfer')`))
    .addColumn('provider', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('pending','processing','awaiting_second','paid','failed','expired','rejected','flagged')`,
        ),
    )
    .addColumn('amount', int, (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('unique_code', int)
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('attempt', int, (c) => c.notNull().defaultTo(1))
    .addColumn('provider_session_id', 'text', (c) => c.unique())
    .addColumn('provider_url', 'text')
    .addColumn('provider_payment_intent_id', 'text')
    .addColumn('amount_received', int)
    .addColumn('amount_refunded', int, (c) => c.notNull().defaultTo(0))
    .addColumn('flag_reason', 'text')
    .addColumn('proof_file', 'text')
    .addColumn('proof_uploaded_at', 'text')
    .addColumn('first_confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('first_confirmed_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .execute()
  await db.schema.createIndex('payments_order').on('payments').columns(['order_id', 'method']).execute()
  await db.schema
    .createIndex('payments_upt_status')
    .on('payments')
    .columns(['upt_id', 'status', 'created_at'])
    .execute()
  await db.schema.createIndex('payments_intent').on('payments').column('provider_payment_intent_id').execute()

  await db.schema
    .createTable('payment_events')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text')
    .addColumn('session_id', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('amount_refunded', int)
    .addColumn('created', int, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_events_pk', ['provider', 'event_id'])
    .execute()
  await db.schema
    .createIndex('payment_events_intent')
    .on('payment_events')
    .columns(['payment_intent_id', 'type'])
    .execute()

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sub_order_id', 'text', (c) => c.notNull().references('sub_orders.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('amount', int, (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('restock', int, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','succeeded','failed')`))
    .addColumn('provider_refund_id', 'text')
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('succeeded_at', 'text')
    .execute()
  await db.schema.createIndex('refunds_payment').on('refunds').columns(['payment_id', 'created_at']).execute()
  await db.schema.createIndex('refunds_sub_order').on('refunds').column('sub_order_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['refunds', 'payment_events', 'payments', 'payment_settings', 'upt_bank_accounts'])
    await db.schema.dropTable(t).execute()
}
