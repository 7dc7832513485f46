import { type Kysely, sql } from 'kysely'

/**
 * Trust pages (ADR 023): About, Contact, Terms, Privacy, Returns & complaints, FAQ. Every save
 * by a national admin is a new version (both languages at once, Markdown); the page shows the
 * newest. Defaults are written by the seed (app/domain/content/defaults.ts) as version 1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_page_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title_id', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('site_page_versions_slug_version', ['slug', 'version'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_page_versions').execute()
}
