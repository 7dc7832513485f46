import { authorize } from '#app/domain/identity/authorize.ts'
import type { ActiveSession } from '#app/domain/identity/sessions.ts'
import { getUpt } from '#app/domain/registry/upts.ts'
import { getDb } from './db.server.ts'
import { denied, notFound, requireUser } from './session.server.ts'

/** Any finance user: the UPT they are limited to, or null for national finance. */
export async function requireFinance(request: Request): Promise<{ session: ActiveSession; uptId: string | null }> {
  const session = await requireUser(request)
  const grants = session.principal.grants.filter((g) => g.role === 'finance')
  if (!grants.length) await denied(request, session.user.id, 'upt.finance')
  const national = grants.some((g) => g.uptId === null)
  return { session, uptId: national ? null : grants[0]!.uptId }
}

/** Finance of this UPT or national finance; unknown ids 404, other UPTs 403 (audited). */
export async function requireUptFinance(request: Request, uptId: string | undefined) {
  const upt = await getUpt(getDb(), uptId ?? '')
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  const session = await requireUser(request, { permission: 'upt.finance', scope: { uptId: upt.id } })
  return { session, upt, national: authorize(session.principal, 'finance.national') }
}
