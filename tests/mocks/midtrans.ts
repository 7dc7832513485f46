import crypto from 'node:crypto'
import { http, HttpResponse } from 'msw'

/**
 * Midtrans' Snap and Core APIs (sandbox and production hosts), answered locally for tests and the
 * offline demo: Snap transactions, the Get Status API, refunds. Shapes follow Midtrans' API
 * reference (status fields as strings, gross_amount "125000.00", times in Jakarta time). The
 * `test_helpers/mock` routes are not Midtrans': the simulated Snap page uses them.
 */
export interface MockMidtransTransaction {
  token: string
  order_id: string
  transaction_id: string
  gross_amount: string
  currency: string
  email: string | null
  finish_url: string | null
  items: { name: string; price: number; quantity: number }[]
  /** null until the buyer picks a channel (Midtrans' status API then answers 404) */
  transaction_status: string | null
  status_code: string
  payment_type: string | null
  va_numbers?: { bank: string; va_number: string }[]
  issuer?: string
  fraud_status?: string
  transaction_time: string
  settlement_time?: string
  refund_amount?: string
}

export const midtransMock = {
  transactions: new Map<string, MockMidtransTransaction>(),
  requests: [] as { method: string; path: string; body: string; auth: string | null }[],
  /** while above zero, the Get Status API answers 503 (and counts down) */
  statusOutages: 0,
  reset() {
    this.transactions.clear()
    this.requests.length = 0
    this.statusOutages = 0
  },
  byOrderId(orderId: string) {
    return this.transactions.get(orderId)
  },
  /** What the Get Status API answers for a transaction. */
  status(t: MockMidtransTransaction): Record<string, unknown> {
    return {
      status_code: t.status_code,
      status_message: 'Success, transaction is found',
      transaction_id: t.transaction_id,
      order_id: t.order_id,
      gross_amount: t.gross_amount,
      currency: t.currency,
      payment_type: t.payment_type,
      transaction_time: t.transaction_time,
      transaction_status: t.transaction_status,
      fraud_status: t.fraud_status ?? 'accept',
      ...(t.va_numbers ? { va_numbers: t.va_numbers } : {}),
      ...(t.issuer ? { issuer: t.issuer, acquirer: t.issuer } : {}),
      ...(t.settlement_time ? { settlement_time: t.settlement_time } : {}),
      ...(t.refund_amount ? { refund_amount: t.refund_amount } : {}),
      merchant_id: 'G000000000',
    }
  },
  /** Moves a transaction as Midtrans would (tests and the simulated page). */
  settle(orderId: string, channel: 'qris' | 'va' | 'ewallet' = 'qris', bank = 'bca') {
    const t = this.transactions.get(orderId)
    if (!t) throw new Error(`No mock Midtrans transaction ${orderId}`)
    Object.assign(t, channelFields(channel, bank), {
      transaction_status: 'settlement',
      status_code: '200',
      settlement_time: jakartaNow(),
    })
    return this.status(t)
  },
  expire(orderId: string) {
    const t = this.transactions.get(orderId)
    if (!t) throw new Error(`No mock Midtrans transaction ${orderId}`)
    Object.assign(t, { transaction_status: 'expire', status_code: '407', payment_type: t.payment_type ?? 'qris' })
    return this.status(t)
  },
}

/** "2026-12-06 14:05:00", Jakarta time, as Midtrans writes it. */
export function jakartaNow(at = new Date()) {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

function channelFields(channel: 'qris' | 'va' | 'ewallet', bank: string) {
  if (channel === 'va') {
    if (bank === 'mandiri') return { payment_type: 'echannel' }
    if (bank === 'permata')
      return { payment_type: 'bank_transfer', permata_va_number: '8562000' + crypto.randomInt(100000, 999999) }
    return {
      payment_type: 'bank_transfer',
      va_numbers: [{ bank, va_number: '8808' + String(crypto.randomInt(10 ** 9, 10 ** 10 - 1)) }],
    }
  }
  if (channel === 'ewallet') return bank === 'shopeepay' ? { payment_type: 'shopeepay' } : { payment_type: 'gopay' }
  return { payment_type: 'qris', issuer: 'gopay' }
}

function appUrl() {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '')
}

const SNAP_HOSTS = ['https://app.sandbox.midtrans.com', 'https://app.midtrans.com']
const CORE_HOSTS = ['https://api.sandbox.midtrans.com', 'https://api.midtrans.com']

const notFound = () =>
  HttpResponse.json({ status_code: '404', status_message: "Transaction doesn't exist." }, { status: 404 })
const unauthorized = () =>
  HttpResponse.json(
    {
      status_code: '401',
      status_message: 'Access denied due to unauthorized transaction, please check client or server key',
    },
    { status: 401 },
  )
const authorised = (request: Request) => (request.headers.get('authorization') ?? '').startsWith('Basic ')

export const midtransHandlers = [
  ...SNAP_HOSTS.flatMap((host) => [
    http.post(`${host}/snap/v1/transactions`, async ({ request }) => {
      const body = await request.text()
      midtransMock.requests.push({
        method: 'POST',
        path: '/snap/v1/transactions',
        body,
        auth: request.headers.get('authorization'),
      })
      if (!authorised(request)) return unauthorized()
      const p = JSON.parse(body) as {
        transaction_details: { order_id: string; gross_amount: number }
        item_details?: { name: string; price: number; quantity: number }[]
        customer_details?: { email?: string }
        callbacks?: { finish?: string }
      }
      const { order_id, gross_amount } = p.transaction_details
      const items = p.item_details ?? []
      if (items.length && items.reduce((s, i) => s + i.price * i.quantity, 0) !== gross_amount) {
        return HttpResponse.json(
          { error_messages: ['transaction_details.gross_amount is not equal to the sum of item_details'] },
          { status: 400 },
        )
      }
      const existing = midtransMock.transactions.get(order_id)
      if (existing) {
        // The same order id again: the same token while nothing was paid, refused after.
        if (existing.transaction_status === null && existing.gross_amount === `${gross_amount}.00`)
          return HttpResponse.json(
            { token: existing.token, redirect_url: `${appUrl()}/dev/midtrans-snap/${existing.token}` },
            { status: 201 },
          )
        return HttpResponse.json({ error_messages: ['transaction_details.order_id sudah digunakan'] }, { status: 400 })
      }
      const token = crypto.randomUUID()
      midtransMock.transactions.set(order_id, {
        token,
        order_id,
        transaction_id: crypto.randomUUID(),
        gross_amount: `${gross_amount}.00`,
        currency: 'IDR',
        email: p.customer_details?.email ?? null,
        finish_url: p.callbacks?.finish ?? null,
        items,
        transaction_status: null,
        status_code: '404',
        payment_type: null,
        transaction_time: jakartaNow(),
      })
      return HttpResponse.json({ token, redirect_url: `${appUrl()}/dev/midtrans-snap/${token}` }, { status: 201 })
    }),
    http.get(`${host}/snap/v1/test_helpers/mock/transactions/:token`, ({ params }) => {
      const t = [...midtransMock.transactions.values()].find((x) => x.token === params.token)
      return t ? HttpResponse.json(t) : notFound()
    }),
    http.post(`${host}/snap/v1/test_helpers/mock/transactions/:token/:outcome`, async ({ params, request }) => {
      const t = [...midtransMock.transactions.values()].find((x) => x.token === params.token)
      if (!t) return notFound()
      const { channel, bank } = (await request.json()) as { channel?: 'qris' | 'va' | 'ewallet'; bank?: string }
      return HttpResponse.json(
        params.outcome === 'pay' ? midtransMock.settle(t.order_id, channel, bank) : midtransMock.expire(t.order_id),
      )
    }),
  ]),
  ...CORE_HOSTS.flatMap((host) => [
    http.get(`${host}/v2/:id/status`, ({ params, request }) => {
      midtransMock.requests.push({
        method: 'GET',
        path: `/v2/${String(params.id)}/status`,
        body: '',
        auth: request.headers.get('authorization'),
      })
      if (!authorised(request)) return unauthorized()
      if (midtransMock.statusOutages > 0) {
        midtransMock.statusOutages -= 1
        return HttpResponse.json({ status_code: '503', status_message: 'Service unavailable' }, { status: 503 })
      }
      const id = String(params.id)
      const t =
        midtransMock.transactions.get(id) ??
        [...midtransMock.transactions.values()].find((x) => x.transaction_id === id)
      if (!t || t.transaction_status === null) return notFound()
      return HttpResponse.json(midtransMock.status(t))
    }),
    http.post(`${host}/v2/:id/refund`, async ({ params, request }) => {
      const body = await request.text()
      midtransMock.requests.push({
        method: 'POST',
        path: `/v2/${String(params.id)}/refund`,
        body,
        auth: request.headers.get('authorization'),
      })
      const id = String(params.id)
      const t =
        midtransMock.transactions.get(id) ??
        [...midtransMock.transactions.values()].find((x) => x.transaction_id === id)
      if (!t || t.transaction_status === null) return notFound()
      const { amount, refund_key } = JSON.parse(body) as { amount: number; refund_key: string }
      const refunded = Number((t.refund_amount ?? '0').split('.')[0]) + amount
      const gross = Number(t.gross_amount.split('.')[0])
      Object.assign(t, {
        refund_amount: `${refunded}.00`,
        transaction_status: refunded >= gross ? 'refund' : 'partial_refund',
        status_code: '200',
      })
      return HttpResponse.json({
        status_code: '200',
        status_message: 'Success, refund request is approved',
        transaction_id: t.transaction_id,
        order_id: t.order_id,
        gross_amount: t.gross_amount,
        currency: 'IDR',
        payment_type: t.payment_type,
        transaction_status: t.transaction_status,
        refund_amount: `${amount}.00`,
        refund_key,
      })
    }),
  ]),
]
