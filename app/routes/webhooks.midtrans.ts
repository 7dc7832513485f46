import type { ActionFunctionArgs } from '@remix-run/node'
import { getMidtransProvider } from '#app/integrations/payments/midtrans.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { handleProviderWebhook } from '#app/web/payments.server.ts'

// Like /webhooks/stripe (a resource route: Response objects only). Midtrans retries a
// notification that did not get a 2xx, so a status check that failed answers 503 and an event
// that cannot be applied throws (500): both are redelivered.
const methodNotAllowed = () =>
  Response.json({ error: 'method not allowed' }, { status: 405, headers: { Allow: 'POST' } })

/**
 * Midtrans' HTTP notification: the signature in the body is checked (SHA-512 of order id, status
 * code, gross amount and server key), then the transaction is read back from the Get Status API
 * and applied once; 200 only after the commit.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed()
  const provider = getMidtransProvider()
  if (!provider) return Response.json({ error: 'midtrans is not configured' }, { status: 404 })
  const raw = await request.text()
  const r = await handleProviderWebhook(getDb(), provider, raw, null, getEnv().appUrl)
  return Response.json(r.body, { status: r.status })
}

export function loader() {
  return methodNotAllowed()
}
