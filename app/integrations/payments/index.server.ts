import { getMidtransProvider } from './midtrans.server.ts'
import { getCardProvider } from './stripe.server.ts'
import type { PaymentProvider, ProviderName } from './types.ts'

/** The hosted-page provider of that name, or null when it is not configured (no keys, no mocks). */
export function getProvider(name: ProviderName | string | null): PaymentProvider | null {
  if (name === 'stripe') return getCardProvider()
  if (name === 'midtrans') return getMidtransProvider()
  return null
}

/** Which hosted-page providers this instance has keys for (or mocks), whatever finance enabled. */
export function configuredProviders(): ProviderName[] {
  return (['stripe', 'midtrans'] as const).filter((name) => getProvider(name) !== null)
}
