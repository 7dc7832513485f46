/**
 * The part of `midtrans-client` (Midtrans' official Node client, CommonJS, no types of its own)
 * the portal uses. Every call goes through axios, which msw answers in tests and the offline demo.
 */
declare module 'midtrans-client' {
  interface MidtransOptions {
    isProduction: boolean
    serverKey: string
    clientKey: string
  }
  export class Snap {
    constructor(options: MidtransOptions)
    createTransaction(parameter: Record<string, unknown>): Promise<{ token: string; redirect_url: string }>
    transaction: {
      status(transactionId: string): Promise<Record<string, unknown>>
      refund(transactionId: string, parameter: Record<string, unknown>): Promise<Record<string, unknown>>
    }
  }
  export class MidtransError extends Error {
    /** the HTTP status, or the `status_code` in a 200 answer's body; null when no answer came */
    httpStatusCode: number | string | null
    ApiResponse: unknown
  }
  const midtransClient: { Snap: typeof Snap; MidtransError: typeof MidtransError }
  export default midtransClient
}
