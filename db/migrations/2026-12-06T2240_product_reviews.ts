import { type Kysely, sql } from 'kysely'

/**
 * Reviews by buyers (issue 14, item 5): one per order line of a completed sub-order, editable for
 * a while; the selling UPT replies and hides abusive ones with a reason. The displayed name is
 * made when the review is written (first name + initial, or "Pembeli"), never the full name.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_line_id', 'text', (c) => c.notNull().unique().references('order_lines.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('rating', 'integer', (c) => c.notNull().check(sql`rating between 1 and 5`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_by', 'text', (c) => c.references('users.id'))
    .addColumn('replied_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'text', (c) => c.references('users.id'))
    .addColumn('hidden_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('product_reviews_product')
    .on('product_reviews')
    .columns(['product_id', 'hidden_at', 'created_at'])
    .execute()
  await db.schema.createIndex('product_reviews_upt').on('product_reviews').columns(['upt_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('product_reviews').execute()
}
