import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ReviewFormPage } from '#app/components/review-form.tsx'
import { getOrderByToken } from '#app/domain/orders/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { pageTitle } from '#app/web/i18n.tsx'
import { reviewAction, reviewPageData } from '#app/web/review-form.server.ts'
import { notFound } from '#app/web/guards.server.ts'

/** A guest reviews one line of their order through the order's secret link. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getOrderByToken(getDb(), params.number ?? '', params.token ?? '')
  if (!found) notFound()
  return reviewPageData(getDb(), found.order, params.lineId ?? '', `/orders/${params.number}/${params.token}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await getOrderByToken(getDb(), params.number ?? '', params.token ?? '')
  if (!found) notFound()
  return reviewAction(
    request,
    getDb(),
    found.order,
    params.lineId ?? '',
    found.order.user_id,
    `/orders/${params.number}/${params.token}`,
  )
}

export default function ReviewGuestOrderLine() {
  return <ReviewFormPage data={useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.review') },
  { name: 'robots', content: 'noindex' },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
