import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { OrderView } from '#app/components/order-view.tsx'
import { PaymentPanel } from '#app/components/payment-panel.tsx'
import { getOrderForUser } from '#app/domain/orders/queries.ts'
import { reviewsOfOrder } from '#app/domain/reviews/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle } from '#app/web/i18n.tsx'
import { orderPaymentAction, paymentPanelData } from '#app/web/order-payment.server.ts'
import { notFound, requireUser } from '#app/web/guards.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  // Only the buyer's own orders: someone else's number is simply not found.
  const found = await getOrderForUser(getDb(), params.number ?? '', user.id)
  if (!found) notFound()
  return {
    ...found,
    payment: await paymentPanelData(getDb(), found.order),
    reviews: await reviewsOfOrder(getDb(), found.order.id),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const found = await getOrderForUser(getDb(), params.number ?? '', user.id)
  if (!found) notFound()
  return orderPaymentAction(request, getDb(), found.order, `/account/orders/${params.number}`)
}

export default function MyOrder() {
  const data = useLoaderData<typeof loader>()
  return (
    <OrderView data={data} reviewPath={`/account/orders/${data.order.order_number}/review`}>
      <PaymentPanel panel={data.payment} orderStatus={data.order.status} actionData={useActionData<typeof action>()} />
    </OrderView>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.order') },
  { name: 'robots', content: 'noindex' },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
