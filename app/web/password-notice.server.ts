import type { DB } from '#db/client.ts'
import { getUserContact } from '#app/domain/identity/queries.ts'
import { parseLang, translator } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { formatDateTime } from '#app/lib/format.ts'

/**
 * Tells the account's owner that its password was changed or reset (ASVS: users are notified of
 * changes to their authentication details), with the way back in should it not have been them.
 */
export async function notifyPasswordChanged(db: DB, userId: string, now: Date = new Date()): Promise<void> {
  const user = await getUserContact(db, userId)
  const lang = parseLang(user.locale) ?? 'id'
  const t = translator(lang)
  await sendEmail(db, {
    to: user.email,
    subject: t('password.changedEmailSubject'),
    text: t('password.changedEmailBody', {
      name: user.name,
      at: formatDateTime(now.toISOString(), 'Asia/Jakarta', lang),
      link: `${getEnv().appUrl}/forgot-password`,
    }),
  })
}
