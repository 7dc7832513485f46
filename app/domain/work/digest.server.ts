import type { DB } from '#db/client.ts'
import { DEFAULT_LANG, parseLang, translator } from '#app/i18n/index.ts'
import { deliverEmail, queueEmail } from '#app/integrations/email.server.ts'
import { loadGrants } from '#app/domain/identity/sessions.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { todayIn } from '#app/lib/time.ts'
import { totalWaiting, workFor, type WorkSection } from './queries.ts'

/** The digest's text: one block per role, one line per item with its count and link. */
export function digestText(sections: WorkSection[], lang: string, appUrl: string): { subject: string; text: string } {
  const t = translator(parseLang(lang) ?? DEFAULT_LANG)
  const blocks = sections
    .filter((s) => s.items.length > 0)
    .map((s) =>
      [
        `${t(`role.${s.role}`)} · ${s.scope ?? t('work.national')}`,
        ...s.items.map((i) => `- ${i.count} ${t(i.key)}: ${appUrl}${i.href}`),
      ].join('\n'),
    )
  return {
    subject: t('work.digest.subject', { count: totalWaiting(sections) }),
    text: [t('work.digest.intro'), ...blocks, t('work.digest.footer', { link: `${appUrl}/account` })].join('\n\n'),
  }
}

/**
 * Queues today's work digest (Asia/Jakarta day) for everyone who works here, wants it and has
 * something waiting, at most once a day each: the day is claimed by a conditional update in the
 * transaction that queues the email, so two processes running the job queue it once. Emails are
 * delivered after each commit. Returns how many were queued.
 */
export async function queueWorkDigests(db: DB, o: { appUrl: string; today?: string }): Promise<number> {
  const today = o.today ?? todayIn()
  const users = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.email', 'u.locale'])
    .where('u.disabled_at', 'is', null)
    .where('u.work_digest', '=', 1)
    .where((eb) => eb.or([eb('u.work_digest_sent_on', 'is', null), eb('u.work_digest_sent_on', '<', today)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignments as r')
          .select('r.id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.revoked_at', 'is', null)
          .where('r.role', '!=', 'buyer'),
      ),
    )
    .orderBy('u.id')
    .execute()
  let queued = 0
  for (const user of users) {
    const sections = await workFor(db, { userId: user.id, grants: await loadGrants(db, user.id) }, today)
    if (totalWaiting(sections) === 0) continue
    const { subject, text } = digestText(sections, user.locale, o.appUrl)
    const emailId = await inTransaction(db, async (trx) => {
      const claimed = await trx
        .updateTable('users')
        .set({ work_digest_sent_on: today })
        .where('id', '=', user.id)
        .where('work_digest', '=', 1)
        .where((eb) => eb.or([eb('work_digest_sent_on', 'is', null), eb('work_digest_sent_on', '<', today)]))
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) return null
      return queueEmail(trx, { to: user.email, subject, text })
    })
    if (!emailId) continue
    queued++
    if (!db.isTransaction) await deliverEmail(db, emailId)
  }
  return queued
}
