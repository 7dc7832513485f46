import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { OrderView } from '#app/components/order-view.tsx'
import { PaymentPanel } from '#app/components/payment-panel.tsx'
import { getOrderByToken } from '#app/domain/orders/queries.ts'
import { reviewsOfOrder } from '#app/domain/reviews/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle } from '#app/web/i18n.tsx'
import { orderPaymentAction, paymentPanelData } from '#app/web/order-payment.server.ts'
import { notFound } from '#app/web/guards.server.ts'

/** The buyer's secret status link (emailed at checkout); the token is stored hashed. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getOrderByToken(getDb(), params.number ?? '', params.token ?? '')
  if (!found) notFound()
  return {
    ...found,
    payment: await paymentPanelData(getDb(), found.order),
    reviews: await reviewsOfOrder(getDb(), found.order.id),
    token: params.token ?? '',
  }
}

/** Paying for the order (card or bank transfer, proof upload): only with the secret link. */
export async function action({ request, params }: ActionFunctionArgs) {
  const found = await getOrderByToken(getDb(), params.number ?? '', params.token ?? '')
  if (!found) notFound()
  return orderPaymentAction(request, getDb(), found.order, `/orders/${params.number}/${params.token}`)
}

export default function OrderStatusPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <OrderView data={data} reviewPath={`/orders/${data.order.order_number}/${data.token}/review`}>
      <PaymentPanel panel={data.payment} orderStatus={data.order.status} actionData={useActionData<typeof action>()} />
    </OrderView>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.order') },
  { name: 'robots', content: 'noindex' },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
