import type { Kysely } from 'kysely'

/**
 * The daily work digest (issue 16, item 1): each user may switch it off on /account (on by
 * default), and the day (Asia/Jakarta, YYYY-MM-DD) of the last digest queued makes it at most one
 * a day: the job claims the day with a conditional update before it queues the email.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('work_digest', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.alterTable('users').addColumn('work_digest_sent_on', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('work_digest_sent_on').execute()
  await db.schema.alterTable('users').dropColumn('work_digest').execute()
}
