import crypto from 'node:crypto'
import midtransClient from 'midtrans-client'
import { getEnv, type MidtransConfig } from '#app/lib/env.server.ts'
import {
  type CheckoutSession,
  type CreateCheckoutInput,
  PaymentAmountError,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentProvider,
  ProviderUnavailableError,
  type RefundInput,
  WebhookSignatureError,
} from './types.ts'

/**
 * Midtrans Snap: the hosted payment page Indonesians know (QRIS, bank virtual accounts,
 * e-wallets), through Midtrans' official client (docs/decisions/022). Amounts are whole rupiah on
 * the way out; what comes back (`gross_amount` "125000.00") is read exactly, never rounded.
 */
export const MIDTRANS_MIN_RUPIAH = 1_000
export const MIDTRANS_MAX_RUPIAH = 9_999_999_999

/** The channels the portal offers on Snap: QRIS, virtual accounts of the big banks, e-wallets. */
export const MIDTRANS_CHANNELS = [
  'other_qris',
  'bca_va',
  'bni_va',
  'bri_va',
  'echannel',
  'permata_va',
  'cimb_va',
  'gopay',
  'shopeepay',
] as const

/** Demo/test credentials used only with MOCKS (msw answers every Midtrans call). */
export const MOCK_MIDTRANS: MidtransConfig = {
  serverKey: 'SB-Mid-server-mitra-lipas-mock',
  clientKey: 'SB-Mid-client-mitra-lipas-mock',
  isProduction: false,
}

export function midtransCredentials(): MidtransConfig | null {
  const env = getEnv()
  if (env.midtrans) return env.midtrans
  if (env.mocks) return MOCK_MIDTRANS
  return null
}

/** Midtrans needs a new order id for every attempt: `<order number>-MT<attempt>`. */
export const midtransOrderId = (orderNumber: string, attempt: number) => `${orderNumber}-MT${attempt}`
export const orderNumberOf = (midtransOrderId: string): string | null =>
  /^(.+)-MT\d+$/.exec(midtransOrderId)?.[1] ?? null

/**
 * Midtrans' `gross_amount` ("125000.00", or a number) in minor units (rupiah x 100), or null
 * when it is not a plain non-negative amount with at most two decimals.
 */
export function grossMinor(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string') return null
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}
const wholeRupiah = (minor: number | null) => (minor !== null && minor % 100 === 0 ? minor / 100 : null)

/** Midtrans' notification signature: SHA-512 of order_id + status_code + gross_amount + server key, in hex. */
export function midtransSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string) {
  return crypto
    .createHash('sha512')
    .update(orderId + statusCode + grossAmount + serverKey)
    .digest('hex')
}

function sameHex(a: string, b: string) {
  const x = Buffer.from(a.toLowerCase(), 'utf8')
  const y = Buffer.from(b.toLowerCase(), 'utf8')
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/** Midtrans writes times in Jakarta time without a zone ("2026-12-06 14:05:00"). */
function jakartaSeconds(value: unknown): number {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) {
    const t = Date.parse(`${value.replace(' ', 'T')}+07:00`)
    if (!Number.isNaN(t)) return Math.floor(t / 1000)
  }
  return Math.floor(Date.now() / 1000)
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)

/**
 * A transaction's status as Midtrans' Get Status API reports it, reduced to a portal event. The
 * event id is the transaction and its status (and, for refunds, the refunded amount), so each
 * state is applied once whichever notification brought it.
 */
export function normaliseMidtransStatus(s: Record<string, unknown>): PaymentEvent {
  const orderId = str(s.order_id)
  const transactionId = str(s.transaction_id)
  const status = str(s.transaction_status) ?? 'unknown'
  const fraud = str(s.fraud_status)
  const minor = grossMinor(s.gross_amount)
  const refundedMinor = grossMinor(s.refund_amount)
  let type: PaymentEventType = 'ignored'
  let paymentStatus: string | null = null
  if (status === 'settlement' || (status === 'capture' && (fraud === null || fraud === 'accept'))) {
    type = 'checkout.completed'
    paymentStatus = 'paid'
  } else if (status === 'capture') {
    // A card capture held for fraud review: money not final yet.
    type = 'checkout.completed'
    paymentStatus = 'unpaid'
  } else if (status === 'deny' || status === 'cancel' || status === 'failure') type = 'checkout.async_failed'
  else if (status === 'expire') type = 'checkout.expired'
  else if (status === 'refund' || status === 'partial_refund') type = 'charge.refunded'
  // `pending` (a QR shown, a VA number issued) changes nothing: the attempt is already pending.
  const key = type === 'charge.refunded' ? `${status}:${refundedMinor ?? 'x'}` : status
  return {
    provider: 'midtrans',
    eventId: `${transactionId ?? orderId ?? 'unknown'}:${key}`,
    type,
    rawType: `midtrans.${status}`,
    created: jakartaSeconds(s.settlement_time ?? s.transaction_time),
    sessionId: orderId,
    orderNumber: orderId ? orderNumberOf(orderId) : null,
    paymentStatus,
    amount: wholeRupiah(minor),
    amountMinor: minor,
    currency: str(s.currency)?.toLowerCase() ?? null,
    paymentIntentId: transactionId,
    chargeId: transactionId,
    amountRefunded: type === 'charge.refunded' ? wholeRupiah(refundedMinor) : null,
    payoutId: null,
    payout: null,
    channel: str(s.payment_type),
  }
}

function statusCodeOf(error: unknown): number | null {
  const code = (error as { httpStatusCode?: unknown })?.httpStatusCode
  const n = Number(code)
  return code === null || code === undefined || Number.isNaN(n) ? null : n
}

export function createMidtransProvider(config: MidtransConfig): PaymentProvider {
  const snap = new midtransClient.Snap({
    isProduction: config.isProduction,
    serverKey: config.serverKey,
    clientKey: config.clientKey,
  })
  return {
    name: 'midtrans',
    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession> {
      if (input.totalAmount < MIDTRANS_MIN_RUPIAH) throw new PaymentAmountError('payment.amountTooSmall')
      if (input.totalAmount > MIDTRANS_MAX_RUPIAH) throw new PaymentAmountError('payment.amountTooLarge')
      const sum = input.lines.reduce((s, l) => s + l.unitAmount * l.quantity, 0)
      if (sum !== input.totalAmount) throw new Error(`Checkout lines sum to ${sum}, total is ${input.totalAmount}`)
      const orderId = midtransOrderId(input.orderNumber, input.attempt ?? 1)
      const minutes = input.expiresAt ? Math.max(1, Math.round((input.expiresAt * 1000 - Date.now()) / 60_000)) : 60
      const tx = await snap.createTransaction({
        transaction_details: { order_id: orderId, gross_amount: input.totalAmount },
        // Snap checks that the items add up to gross_amount; names are cut at 50 characters.
        item_details: input.lines.map((l, i) => ({
          id: `L${i + 1}`,
          price: l.unitAmount,
          quantity: l.quantity,
          name: l.name.slice(0, 50),
        })),
        customer_details: { email: input.customerEmail },
        enabled_payments: [...MIDTRANS_CHANNELS],
        callbacks: { finish: input.successUrl },
        expiry: { unit: 'minute', duration: minutes },
        custom_field1: input.orderNumber,
      })
      if (!tx.redirect_url) throw new Error('Midtrans returned a Snap transaction without a redirect URL')
      return { sessionId: orderId, url: tx.redirect_url }
    },
    /**
     * Midtrans signs the notification body itself (`signature_key`); there is no header. After
     * the signature, the transaction is read back from the Get Status API and that answer is what
     * the portal applies (as Midtrans advises), so a stale or replayed notification can only
     * repeat the current state.
     */
    async parseWebhook(rawBody: string): Promise<PaymentEvent> {
      let body: Record<string, unknown>
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>
      } catch {
        throw new Error('Midtrans notification is not JSON')
      }
      if (!body || typeof body !== 'object') throw new Error('Midtrans notification is not an object')
      const orderId = str(body.order_id)
      const statusCode = str(body.status_code)
      const gross = typeof body.gross_amount === 'string' ? body.gross_amount : null
      const signature = str(body.signature_key)
      if (!orderId || !statusCode || gross === null || !signature)
        throw new WebhookSignatureError(
          'Midtrans notification without order_id, status_code, gross_amount or signature_key',
        )
      if (!sameHex(signature, midtransSignature(orderId, statusCode, gross, config.serverKey)))
        throw new WebhookSignatureError('Midtrans signature does not match')
      let status: Record<string, unknown>
      try {
        status = await snap.transaction.status(orderId)
      } catch (error) {
        const code = statusCodeOf(error)
        // Midtrans does not know this transaction: a signed notification for nothing is refused.
        if (code === 404) throw new Error('Midtrans does not know this transaction')
        throw new ProviderUnavailableError(`Midtrans status check failed (${code ?? 'no answer'})`)
      }
      if (str(status.order_id) !== orderId) throw new Error('Midtrans status is for another transaction')
      return normaliseMidtransStatus(status)
    },
    async refund(input: RefundInput) {
      // Midtrans' idempotency key for refunds: the portal's refund id (letters, digits, dashes; at most 50).
      const refundKey = (input.idempotencyKey.split(':').pop() ?? input.idempotencyKey)
        .replace(/[^A-Za-z0-9-]/g, '-')
        .slice(0, 50)
      const r = await snap.transaction.refund(input.paymentIntentId, {
        refund_key: refundKey,
        amount: input.amount,
        reason: input.reason ?? 'requested_by_customer',
      })
      return { refundId: str(r.refund_key) ?? input.idempotencyKey, status: str(r.transaction_status) ?? 'pending' }
    },
  }
}

let cached: { key: string; provider: PaymentProvider } | undefined
/** The configured Midtrans provider, or null when Midtrans is off (no keys, no mocks). */
export function getMidtransProvider(): PaymentProvider | null {
  const creds = midtransCredentials()
  if (!creds) return null
  const key = `${creds.serverKey}|${creds.isProduction}`
  if (cached?.key !== key) cached = { key, provider: createMidtransProvider(creds) }
  return cached.provider
}

/** A notification body as Midtrans sends it: the transaction's status fields, signed. */
export function signedMidtransNotification(status: Record<string, unknown>, serverKey: string) {
  const orderId = String(status.order_id)
  const statusCode = String(status.status_code)
  const gross = String(status.gross_amount)
  return { ...status, signature_key: midtransSignature(orderId, statusCode, gross, serverKey) }
}

export type SimulatedChannel = 'qris' | 'va' | 'ewallet'

/** Mock-only Snap endpoints (not Midtrans'): the simulated payment page reads and settles through them. */
const mockBase = (creds: MidtransConfig) =>
  creds.isProduction ? 'https://app.midtrans.com' : 'https://app.sandbox.midtrans.com'

/** Dev/test only: the Snap transaction behind a token, as the mock keeps it. */
export async function simulatedSnapTransaction(token: string): Promise<Record<string, unknown> | null> {
  if (!getEnv().mocks) return null
  const creds = midtransCredentials()!
  const res = await fetch(`${mockBase(creds)}/snap/v1/test_helpers/mock/transactions/${encodeURIComponent(token)}`)
  if (!res.ok) return null
  return (await res.json()) as Record<string, unknown>
}

/**
 * Dev/test only: the simulated Snap page pays (by the channel the buyer picked) or abandons the
 * transaction at the mock, then delivers the signed notification Midtrans would send.
 */
export async function simulateSnapOutcome(
  token: string,
  outcome: 'pay' | 'expire',
  channel: SimulatedChannel,
  bank?: string,
) {
  const env = getEnv()
  if (!env.mocks) throw new Error('Simulated Snap is only available with MOCKS')
  const creds = midtransCredentials()!
  const res = await fetch(
    `${mockBase(creds)}/snap/v1/test_helpers/mock/transactions/${encodeURIComponent(token)}/${outcome}`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, bank }),
    },
  )
  if (!res.ok) throw new Error(`Mock Midtrans refused ${outcome}`)
  const status = (await res.json()) as Record<string, unknown>
  const body = JSON.stringify(signedMidtransNotification(status, creds.serverKey))
  const delivered = await fetch(`${env.appUrl}/webhooks/midtrans`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  })
  return { status, delivered: delivered.status }
}

/** A decorative 21x21 "QR code" (0/1 cells) drawn from the order id for the simulated page. */
export function simulatedQrBits(orderId: string): number[] {
  const bytes: number[] = []
  for (let i = 0; bytes.length * 8 < 21 * 21; i++)
    bytes.push(...crypto.createHash('sha256').update(`${orderId}:${i}`).digest())
  return bytes.flatMap((b) => [0, 1, 2, 3, 4, 5, 6, 7].map((k) => (b >> k) & 1)).slice(0, 21 * 21)
}
