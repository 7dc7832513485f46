import type { ActionFunctionArgs } from '@remix-run/node'
import { getCardProvider, stripeCredentials } from '#app/integrations/payments/stripe.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { handleProviderWebhook } from '#app/web/payments.server.ts'

// A resource route answers with Response objects: under single fetch a returned `data()` is
// serialised as a 200 and its status is lost, and Stripe reads only the status (2xx = delivered,
// never retried). An event that cannot be applied throws, and the 500 makes Stripe redeliver.
const methodNotAllowed = () =>
  Response.json({ error: 'method not allowed' }, { status: 405, headers: { Allow: 'POST' } })

/** Stripe's webhook: verified on the raw body; 200 only once the event and its effects are committed. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed()
  const provider = getCardProvider()
  if (!provider) return Response.json({ error: 'card payments are not configured' }, { status: 404 })
  const raw = await request.text()
  const r = await handleProviderWebhook(
    getDb(),
    provider,
    raw,
    request.headers.get('stripe-signature'),
    getEnv().appUrl,
    stripeCredentials()?.secretKey,
  )
  return Response.json(r.body, { status: r.status })
}

export function loader() {
  return methodNotAllowed()
}
