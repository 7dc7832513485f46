import { sql, type Kysely } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * Signed PKS documents (PDF) uploaded by either party of an agreement. Every upload is a new
 * version row, never overwritten; the highest version is "the PKS". The file lives outside the
 * public folder under a server-made name; the uploader's file name is kept only as display text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .createTable('agreement_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('version', int, (c) => c.notNull().check(sql`version > 0`))
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text')
    .addColumn('size_bytes', int, (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('agreement_documents_version')
    .on('agreement_documents')
    .columns(['agreement_id', 'version'])
    .unique()
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agreement_documents').execute()
}
