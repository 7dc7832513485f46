import type { RequestHandler } from 'msw'

/**
 * Every outbound HTTP call the app makes is answered here in tests and in the offline demo.
 * Each vendor gets its own file (stripe.ts, …) whose handlers are listed below.
 */
export const handlers: RequestHandler[] = []
