import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrderView } from '#app/components/order-view.tsx'
import { getOrderByToken } from '#app/domain/orders/orders.ts'
import { getDb } from '#app/utils/db.server.ts'
import { notFound } from '#app/utils/session.server.ts'

/** The buyer's secret status link (emailed at checkout); the token is stored hashed. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getOrderByToken(getDb(), params.number ?? '', params.token ?? '')
  if (!found) notFound()
  return found
}

export default function OrderStatusPage() {
  return <OrderView data={useLoaderData<typeof loader>()} />
}

export const meta: MetaFunction = () => [{ title: 'Pesanan · Mitra Lipas' }, { name: 'robots', content: 'noindex' }]
