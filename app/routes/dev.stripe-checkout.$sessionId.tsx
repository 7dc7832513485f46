import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { retrieveCheckoutSession, simulateCheckoutOutcome } from '#app/integrations/payments/stripe.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { formatRupiah } from '#app/lib/format.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { notFound } from '#app/web/guards.server.ts'

// The offline stand-in for Stripe's hosted Checkout page: only with MOCKS, never in production.
async function loadSession(sessionId: string | undefined) {
  if (!getEnv().mocks || !sessionId) notFound()
  const session = await retrieveCheckoutSession(sessionId)
  if (!session) notFound()
  return session
}

export async function loader({ params }: LoaderFunctionArgs) {
  const s = await loadSession(params.sessionId)
  return {
    id: s.id,
    orderNumber: s.metadata?.order_number ?? s.client_reference_id ?? '',
    amount: Math.round((s.amount_total ?? 0) / 100),
    email: s.customer_email,
    status: s.status,
    cancelUrl: s.cancel_url,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const s = await loadSession(params.sessionId)
  const intent = (await readForm(request)).get('intent')
  if (s.status !== 'open' || (intent !== 'pay' && intent !== 'cancel')) throw redirect(s.cancel_url ?? '/')
  if (intent === 'cancel') {
    // Leaving the hosted page: the session ends and Stripe reports checkout.session.expired.
    await simulateCheckoutOutcome(s.id, 'expire')
    throw redirect(s.cancel_url ?? '/')
  }
  await simulateCheckoutOutcome(s.id, 'pay')
  throw redirect(s.success_url ?? '/')
}

export default function SimulatedCheckout() {
  const t = useT()
  const s = useLoaderData<typeof loader>()
  return (
    <div className="form-narrow stack">
      <p className="badge badge-warn">{t('payment.simulatedBadge')}</p>
      <h1>{t('payment.simulatedTitle')}</h1>
      <dl className="dl">
        <dt>{t('payment.orderNumber')}</dt>
        <dd>{s.orderNumber}</dd>
        <dt>{t('payment.amount')}</dt>
        <dd>
          <strong>{formatRupiah(s.amount)}</strong>
        </dd>
        <dt>Email</dt>
        <dd>{s.email ?? '—'}</dd>
      </dl>
      <p className="muted">{t('payment.simulatedIntro')}</p>
      {s.status === 'open' ? (
        <Form method="post" className="button-row">
          <button type="submit" name="intent" value="pay" className="button">
            {t('payment.simulatedPay')}
          </button>
          <button type="submit" name="intent" value="cancel" className="button button-secondary">
            {t('payment.simulatedCancel')}
          </button>
        </Form>
      ) : (
        <p className="alert alert-info">{t('payment.simulatedClosed')}</p>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.stripeSimulated') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
