/**
 * MOCKS=true (demo and tests only; refused in production): msw answers outbound calls in this
 * process (Stripe, the S3 mock bucket…); calls to ourselves and other hosts pass. Started once,
 * before the demo seed writes its photos (they may go to the mock bucket) and before serving.
 */
import { log } from '../app/lib/log.server.ts'

let started = false

export async function startMocks() {
  if (started) return
  started = true
  // …and the simulated Stripe reports refunds back to us with signed webhooks, as Stripe would.
  process.env.MOCK_STRIPE_WEBHOOKS = '1'
  const { server } = await import('../tests/mocks/server.ts')
  server.listen({ onUnhandledRequest: 'bypass' })
  log.info('MOCKS on: outbound services are simulated locally')
}
