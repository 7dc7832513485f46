import { getUpt } from '#app/domain/registry/upts.ts'
import { getDb } from './db.server.ts'
import { notFound, requireUser } from './session.server.ts'

/** Staff of this UPT (or an admin of its Kanwil / national): unknown id 404, other UPT 403 (audited). */
export async function requireUptManager(request: Request, uptId: string | undefined) {
  const upt = await getUpt(getDb(), uptId ?? '')
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  const session = await requireUser(request, { permission: 'upt.manage', scope: { uptId: upt.id, kanwilId: upt.kanwil_id } })
  return { session, upt }
}

/** The same guard under the name the marketplace pages use. */
export const requireUptStaff = requireUptManager
