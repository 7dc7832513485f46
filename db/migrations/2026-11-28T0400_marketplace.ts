import { type Kysely, sql } from 'kysely'

/** Marketplace: catalog (products, images, FTS5 search), carts, orders split per UPT. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('program_id', 'text')
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sectors.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('story', 'text')
    .addColumn('price', 'integer', (c) => c.notNull().check(sql`price >= 0`))
    .addColumn('stock_mode', 'text', (c) => c.notNull().check(sql`stock_mode in ('stock','made_to_order')`))
    .addColumn('stock', 'integer', (c) => c.notNull().defaultTo(0).check(sql`stock >= 0`))
    .addColumn('lead_time_days', 'integer')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('weight_grams', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft','published','archived')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('products_status_sector').on('products').columns(['status', 'sector_id', 'price']).execute()
  await db.schema.createIndex('products_upt_status').on('products').columns(['upt_id', 'status']).execute()
  await db.schema.createIndex('products_status_price').on('products').columns(['status', 'price']).execute()
  await db.schema.createIndex('products_status_created').on('products').columns(['status', 'created_at', 'id']).execute()

  await db.schema
    .createTable('product_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('thumb_name', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('product_images_product').on('product_images').columns(['product_id', 'sort']).execute()

  // Standalone FTS5 index kept in sync by triggers; diacritics and case folded by the tokenizer.
  await sql`create virtual table products_fts using fts5(product_id unindexed, name, description, story, tokenize = 'unicode61 remove_diacritics 2')`.execute(db)
  await sql`create trigger products_fts_ai after insert on products begin
    insert into products_fts(product_id, name, description, story) values (new.id, new.name, new.description, coalesce(new.story, ''));
  end`.execute(db)
  await sql`create trigger products_fts_au after update of name, description, story on products begin
    delete from products_fts where product_id = old.id;
    insert into products_fts(product_id, name, description, story) values (new.id, new.name, new.description, coalesce(new.story, ''));
  end`.execute(db)
  await sql`create trigger products_fts_ad after delete on products begin
    delete from products_fts where product_id = old.id;
  end`.execute(db)

  await db.schema
    .createTable('upt_shipping_rates')
    .addColumn('upt_id', 'text', (c) => c.primaryKey().references('upts.id'))
    .addColumn('same_province', 'integer', (c) => c.notNull().check(sql`same_province >= 0`))
    .addColumn('same_island', 'integer', (c) => c.notNull().check(sql`same_island >= 0`))
    .addColumn('other', 'integer', (c) => c.notNull().check(sql`other >= 0`))
    .addColumn('pickup', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('carts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('cart_items')
    .addColumn('cart_id', 'text', (c) => c.notNull().references('carts.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('price_at_add', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cart_items_pk', ['cart_id', 'product_id'])
    .execute()

  await db.schema
    .createTable('order_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('retail').check(sql`kind in ('retail','offtake')`))
    .addColumn('agreement_id', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('buyer_email', 'text', (c) => c.notNull())
    .addColumn('buyer_phone', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull().check(sql`delivery in ('ship','pickup')`))
    .addColumn('address', 'text')
    .addColumn('city', 'text')
    .addColumn('province_id', 'text', (c) => c.references('provinces.id'))
    .addColumn('postal_code', 'text')
    .addColumn('subtotal', 'integer', (c) => c.notNull())
    .addColumn('shipping_total', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending_payment','paid','expired','cancelled')`))
    .addColumn('status_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('reserved_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .execute()
  await db.schema.createIndex('orders_status_reserved').on('orders').columns(['status', 'reserved_until']).execute()
  await db.schema.createIndex('orders_user').on('orders').columns(['user_id', 'created_at']).execute()

  await db.schema
    .createTable('sub_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending_payment','paid','processing','shipped','completed','cancelled','expired','refunded')`),
    )
    .addColumn('subtotal', 'integer', (c) => c.notNull())
    .addColumn('shipping_fee', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('courier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('stock_released_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sub_orders_upt_status').on('sub_orders').columns(['upt_id', 'status', 'created_at']).execute()
  await db.schema.createIndex('sub_orders_order').on('sub_orders').column('order_id').execute()

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sub_order_id', 'text', (c) => c.notNull().references('sub_orders.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'integer', (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('line_total', 'integer', (c) => c.notNull())
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('order_lines_sub_order').on('order_lines').column('sub_order_id').execute()

  await db.schema
    .createTable('sub_order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sub_order_id', 'text', (c) => c.notNull().references('sub_orders.id'))
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sub_order_events_sub').on('sub_order_events').columns(['sub_order_id', 'at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sub_order_events', 'order_lines', 'sub_orders', 'orders', 'order_counters', 'cart_items', 'carts', 'upt_shipping_rates']) {
    await db.schema.dropTable(t).execute()
  }
  await sql`drop table products_fts`.execute(db)
  await db.schema.dropTable('product_images').execute()
  await db.schema.dropTable('products').execute()
}
