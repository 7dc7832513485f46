import type { DB } from '#db/client.ts'
import type { Side } from '#app/domain/agreements/lifecycle.ts'
import { translator, type Lang } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { getEnv } from '#app/lib/env.server.ts'

async function recipients(db: DB, side: Side, id: string): Promise<{ email: string; lang: Lang }[]> {
  const users = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.email', 'u.locale'])
    .where('r.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .where(side === 'partner' ? 'r.partner_id' : 'r.upt_id', '=', id)
    .where('r.role', '=', side === 'partner' ? 'partner_member' : 'upt_staff')
    .execute()
  const out = new Map<string, Lang>()
  if (side === 'partner') {
    const p = await db.selectFrom('partners').select('contact_email').where('id', '=', id).executeTakeFirst()
    if (p) out.set(p.contact_email.toLowerCase(), 'id')
  }
  for (const u of users) out.set(u.email.toLowerCase(), u.locale === 'en' ? 'en' : 'id')
  return [...out].map(([email, lang]) => ({ email, lang }))
}

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
    for (const r of await recipients(db, side, side === 'partner' ? parties.partnerId : parties.uptId)) {
      const t = translator(r.lang)
      const params = { ...message.params, link, ...(message.statusKey ? { status: t(message.statusKey) } : {}) }
      await sendEmail(db, { to: r.email, subject: t(message.subject, params), text: t(message.body, params) })
    }
  }
}
