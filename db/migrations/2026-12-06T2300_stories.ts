import { type Kysely, sql } from 'kysely'

/**
 * Stories (Cerita, issue 15 item 1; ADR 025): written by a UPT's staff or a verified partner
 * about a UPT's program, agreement or products, reviewed by an admin of the UPT's Kanwil (or a
 * national admin) before anyone else sees them. Photos are re-encoded WebP files in the upload
 * storage (`story-<uuid>.webp`), never an inmate's identity.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('program_id', 'text', (c) => c.references('programs.id'))
    .addColumn('agreement_id', 'text', (c) => c.references('agreements.id'))
    .addColumn('kind', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('summary_en', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','returned','published')`))
    .addColumn('no_identification_confirmed', 'integer', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('stories_status_published_idx')
    .on('stories')
    .columns(['status', 'published_at'])
    .execute()
  await db.schema.createIndex('stories_upt_idx').on('stories').columns(['upt_id', 'status']).execute()

  await db.schema
    .createTable('story_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('thumb_name', 'text', (c) => c.notNull().unique())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('story_photos_story_idx').on('story_photos').columns(['story_id', 'sort']).execute()

  await db.schema
    .createTable('story_products')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addPrimaryKeyConstraint('story_products_pk', ['story_id', 'product_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('story_products').execute()
  await db.schema.dropTable('story_photos').execute()
  await db.schema.dropTable('stories').execute()
}
