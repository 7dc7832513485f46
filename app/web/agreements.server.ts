import type { DB } from '#db/client.ts'
import type { Side } from '#app/domain/agreements/lifecycle.ts'
import { dealRecipients } from '#app/domain/agreements/queries.ts'
import { translator } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { getEnv } from '#app/lib/env.server.ts'

/**
 * Emails one side (or both) of a deal, each person in their language. Called after the
 * transaction commits: never hold a write transaction open across SMTP.
 */
export async function notifySides(
  db: DB,
  parties: { partnerId: string; uptId: string },
  sides: Side[],
  message: { subject: string; body: string; params: Record<string, string | number>; path: string; statusKey?: string },
) {
  const link = `${getEnv().appUrl}${message.path}`
  for (const side of sides) {
    for (const r of await dealRecipients(db, side, side === 'partner' ? parties.partnerId : parties.uptId)) {
      const t = translator(r.lang)
      const params = { ...message.params, link, ...(message.statusKey ? { status: t(message.statusKey) } : {}) }
      await sendEmail(db, { to: r.email, subject: t(message.subject, params), text: t(message.body, params) })
    }
  }
}
