import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ReviewFormPage } from '#app/components/review-form.tsx'
import { getOrderForUser } from '#app/domain/orders/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle } from '#app/web/i18n.tsx'
import { reviewAction, reviewPageData } from '#app/web/review-form.server.ts'
import { notFound, requireUser } from '#app/web/guards.server.ts'

/** A signed-in buyer reviews one line of their own order; someone else's order is not found. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  const found = await getOrderForUser(getDb(), params.number ?? '', user.id)
  if (!found) notFound()
  return reviewPageData(getDb(), found.order, params.lineId ?? '', `/account/orders/${found.order.order_number}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const found = await getOrderForUser(getDb(), params.number ?? '', user.id)
  if (!found) notFound()
  return reviewAction(
    request,
    getDb(),
    found.order,
    params.lineId ?? '',
    user.id,
    `/account/orders/${found.order.order_number}`,
  )
}

export default function ReviewMyOrderLine() {
  return <ReviewFormPage data={useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.review') },
  { name: 'robots', content: 'noindex' },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
