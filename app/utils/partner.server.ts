import type { Permission } from '#app/domain/identity/authorize.ts'
import { getDb } from './db.server.ts'
import { requireUser } from './session.server.ts'

/**
 * The signed-in partner member and their organisation. Someone without a partner grant gets 403;
 * `permission` ('partner.manage' by default, 'partner.own' for owner-only pages) is checked
 * against that organisation.
 */
export async function requirePartner(request: Request, permission: Permission = 'partner.manage') {
  const session = await requireUser(request)
  const grant = session.principal.grants.find((g) => g.role === 'partner_member' && g.partnerId)
  await requireUser(request, { permission, scope: { partnerId: grant?.partnerId ?? '__none__' } })
  const partner = await getDb().selectFrom('partners').selectAll().where('id', '=', grant!.partnerId!).executeTakeFirstOrThrow()
  return { session, partner, isOwner: grant!.partnerRole === 'owner' }
}
