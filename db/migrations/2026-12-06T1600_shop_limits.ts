import type { Kysely } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * Limits on anonymous buying (ADR 017): orders per IP and per email address in a
 * window, and units one guest order may hold. Key/value with integer values, like
 * payment_settings; missing keys fall back to the defaults in app/domain/orders/limits.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .createTable('shop_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', int, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shop_settings').execute()
}
