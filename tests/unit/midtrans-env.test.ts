import crypto from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from '#app/lib/env.server.ts'
import {
  grossMinor,
  midtransOrderId,
  midtransSignature,
  normaliseMidtransStatus,
  orderNumberOf,
} from '#app/integrations/payments/midtrans.server.ts'

const base = { MITRA_MODE: 'demo', DATABASE_URL: ':memory:' }
const env = (extra: Record<string, string>) => parseEnv({ ...base, ...extra } as unknown as NodeJS.ProcessEnv)

describe('MIDTRANS_* at start-up', () => {
  test('neither key: Midtrans off; both sandbox keys: on, sandbox', () => {
    expect(env({}).midtrans).toBeUndefined()
    expect(
      env({ MIDTRANS_SERVER_KEY: 'SB-Mid-server-abc', MIDTRANS_CLIENT_KEY: 'SB-Mid-client-abc' }).midtrans,
    ).toEqual({ serverKey: 'SB-Mid-server-abc', clientKey: 'SB-Mid-client-abc', isProduction: false })
    expect(
      env({
        MIDTRANS_SERVER_KEY: 'Mid-server-abc',
        MIDTRANS_CLIENT_KEY: 'Mid-client-abc',
        MIDTRANS_IS_PRODUCTION: 'true',
      }).midtrans?.isProduction,
    ).toBe(true)
  })

  test.each([
    [{ MIDTRANS_SERVER_KEY: 'SB-Mid-server-abc' }, /MIDTRANS_CLIENT_KEY is missing/],
    [{ MIDTRANS_CLIENT_KEY: 'SB-Mid-client-abc' }, /MIDTRANS_SERVER_KEY is missing/],
    [
      { MIDTRANS_SERVER_KEY: 'sk_test_abc', MIDTRANS_CLIENT_KEY: 'SB-Mid-client-abc' },
      /does not look like a Midtrans server key/,
    ],
    [{ MIDTRANS_SERVER_KEY: 'SB-Mid-server-abc', MIDTRANS_CLIENT_KEY: 'Mid-client-abc' }, /different environments/],
    [
      {
        MIDTRANS_SERVER_KEY: 'SB-Mid-server-abc',
        MIDTRANS_CLIENT_KEY: 'SB-Mid-client-abc',
        MIDTRANS_IS_PRODUCTION: 'true',
      },
      /sandbox keys/,
    ],
    [
      { MIDTRANS_SERVER_KEY: 'Mid-server-abc', MIDTRANS_CLIENT_KEY: 'Mid-client-abc' },
      /production keys but MIDTRANS_IS_PRODUCTION/,
    ],
    [{ MIDTRANS_IS_PRODUCTION: 'true' }, /MIDTRANS_IS_PRODUCTION is set/],
    [{ MIDTRANS_IS_PRODUCTION: 'yes' }, /MIDTRANS_IS_PRODUCTION/],
  ])('refused with one line that never repeats the key: %o', (extra, message) => {
    let error: unknown
    try {
      env(extra)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EnvError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('abc')
  })
})

describe('Midtrans amounts, ids and statuses', () => {
  test('gross_amount is read exactly, never rounded', () => {
    expect(grossMinor('125000.00')).toBe(12_500_000)
    expect(grossMinor('125000.5')).toBe(12_500_050)
    expect(grossMinor('125000')).toBe(12_500_000)
    expect(grossMinor(125000)).toBe(12_500_000)
    for (const bad of ['-1.00', '1.001', '1e5', '', ' 100', null, undefined, '12,500'])
      expect(grossMinor(bad)).toBeNull()
    expect(
      normaliseMidtransStatus({
        order_id: 'ML-2026-000001-MT1',
        transaction_id: 't',
        transaction_status: 'settlement',
        gross_amount: '10000.01',
        currency: 'IDR',
      }),
    ).toMatchObject({ amount: null, amountMinor: 1_000_001, currency: 'idr' })
  })

  test('one order id per attempt, and back', () => {
    expect(midtransOrderId('ML-2026-000042', 3)).toBe('ML-2026-000042-MT3')
    expect(orderNumberOf('ML-2026-000042-MT3')).toBe('ML-2026-000042')
    expect(orderNumberOf('ML-2026-000042')).toBeNull()
  })

  test("the signature is Midtrans' documented SHA-512 of order_id + status_code + gross_amount + server key, in hex", () => {
    const expected = crypto
      .createHash('sha512')
      .update('ML-2026-000042-MT1' + '200' + '125000.00' + 'SB-Mid-server-key')
      .digest('hex')
    expect(midtransSignature('ML-2026-000042-MT1', '200', '125000.00', 'SB-Mid-server-key')).toBe(expected)
    expect(expected).toHaveLength(128)
    // the amount is signed as sent: "125000.00" and "125000" are different signatures
    expect(midtransSignature('ML-2026-000042-MT1', '200', '125000', 'SB-Mid-server-key')).not.toBe(expected)
  })

  test('statuses map to what the portal does', () => {
    const type = (transaction_status: string, fraud_status?: string) =>
      normaliseMidtransStatus({
        order_id: 'X-MT1',
        transaction_id: 't1',
        transaction_status,
        fraud_status,
        gross_amount: '1000.00',
        currency: 'IDR',
      }).type
    expect(type('settlement')).toBe('checkout.completed')
    expect(type('capture', 'accept')).toBe('checkout.completed')
    expect(type('pending')).toBe('ignored')
    expect(type('expire')).toBe('checkout.expired')
    for (const s of ['deny', 'cancel', 'failure']) expect(type(s)).toBe('checkout.async_failed')
    expect(type('refund')).toBe('charge.refunded')
    const e = normaliseMidtransStatus({
      order_id: 'X-MT1',
      transaction_id: 't1',
      transaction_status: 'settlement',
      gross_amount: '1000.00',
    })
    expect(e.eventId).toBe('t1:settlement')
  })
})
