import { getUpt } from '#app/domain/registry/upts.ts'
import { getDb } from './db.server.ts'
import { notFound, requireUser } from './session.server.ts'

/** Guard for a UPT's money pages: finance of that UPT or national finance; unknown ids 404, others 403 (audited). */
export async function requireUptFinance(request: Request, uptId: string | undefined) {
  const upt = await getUpt(getDb(), uptId ?? '')
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  const session = await requireUser(request, { permission: 'upt.finance', scope: { uptId: upt.id } })
  return { upt, session }
}
