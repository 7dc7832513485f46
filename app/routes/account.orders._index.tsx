import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { DomainError } from '#app/domain/errors.ts'
import { reorderIntoCart } from '#app/domain/orders/reorder.ts'
import { appendCartCount, currentCartId } from '#app/web/cart.server.ts'
import { formatRupiah } from '#app/lib/format.ts'
import { readForm } from '#app/web/forms.server.ts'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Money, StatusBadge } from '#app/components/ui/misc.tsx'
import { listOrdersForUser } from '#app/domain/orders/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { requireUser } from '#app/web/guards.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  const page = pageFrom(request.url)
  const r = await listOrdersForUser(getDb(), user.id, page)
  return { ...r, page, pages: pageCount(r.total) }
}

/** "Beli lagi": the order's lines back in the cart, as the shop stands now; what changed is said here. */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const form = await readForm(request)
  const orderNumber = form.get('orderNumber')
  if (typeof orderNumber !== 'string' || !/^ML-\d{4}-\d{6}$/.test(orderNumber)) {
    return data({ ok: false as const, orderNumber: null, units: 0, notes: [] }, { status: 400 })
  }
  try {
    const { cartId, units, notes } = await reorderIntoCart(getDb(), {
      userId: user.id,
      orderNumber,
      cartId: await currentCartId(request),
    })
    return data(
      { ok: true as const, orderNumber, units, notes },
      { headers: await appendCartCount(new Headers(), cartId) },
    )
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data({ ok: false as const, orderNumber: null, units: 0, notes: [] }, { status: 404 })
  }
}

function ReorderResult({ result }: { result: NonNullable<ReturnType<typeof useActionData<typeof action>>> }) {
  const t = useT()
  if (!result.ok) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{t('reorder.notFound')}</p>
      </div>
    )
  }
  return (
    <div className={`alert ${result.units > 0 ? 'alert-ok' : 'alert-warn'}`} role="status">
      <p>
        {result.units > 0
          ? t('reorder.added', { units: result.units, number: result.orderNumber })
          : t('reorder.nothing', { number: result.orderNumber })}
      </p>
      {result.notes.length ? (
        <ul>
          {result.notes.map((n, i) => (
            <li key={i}>
              {n.kind === 'reduced'
                ? t('reorder.reduced', { name: n.name, qty: n.qty, wanted: n.wanted })
                : n.kind === 'priceChanged'
                  ? t('reorder.priceChanged', { name: n.name, price: formatRupiah(n.price), old: formatRupiah(n.old) })
                  : t(`reorder.${n.kind}`, { name: n.name })}
            </li>
          ))}
        </ul>
      ) : null}
      {result.units > 0 ? (
        <p>
          <Link to="/cart" className="button">
            {t('reorder.toCart')}
          </Link>
        </p>
      ) : null}
    </div>
  )
}

export default function MyOrders() {
  const t = useT()
  const lang = useLang()
  const { rows, page, pages } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="stack">
      <h1>{t('order.history')}</h1>
      {result ? <ReorderResult result={result} /> : null}
      <ListTable
        label={t('order.history')}
        rows={rows}
        rowKey={(o) => o.order_number}
        empty={{ title: t('order.historyEmpty'), children: <Link to="/products">{t('cart.browse')}</Link> }}
        page={page}
        pages={pages}
        columns={[
          {
            header: t('order.number'),
            cell: (o) => <Link to={`/account/orders/${o.order_number}`}>{o.order_number}</Link>,
          },
          { header: t('order.date'), cell: (o) => formatDateTime(o.created_at, 'Asia/Jakarta', lang) },
          {
            header: t('common.status'),
            cell: (o) => <StatusBadge status={o.status} label={t(`order.status.${o.status}`)} />,
          },
          { header: t('order.total'), cell: (o) => <Money amount={o.total} /> },
          {
            header: t('reorder.button'),
            cell: (o) => (
              <Form method="post">
                <input type="hidden" name="orderNumber" value={o.order_number} />
                <button type="submit" className="button button-secondary">
                  {t('reorder.button')} <span className="visually-hidden">{o.order_number}</span>
                </button>
              </Form>
            ),
          },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.myOrders') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
