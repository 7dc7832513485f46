import type { RequestHandler } from 'msw'
import { midtransHandlers } from './midtrans.ts'
import { s3Handlers } from './s3.ts'
import { stripeHandlers } from './stripe.ts'

/**
 * Every outbound HTTP call the app makes is answered here in tests and in the offline demo.
 * Each vendor gets its own file; list its handlers below.
 */
export const handlers: RequestHandler[] = [...stripeHandlers, ...midtransHandlers, ...s3Handlers]
