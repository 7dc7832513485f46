import type { DB } from '#db/client.ts'
import type { ActiveSession } from '#app/domain/identity/sessions.ts'
import { authorize } from '#app/domain/identity/authorize.ts'
import { getAgreement, type Side } from '#app/domain/agreements/agreements.ts'
import { translator, type Lang } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { getDb } from './db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { notFound, requireUser } from './session.server.ts'

/** The partner organisation a signed-in member works for (first grant), if any. */
export function partnerIdOf(session: ActiveSession): string | null {
  return session.principal.grants.find((g) => g.role === 'partner_member')?.partnerId ?? null
}

export function uptIdOf(session: ActiveSession): string | null {
  return session.principal.grants.find((g) => g.role === 'upt_staff')?.uptId ?? null
}

/** Which side of a proposal or agreement this user acts for (partner first), or null. */
export function sideOf(session: ActiveSession, party: { partner_id: string; upt_id: string; kanwil_id: string }): Side | null {
  if (authorize(session.principal, 'partner.manage', { partnerId: party.partner_id })) return 'partner'
  if (authorize(session.principal, 'upt.manage', { uptId: party.upt_id, kanwilId: party.kanwil_id })) return 'upt'
  return null
}

/**
 * The agreement named in the URL, for either party or an admin of its Kanwil: 404 when there is
 * no such agreement, 403 (audited) for anyone else. Also says which side the user acts for.
 */
export async function requireAgreement(request: Request, id: string | undefined) {
  const session = await requireUser(request)
  const a = await getAgreement(getDb(), id ?? '')
  if (!a) notFound()
  await requireUser(request, { permission: 'agreement.view', scope: { partnerId: a.partner_id, uptId: a.upt_id, kanwilId: a.kanwil_id } })
  return { session, a, side: sideOf(session, a) }
}

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
