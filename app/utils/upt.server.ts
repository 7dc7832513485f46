import { getUpt } from '#app/domain/registry/upts.ts'
import { getDb } from './db.server.ts'
import { notFound, requireUser } from './session.server.ts'

/** Guard for a UPT's own pages: unknown ids are 404, other UPTs' ids 403 (audited). */
export async function requireUptStaff(request: Request, uptId: string | undefined) {
  const upt = await getUpt(getDb(), uptId ?? '')
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  const session = await requireUser(request, { permission: 'upt.manage', scope: { uptId: upt.id, kanwilId: upt.kanwil_id } })
  return { upt, session }
}
