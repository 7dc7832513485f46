import { getUpt } from '#app/domain/registry/upts.ts'
import { getDb } from './db.server.ts'
import { notFound, requireUser } from './session.server.ts'

/** The UPT named in the URL, after checking the user may manage it (unknown ids: 404). */
export async function requireUptManager(request: Request, uptId: string | undefined) {
  const upt = await getUpt(getDb(), uptId ?? '')
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  const session = await requireUser(request, { permission: 'upt.manage', scope: { uptId: upt.id, kanwilId: upt.kanwil_id } })
  return { session, upt }
}
