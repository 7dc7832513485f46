import type { ActiveSession } from '#app/domain/identity/sessions.ts'
import { requireUser } from './session.server.ts'

/** Any admin; returns the Kanwil they are limited to, or null for a national admin. */
export async function requireAdmin(request: Request): Promise<{ session: ActiveSession; kanwilId: string | null }> {
  const session = await requireUser(request, { permission: 'admin.access' })
  const admins = session.principal.grants.filter((g) => g.role === 'admin')
  const national = admins.some((g) => g.kanwilId === null)
  return { session, kanwilId: national ? null : (admins[0]?.kanwilId ?? null) }
}
