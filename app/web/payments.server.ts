import type { DB } from '#db/client.ts'
import { applyPaymentEvent } from '#app/domain/payments/card.ts'
import { notifyPaid } from '#app/domain/payments/notify.server.ts'
import {
  type PaymentProvider,
  ProviderUnavailableError,
  WebhookSignatureError,
} from '#app/integrations/payments/types.ts'
import { allocatePendingPayouts } from '#app/integrations/stripe-payouts.server.ts'
import { log } from '#app/lib/log.server.ts'

/**
 * One webhook delivery: verify the signature on the raw body, apply the event (event id and
 * effects in one transaction), answer 200 only after the commit. Notifications go out after.
 */
export async function handleProviderWebhook(
  db: DB,
  provider: PaymentProvider,
  rawBody: string,
  signature: string | null,
  appUrl: string,
  secretKey?: string,
) {
  let event
  try {
    event = await provider.parseWebhook(rawBody, signature)
  } catch (error) {
    // The provider could not be asked about the event (Midtrans' status check): 503, so it
    // redelivers; nothing is written.
    if (error instanceof ProviderUnavailableError) {
      log.warn({ err: error, provider: provider.name }, 'payment provider unavailable for webhook')
      return { status: 503, body: { error: 'provider unavailable' } }
    }
    // A bad signature, a stale timestamp or a body that is not an event: refused, nothing written.
    const reason = error instanceof WebhookSignatureError ? 'invalid signature' : 'invalid payload'
    return { status: 400, body: { error: reason } }
  }
  const result = await applyPaymentEvent(db, event)
  if (result.paidSubOrderIds.length) {
    try {
      await notifyPaid(db, { subOrderIds: result.paidSubOrderIds, appUrl })
    } catch (error) {
      // The payment is recorded; a failed email must not make the provider redeliver.
      log.warn({ err: error, subOrderIds: result.paidSubOrderIds }, 'payment notification failed')
    }
  }
  if (result.outcome === 'recorded' && secretKey) {
    // The payout is committed; allocating it needs Stripe's API. A failure here leaves it
    // pending for the payouts job, and never makes Stripe redeliver.
    try {
      await allocatePendingPayouts(db, secretKey)
    } catch (error) {
      log.warn({ err: error }, 'payout allocation deferred')
    }
  }
  return { status: 200, body: { received: true, outcome: result.outcome } }
}
