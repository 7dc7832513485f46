import type { Kysely } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * A TOTP code is accepted once: the time step of the last accepted code is remembered per user,
 * and a code of that step or an earlier one is refused (login, changing or removing a factor).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema.alterTable('users').addColumn('totp_last_step', int).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute()
}
