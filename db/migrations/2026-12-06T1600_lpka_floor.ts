import type { Kysely } from 'kysely'

/**
 * The LPKA floor (ADR 016): production capital and offtake are never allowed for an LPKA.
 * Earlier the settings page could switch them on; such rows are switched off here so the table
 * says what the portal does (the code ignores them anyway).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('support_kind_settings')
    .set({ allowed: 0 })
    .where('scope_type', '=', 'upt_type')
    .where('scope_value', '=', 'lpka')
    .where('kind', 'in', ['capital', 'absorption'])
    .execute()
}

export async function down(): Promise<void> {
  // Nothing to undo: the rows were already refused by the code.
}
