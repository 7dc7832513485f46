import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { audit } from '#app/domain/audit/log.ts'
import { cartCountCookie } from '#app/web/cart.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { clientIp } from '#app/web/request.server.ts'
import { endSession, getSession } from '#app/web/session.server.ts'

// Logout is a POST (no GET changes data); a stray GET just goes home.
export async function loader() {
  throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request)
  const cookie = await endSession(request)
  if (session) {
    await audit(getDb(), {
      actorUserId: session.user.id,
      action: 'logout',
      targetType: 'user',
      targetId: session.user.id,
      ip: clientIp(request),
    })
  }
  const headers = new Headers({ 'Set-Cookie': cookie })
  // The account's cart stays with the account: the header shows none once signed out.
  headers.append('Set-Cookie', cartCountCookie(0))
  throw redirect('/', { headers })
}
