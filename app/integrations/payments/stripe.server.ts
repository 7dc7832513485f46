import Stripe from 'stripe'
import { getEnv } from '#app/lib/env.server.ts'
import {
  type CheckoutSession,
  type CreateCheckoutInput,
  PaymentAmountError,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentProvider,
  type RefundInput,
  WebhookSignatureError,
} from './types.ts'

/**
 * IDR is a two-decimal currency in Stripe's API: amounts are sent in "sen" (rupiah x 100), and
 * only here. Limits: Stripe's smallest card charge is about USD 0.50 and the largest IDR amount
 * it accepts has 12 digits in minor units; we refuse outside these before calling Stripe.
 */
export const STRIPE_MIN_RUPIAH = 10_000
export const STRIPE_MAX_RUPIAH = 9_999_999_999
export const toStripeAmount = (rupiah: number) => rupiah * 100
/** Whole rupiah from Stripe's minor units, or null when they carry sen: never rounded into a match. */
export const fromStripeAmount = (minor: number | null | undefined): number | null =>
  Number.isSafeInteger(minor) && minor! % 100 === 0 ? minor! / 100 : null
/** Signed webhooks older than this are refused (replay protection). */
export const WEBHOOK_TOLERANCE_SECONDS = 300

export function checkStripeAmount(rupiah: number) {
  if (rupiah < STRIPE_MIN_RUPIAH) throw new PaymentAmountError('payment.amountTooSmall')
  if (rupiah > STRIPE_MAX_RUPIAH) throw new PaymentAmountError('payment.amountTooLarge')
}

/** Demo/test credentials used only with MOCKS (msw answers every Stripe call). */
export const MOCK_STRIPE_SECRET_KEY = 'sk_test_mitra_lipas_mock'
export const MOCK_STRIPE_WEBHOOK_SECRET = 'whsec_mitra_lipas_mock'

export function stripeCredentials(): { secretKey: string; webhookSecret: string } | null {
  const env = getEnv()
  if (env.stripeSecretKey && env.stripeWebhookSecret)
    return { secretKey: env.stripeSecretKey, webhookSecret: env.stripeWebhookSecret }
  if (env.mocks) return { secretKey: MOCK_STRIPE_SECRET_KEY, webhookSecret: MOCK_STRIPE_WEBHOOK_SECRET }
  return null
}

const TYPE_MAP: Record<string, PaymentEventType> = {
  'checkout.session.completed': 'checkout.completed',
  'checkout.session.async_payment_succeeded': 'checkout.async_succeeded',
  'checkout.session.async_payment_failed': 'checkout.async_failed',
  'checkout.session.expired': 'checkout.expired',
  'charge.refunded': 'charge.refunded',
  'payout.paid': 'payout.paid',
}

/** A Stripe reference that may be an id or an expanded object. */
export const idOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : null

export function normaliseStripeEvent(event: Stripe.Event): PaymentEvent {
  const type = TYPE_MAP[event.type] ?? 'ignored'
  const base: PaymentEvent = {
    provider: 'stripe',
    eventId: event.id,
    type,
    rawType: event.type,
    created: event.created,
    sessionId: null,
    orderNumber: null,
    paymentStatus: null,
    amount: null,
    amountMinor: null,
    currency: null,
    paymentIntentId: null,
    chargeId: null,
    amountRefunded: null,
    payoutId: null,
    payout: null,
  }
  const obj = event.data.object as unknown as Record<string, unknown>
  if (type.startsWith('checkout.')) {
    const s = obj as unknown as Stripe.Checkout.Session
    return {
      ...base,
      sessionId: s.id,
      orderNumber: s.metadata?.order_number ?? s.client_reference_id ?? null,
      paymentStatus: s.payment_status,
      amount: fromStripeAmount(s.amount_total),
      amountMinor: Number.isSafeInteger(s.amount_total) ? s.amount_total : null,
      currency: s.currency,
      paymentIntentId: idOf(s.payment_intent),
    }
  }
  if (type === 'charge.refunded') {
    const c = obj as unknown as Stripe.Charge
    return {
      ...base,
      chargeId: c.id,
      paymentIntentId: idOf(c.payment_intent),
      amount: fromStripeAmount(c.amount),
      amountMinor: Number.isSafeInteger(c.amount) ? c.amount : null,
      amountRefunded: fromStripeAmount(c.amount_refunded),
      currency: c.currency,
    }
  }
  if (type === 'payout.paid') {
    const p = obj as unknown as Stripe.Payout
    return {
      ...base,
      payoutId: p.id,
      amount: fromStripeAmount(p.amount),
      amountMinor: Number.isSafeInteger(p.amount) ? p.amount : null,
      currency: p.currency,
      // A payout without these fields is not one we can book: the event is kept as unmatched.
      payout:
        typeof p.id === 'string' &&
        Number.isSafeInteger(p.amount) &&
        typeof p.currency === 'string' &&
        typeof p.status === 'string' &&
        Number.isSafeInteger(p.arrival_date)
          ? { id: p.id, amount: p.amount, currency: p.currency, status: p.status, arrival_date: p.arrival_date }
          : null,
    }
  }
  return base
}

/** Stripe's API client; the fetch client lets msw answer it in tests and in the offline demo. */
export const stripeClient = (secretKey: string) =>
  new Stripe(secretKey, { httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 2 })

export function createStripeProvider(credentials: { secretKey: string; webhookSecret: string }): PaymentProvider {
  const stripe = stripeClient(credentials.secretKey)
  const crypto = Stripe.createSubtleCryptoProvider()
  return {
    name: 'stripe',
    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession> {
      checkStripeAmount(input.totalAmount)
      const sum = input.lines.reduce((s, l) => s + l.unitAmount * l.quantity, 0)
      if (sum !== input.totalAmount) throw new Error(`Checkout lines sum to ${sum}, total is ${input.totalAmount}`)
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          currency: 'idr',
          client_reference_id: input.orderNumber,
          metadata: { order_number: input.orderNumber },
          payment_intent_data: { metadata: { order_number: input.orderNumber } },
          customer_email: input.customerEmail,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          expires_at: input.expiresAt,
          line_items: input.lines.map((l) => ({
            quantity: l.quantity,
            price_data: {
              currency: 'idr',
              unit_amount: toStripeAmount(l.unitAmount),
              product_data: { name: l.name.slice(0, 250) },
            },
          })),
        },
        { idempotencyKey: input.idempotencyKey },
      )
      if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
      return { sessionId: session.id, url: session.url }
    },
    async parseWebhook(rawBody: string, signatureHeader: string | null): Promise<PaymentEvent> {
      if (!signatureHeader) throw new WebhookSignatureError('Missing Stripe-Signature header')
      let event: Stripe.Event
      try {
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          signatureHeader,
          credentials.webhookSecret,
          WEBHOOK_TOLERANCE_SECONDS,
          crypto,
        )
      } catch (error) {
        throw new WebhookSignatureError((error as Error).message)
      }
      return normaliseStripeEvent(event)
    },
    async refund(input: RefundInput) {
      const refund = await stripe.refunds.create(
        {
          payment_intent: input.paymentIntentId,
          amount: toStripeAmount(input.amount),
          reason: input.reason,
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      )
      return { refundId: refund.id, status: refund.status ?? 'pending' }
    },
  }
}

/** Signs a payload the way Stripe does (for the simulated checkout page and tests). */
export async function signStripePayload(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): Promise<string> {
  const stripe = new Stripe(MOCK_STRIPE_SECRET_KEY, { httpClient: Stripe.createFetchHttpClient() })
  return stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret,
    timestamp,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  })
}

let cached: { key: string; provider: PaymentProvider } | undefined
/** The configured card provider, or null when card payment is unavailable (no keys, no mocks). */
export function getCardProvider(): PaymentProvider | null {
  const creds = stripeCredentials()
  if (!creds) return null
  if (cached?.key !== creds.secretKey + creds.webhookSecret)
    cached = { key: creds.secretKey + creds.webhookSecret, provider: createStripeProvider(creds) }
  return cached.provider
}

/**
 * Dev/test only: the simulated hosted Checkout page reads the session from the (mocked) API,
 * marks it paid or expired there, and delivers the matching signed webhook to this app.
 */
export async function simulateCheckoutOutcome(sessionId: string, outcome: 'pay' | 'expire') {
  const env = getEnv()
  if (!env.mocks) throw new Error('Simulated checkout is only available with MOCKS')
  const creds = stripeCredentials()!
  const api = `https://api.stripe.com/v1/test_helpers/mock/checkout/sessions/${encodeURIComponent(sessionId)}/${outcome}`
  const res = await fetch(api, { method: 'POST', headers: { Authorization: `Bearer ${creds.secretKey}` } })
  if (!res.ok) throw new Error(`Mock Stripe refused ${outcome} for ${sessionId}`)
  const session = (await res.json()) as Record<string, unknown>
  const event = {
    id: `evt_test_${sessionId.slice(-16)}_${outcome}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: outcome === 'pay' ? 'checkout.session.completed' : 'checkout.session.expired',
    data: { object: session },
  }
  const payload = JSON.stringify(event)
  const signature = await signStripePayload(payload, creds.webhookSecret)
  const delivered = await fetch(`${env.appUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
    body: payload,
  })
  return { session, delivered: delivered.status }
}

export async function retrieveCheckoutSession(sessionId: string): Promise<Stripe.Checkout.Session | null> {
  const creds = stripeCredentials()
  if (!creds) return null
  const stripe = new Stripe(creds.secretKey, { httpClient: Stripe.createFetchHttpClient() })
  try {
    return await stripe.checkout.sessions.retrieve(sessionId)
  } catch {
    return null
  }
}
