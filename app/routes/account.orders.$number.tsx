import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrderView } from '#app/components/order-view.tsx'
import { getOrderForUser } from '#app/domain/orders/orders.ts'
import { getDb } from '#app/utils/db.server.ts'
import { notFound, requireUser } from '#app/utils/session.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  // Only the buyer's own orders: someone else's number is simply not found.
  const found = await getOrderForUser(getDb(), params.number ?? '', user.id)
  if (!found) notFound()
  return found
}

export default function MyOrder() {
  return <OrderView data={useLoaderData<typeof loader>()} />
}

export const meta: MetaFunction = () => [{ title: 'Pesanan · Mitra Lipas' }, { name: 'robots', content: 'noindex' }]
