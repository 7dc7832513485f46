import { type Kysely, sql } from 'kysely'
import { integerType, isPostgres } from '../dialect.ts'

/** Marketplace: catalog (products, images, FTS5 search), carts, orders split per UPT. */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
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
    .addColumn('price', int, (c) => c.notNull().check(sql`price >= 0`))
    .addColumn('stock_mode', 'text', (c) => c.notNull().check(sql`stock_mode in ('stock','made_to_order')`))
    .addColumn('stock', int, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`stock >= 0`),
    )
    .addColumn('lead_time_days', int)
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('weight_grams', int, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','published','archived')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('products_status_sector')
    .on('products')
    .columns(['status', 'sector_id', 'price'])
    .execute()
  await db.schema.createIndex('products_upt_status').on('products').columns(['upt_id', 'status']).execute()
  await db.schema.createIndex('products_status_price').on('products').columns(['status', 'price']).execute()
  await db.schema
    .createIndex('products_status_created')
    .on('products')
    .columns(['status', 'created_at', 'id'])
    .execute()

  await db.schema
    .createTable('product_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('thumb_name', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', int, (c) => c.notNull())
    .addColumn('height', int, (c) => c.notNull())
    .addColumn('bytes', int, (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('sort', int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('product_images_product').on('product_images').columns(['product_id', 'sort']).execute()

  if (isPostgres(db)) {
    // The same search on PostgreSQL: a `products_fts` table (product_id, document) kept in sync
    // by a trigger, GIN-indexed. The text search configuration strips accents (unaccent) and
    // folds case (simple: no stemming, no stop words), as FTS5's unicode61 remove_diacritics 2;
    // weights A/B/C for name/description/story give the ranking its 10/3/1 (db/search.ts).
    await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db)
    await sql`CREATE TEXT SEARCH CONFIGURATION mitra_search (COPY = simple)`.execute(db)
    await sql`ALTER TEXT SEARCH CONFIGURATION mitra_search ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple`.execute(
      db,
    )
    await sql`CREATE TABLE products_fts (
      product_id text PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
      document tsvector NOT NULL
    )`.execute(db)
    await sql`CREATE INDEX products_fts_document ON products_fts USING gin (document)`.execute(db)
    await sql`CREATE FUNCTION products_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO products_fts (product_id, document) VALUES (NEW.id,
          setweight(to_tsvector('mitra_search', NEW.name), 'A') ||
          setweight(to_tsvector('mitra_search', NEW.description), 'B') ||
          setweight(to_tsvector('mitra_search', coalesce(NEW.story, '')), 'C'))
        ON CONFLICT (product_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NEW;
      END
    $$`.execute(db)
    await sql`CREATE TRIGGER products_fts_sync AFTER INSERT OR UPDATE OF name, description, story ON products
      FOR EACH ROW EXECUTE FUNCTION products_fts_sync()`.execute(db)
  } else {
    // Standalone FTS5 index kept in sync by triggers; diacritics and case folded by the tokenizer.
    await sql`create virtual table products_fts using fts5(product_id unindexed, name, description, story, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    )
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
  }

  await db.schema
    .createTable('upt_shipping_rates')
    .addColumn('upt_id', 'text', (c) => c.primaryKey().references('upts.id'))
    .addColumn('same_province', int, (c) => c.notNull().check(sql`same_province >= 0`))
    .addColumn('same_island', int, (c) => c.notNull().check(sql`same_island >= 0`))
    .addColumn('other', int, (c) => c.notNull().check(sql`other >= 0`))
    .addColumn('pickup', int, (c) => c.notNull().defaultTo(1))
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
    .addColumn('qty', int, (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('price_at_add', int, (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cart_items_pk', ['cart_id', 'product_id'])
    .execute()

  await db.schema
    .createTable('order_counters')
    .addColumn('year', int, (c) => c.primaryKey())
    .addColumn('last', int, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('retail')
        .check(sql`kind in ('retail','offtake')`),
    )
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
    .addColumn('subtotal', int, (c) => c.notNull())
    .addColumn('shipping_total', int, (c) => c.notNull())
    .addColumn('total', int, (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending_payment','paid','expired','cancelled')`),
    )
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
      c
        .notNull()
        .check(
          sql`status in ('pending_payment','paid','processing','shipped','completed','cancelled','expired','refunded')`,
        ),
    )
    .addColumn('subtotal', int, (c) => c.notNull())
    .addColumn('shipping_fee', int, (c) => c.notNull())
    .addColumn('total', int, (c) => c.notNull())
    .addColumn('courier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('stock_released_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sub_orders_upt_status')
    .on('sub_orders')
    .columns(['upt_id', 'status', 'created_at'])
    .execute()
  await db.schema.createIndex('sub_orders_order').on('sub_orders').column('order_id').execute()

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sub_order_id', 'text', (c) => c.notNull().references('sub_orders.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price', int, (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn('qty', int, (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('line_total', int, (c) => c.notNull())
    .addColumn('reserved', int, (c) => c.notNull().defaultTo(0))
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
  for (const t of [
    'sub_order_events',
    'order_lines',
    'sub_orders',
    'orders',
    'order_counters',
    'cart_items',
    'carts',
    'upt_shipping_rates',
  ]) {
    await db.schema.dropTable(t).execute()
  }
  await sql`drop table products_fts`.execute(db)
  if (isPostgres(db)) {
    await sql`DROP FUNCTION IF EXISTS products_fts_sync()`.execute(db)
    await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS mitra_search`.execute(db)
  }
  await db.schema.dropTable('product_images').execute()
  await db.schema.dropTable('products').execute()
}
