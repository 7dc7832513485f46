import { beforeEach, describe, expect, test } from 'vitest'
import {
  createStripeProvider,
  MOCK_STRIPE_SECRET_KEY,
  MOCK_STRIPE_WEBHOOK_SECRET,
  signStripePayload,
  STRIPE_MAX_RUPIAH,
} from '#app/integrations/payments/stripe.server.ts'
import { PaymentAmountError, WebhookSignatureError } from '#app/integrations/payments/types.ts'
import { stripeFixture, stripeMock } from '#tests/mocks/stripe.ts'

const provider = createStripeProvider({ secretKey: MOCK_STRIPE_SECRET_KEY, webhookSecret: MOCK_STRIPE_WEBHOOK_SECRET })
const checkout = (over: Partial<Parameters<typeof provider.createCheckout>[0]> = {}) =>
  provider.createCheckout({
    orderNumber: 'ML-2026-000042',
    lines: [
      { name: 'Batik tulis Semarang', unitAmount: 350_000, quantity: 2 },
      { name: 'Ongkos kirim', unitAmount: 25_000, quantity: 1 },
    ],
    totalAmount: 725_000,
    customerEmail: 'pembeli@contoh.id',
    successUrl: 'http://localhost:3000/orders/x?paid=1',
    cancelUrl: 'http://localhost:3000/orders/x',
    idempotencyKey: 'checkout-ML-2026-000042-1',
    ...over,
  })

beforeEach(() => stripeMock.reset())

describe('Stripe checkout', () => {
  test('sends IDR amounts x100, the order number and an idempotency key; a retry reuses the session', async () => {
    const first = await checkout()
    expect(first.url).toMatch(/\/dev\/stripe-checkout\/cs_test_/)
    const req = stripeMock.requests[0]!
    const form = new URLSearchParams(req.body)
    expect(form.get('currency')).toBe('idr')
    expect(form.get('line_items[0][price_data][unit_amount]')).toBe('35000000')
    expect(form.get('line_items[1][price_data][unit_amount]')).toBe('2500000')
    expect(form.get('client_reference_id')).toBe('ML-2026-000042')
    expect(form.get('metadata[order_number]')).toBe('ML-2026-000042')
    expect(req.idempotencyKey).toBe('checkout-ML-2026-000042-1')
    const again = await checkout()
    expect(again.sessionId).toBe(first.sessionId)
    expect(stripeMock.sessions.size).toBe(1)
  })

  test('amounts Stripe would refuse are refused before calling it', async () => {
    await expect(
      checkout({ lines: [{ name: 'Roti', unitAmount: 3000, quantity: 1 }], totalAmount: 3000 }),
    ).rejects.toBeInstanceOf(PaymentAmountError)
    await expect(
      checkout({
        lines: [{ name: 'Mebel', unitAmount: STRIPE_MAX_RUPIAH + 1, quantity: 1 }],
        totalAmount: STRIPE_MAX_RUPIAH + 1,
      }),
    ).rejects.toThrow('payment.amountTooLarge')
    expect(stripeMock.requests).toHaveLength(0)
  })

  test('refunds are sent in minor units with an idempotency key', async () => {
    await provider.refund({ paymentIntentId: 'pi_test_1', amount: 150_000, idempotencyKey: 'refund-1' })
    const form = new URLSearchParams(stripeMock.requests[0]!.body)
    expect(form.get('amount')).toBe('15000000')
    expect(stripeMock.requests[0]!.idempotencyKey).toBe('refund-1')
  })
})

describe('Stripe webhooks', () => {
  const session = stripeFixture('checkout.session', {
    id: 'cs_test_abc',
    amount_total: 72_500_000,
    currency: 'idr',
    metadata: { order_number: 'ML-2026-000042' },
    payment_status: 'paid',
    payment_intent: 'pi_test_abc',
  })
  const event = (type: string, object: Record<string, unknown>) =>
    JSON.stringify(stripeFixture('event', { id: `evt_${type}`, type, created: 1_790_000_000, data: { object } }))

  test('a correctly signed event is verified and normalised to rupiah', async () => {
    const payload = event('checkout.session.completed', session)
    const e = await provider.parseWebhook(payload, await signStripePayload(payload, MOCK_STRIPE_WEBHOOK_SECRET))
    expect(e).toMatchObject({
      type: 'checkout.completed',
      orderNumber: 'ML-2026-000042',
      amount: 725_000,
      paymentIntentId: 'pi_test_abc',
      paymentStatus: 'paid',
    })
  })

  test('a tampered body, a wrong secret, a stale timestamp or no signature is refused', async () => {
    const payload = event('checkout.session.completed', session)
    const sig = await signStripePayload(payload, MOCK_STRIPE_WEBHOOK_SECRET)
    await expect(provider.parseWebhook(payload.replace('72500000', '1'), sig)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    )
    await expect(
      provider.parseWebhook(payload, await signStripePayload(payload, 'whsec_other')),
    ).rejects.toBeInstanceOf(WebhookSignatureError)
    const stale = await signStripePayload(payload, MOCK_STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600)
    await expect(provider.parseWebhook(payload, stale)).rejects.toBeInstanceOf(WebhookSignatureError)
    await expect(provider.parseWebhook(payload, null)).rejects.toBeInstanceOf(WebhookSignatureError)
  })

  test('refunds and unknown types are normalised', async () => {
    const charge = stripeFixture('charge', {
      id: 'ch_1',
      amount: 72_500_000,
      amount_refunded: 15_000_000,
      payment_intent: 'pi_test_abc',
      currency: 'idr',
    })
    const p1 = event('charge.refunded', charge)
    expect(await provider.parseWebhook(p1, await signStripePayload(p1, MOCK_STRIPE_WEBHOOK_SECRET))).toMatchObject({
      type: 'charge.refunded',
      amount: 725_000,
      amountRefunded: 150_000,
      paymentIntentId: 'pi_test_abc',
    })
    const p2 = event('customer.created', { id: 'cus_1' })
    expect(await provider.parseWebhook(p2, await signStripePayload(p2, MOCK_STRIPE_WEBHOOK_SECRET))).toMatchObject({
      type: 'ignored',
      rawType: 'customer.created',
    })
  })
})
