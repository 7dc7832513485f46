import type { StripePayout } from '#app/domain/payments/payout-plan.ts'
/** The hosted-page providers (docs/decisions/008, 022); bank transfer needs none. */
export type ProviderName = 'stripe' | 'midtrans'
export const PROVIDER_NAMES: readonly ProviderName[] = ['stripe', 'midtrans']

/**
 * The payment provider adapter. Orders talk to this interface only, so another provider
 * (Xendit, Midtrans) can be added without touching orders. Amounts are integer rupiah here;
 * each adapter converts at its own boundary.
 */
export interface CheckoutLine {
  name: string
  /** rupiah per unit */
  unitAmount: number
  quantity: number
}

export interface CreateCheckoutInput {
  orderNumber: string
  lines: CheckoutLine[]
  /** rupiah; must equal the sum of the lines (shipping is a line) */
  totalAmount: number
  customerEmail: string
  successUrl: string
  cancelUrl: string
  /** same order -> same key, so a retried request never creates a second session */
  idempotencyKey: string
  /** seconds since epoch; Stripe allows 30 minutes to 24 hours from now */
  expiresAt?: number
  /** the order's n-th hosted-page attempt (Midtrans needs a new order id for each; default 1) */
  attempt?: number
}

export interface CheckoutSession {
  sessionId: string
  url: string
}

export type PaymentEventType =
  | 'checkout.completed'
  | 'checkout.async_succeeded'
  | 'checkout.async_failed'
  | 'checkout.expired'
  | 'charge.refunded'
  | 'payout.paid'
  | 'ignored'

/** A provider's webhook event reduced to what the portal acts on. */
export interface PaymentEvent {
  provider: ProviderName
  eventId: string
  type: PaymentEventType
  rawType: string
  created: number
  sessionId: string | null
  orderNumber: string | null
  /** 'paid' | 'unpaid' | 'no_payment_required' for checkout events */
  paymentStatus: string | null
  /** whole rupiah; null when the provider's amount is not a whole number of rupiah (never rounded) */
  amount: number | null
  /** the amount exactly as the provider sent it, in its minor units (Stripe: IDR x100) */
  amountMinor: number | null
  currency: string | null
  paymentIntentId: string | null
  chargeId: string | null
  /** cumulative refunded amount on the charge, whole rupiah (charge.refunded); null when not whole */
  amountRefunded: number | null
  payoutId: string | null
  /** payout.paid: the payout as Stripe sent it (minor units) */
  payout: StripePayout | null
  /** Midtrans: the channel the buyer paid by (`qris`, `bank_transfer`, `gopay`…), which sets the fee */
  channel?: string | null
}

export interface RefundInput {
  paymentIntentId: string
  /** rupiah */
  amount: number
  idempotencyKey: string
  reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent'
  metadata?: Record<string, string>
}

export interface PaymentProvider {
  readonly name: ProviderName
  createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession>
  /** Verifies the signature on the raw body and returns the normalised event; throws WebhookSignatureError. */
  parseWebhook(rawBody: string, signatureHeader: string | null): Promise<PaymentEvent>
  refund(input: RefundInput): Promise<{ refundId: string; status: string }>
}

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError'
}

/** The provider could not be asked (network, 5xx): the webhook answers 5xx so it is redelivered. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError'
}

export class PaymentAmountError extends Error {
  override name = 'PaymentAmountError'
  constructor(readonly code: 'payment.amountTooSmall' | 'payment.amountTooLarge') {
    super(code)
  }
}
