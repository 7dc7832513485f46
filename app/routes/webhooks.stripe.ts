import type { ActionFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { getCardProvider, stripeCredentials } from '#app/integrations/payments/stripe.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { handleProviderWebhook } from '#app/utils/payments.server.ts'

/** Stripe's webhook: verified on the raw body; 200 only once the event and its effects are committed. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return data({ error: 'method not allowed' }, { status: 405 })
  const provider = getCardProvider()
  if (!provider) return data({ error: 'card payments are not configured' }, { status: 404 })
  const raw = await request.text()
  const r = await handleProviderWebhook(getDb(), provider, raw, request.headers.get('stripe-signature'), getEnv().appUrl, stripeCredentials()?.secretKey)
  return data(r.body, { status: r.status })
}

export function loader() {
  return data({ error: 'method not allowed' }, { status: 405, headers: { Allow: 'POST' } })
}
