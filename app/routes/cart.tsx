import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { EmptyState, Money } from '#app/components/ui/misc.tsx'
import { parseCartForm } from '#app/web/cart-form.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { cartView, removeFromCart, setCartQty } from '#app/domain/orders/cart.ts'
import { appendCartCount, cartCountCookie, currentCartId } from '#app/web/cart.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { formatRupiah } from '#app/lib/format.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const cart = await cartView(getDb(), await currentCartId(request))
  // The header's count follows the cart wherever it changed (another device, an order placed).
  return data(cart, { headers: { 'Set-Cookie': cartCountCookie(cart.count) } })
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseCartForm(await readForm(request))
  const product = submission.payload.productId
  if (submission.status !== 'success') {
    return data(
      {
        productId: typeof product === 'string' ? product : null,
        errors: Object.values(submission.error ?? {}).flat() as string[],
        params: {},
      },
      { status: 400 },
    )
  }
  const cartId = await currentCartId(request)
  if (!cartId) throw redirect('/cart')
  const v = submission.value
  try {
    if (v.intent === 'update') await setCartQty(getDb(), cartId, v.productId, v.qty)
    else await removeFromCart(getDb(), cartId, v.productId)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data({ productId: v.productId, errors: [error.code], params: error.params ?? {} }, { status: 400 })
  }
  throw redirect('/cart', {
    headers: await appendCartCount(new Headers({ 'Set-Cookie': flashCookie('cart.updated') }), cartId),
  })
}

export default function CartPage() {
  const t = useT()
  const cart = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (cart.items.length === 0) {
    return (
      <div className="stack">
        <h1>{t('cart.title')}</h1>
        <EmptyState title={t('cart.empty')}>
          <Link to="/products" className="button">
            {t('cart.browse')}
          </Link>
        </EmptyState>
      </div>
    )
  }
  const upts = [...new Set(cart.items.map((i) => i.upt_name))]
  return (
    <div className="stack">
      <h1>{t('cart.title')}</h1>
      {upts.length > 1 ? <p className="muted">{t('cart.splitNote')}</p> : null}
      {upts.map((upt) => (
        <section key={upt} className="card stack" aria-label={t('cart.fromUpt', { upt })}>
          <h2>{t('cart.fromUpt', { upt })}</h2>
          <ul className="stack cart-list">
            {cart.items
              .filter((i) => i.upt_name === upt)
              .map((i) => {
                const errors = result?.productId === i.product_id ? result.errors.map((e) => t(e, result.params)) : null
                const errId = `qty-${i.product_id}-error`
                return (
                  <li key={i.product_id} className="cart-item">
                    <p>
                      <Link to={`/products/${i.slug}`}>{i.name}</Link>
                      <br />
                      <Money amount={i.price} /> × {i.qty} = <strong>{formatRupiah(i.lineTotal)}</strong>
                    </p>
                    {i.warning ? (
                      <p className="warning-text" role="status">
                        {t(`cart.warning.${i.warning}`, { stock: i.stock, old: formatRupiah(i.price_at_add) })}
                      </p>
                    ) : null}
                    <div className="button-row">
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="productId" value={i.product_id} />
                        <Field
                          label={
                            <>
                              {t('cart.qty')} <span className="visually-hidden">{i.name}</span>
                            </>
                          }
                          errors={errors}
                          errorId={errId}
                          inputProps={{
                            id: `qty-${i.product_id}`,
                            name: 'qty',
                            type: 'number',
                            min: 1,
                            max: 999,
                            step: 1,
                            inputMode: 'numeric',
                            defaultValue: i.qty,
                            className: 'qty-input',
                          }}
                        />
                        <button type="submit" className="button button-secondary">
                          {t('cart.update')}
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="productId" value={i.product_id} />
                        <button type="submit" className="button-link">
                          {t('cart.remove')} <span className="visually-hidden">{i.name}</span>
                        </button>
                      </Form>
                    </div>
                  </li>
                )
              })}
          </ul>
        </section>
      ))}
      <dl className="totals">
        <dt>{t('cart.subtotal')}</dt>
        <dd>
          <Money amount={cart.subtotal} />
        </dd>
      </dl>
      {cart.blocked ? <FormErrors errors={['checkout.blocked']} /> : null}
      <p className="button-row">
        {cart.blocked ? null : (
          <Link to="/checkout" className="button">
            {t('cart.checkout')}
          </Link>
        )}
        <Link to="/products">{t('cart.browse')}</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.cart') },
  { name: 'robots', content: 'noindex' },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
