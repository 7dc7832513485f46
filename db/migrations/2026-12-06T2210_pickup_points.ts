import type { Kysely } from 'kysely'

/**
 * Where a buyer collects a pickup order (issue 14, item 1): the UPT outlet's address, opening
 * hours and contact, kept by UPT staff on their shipping settings page. One row per UPT; a UPT
 * without one shows "ask the UPT" instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upt_pickup_points')
    .addColumn('upt_id', 'text', (c) => c.primaryKey().references('upts.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('upt_pickup_points').execute()
}
