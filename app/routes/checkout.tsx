import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrors, Honeypot, SelectField } from '#app/components/ui/field.tsx'
import { Money } from '#app/components/ui/misc.tsx'
import { parseCheckoutForm } from '#app/web/checkout-form.server.ts'
import { cartCount, cartView } from '#app/domain/orders/cart.ts'
import { emailOrderPlaced } from '#app/domain/orders/notify.server.ts'
import { getShopLimits, throttleCheckout } from '#app/domain/orders/limits.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { listProvinces } from '#app/domain/registry/reference.ts'
import { withParams } from '#app/i18n/translate.ts'
import { currentCartId } from '#app/web/cart.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { assertNoHoneypot, readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'
import { getLang } from '#app/web/i18n.server.ts'
import { clientIp } from '#app/web/request.server.ts'
import { getUser } from '#app/web/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const cart = await cartView(db, await currentCartId(request))
  if (cart.items.length === 0 || cart.blocked) throw redirect('/cart')
  const user = await getUser(request)
  const [provinces, limits] = await Promise.all([listProvinces(db), getShopLimits(db)])
  // Said before the buyer fills in the form, not after: a guest order holds at most this many units.
  const guestMaxUnits = !user && cart.count > limits.guestMaxUnits ? limits.guestMaxUnits : null
  return { cart, provinces: provinces.map(({ id, name }) => ({ id, name })), buyer: user ? { name: user.user.name, email: user.user.email } : null, guestMaxUnits }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request)
  assertNoHoneypot(formData)
  const submission = parseCheckoutForm(formData)
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const cartId = await currentCartId(request)
  if (!cartId) throw redirect('/cart')
  const user = await getUser(request)
  const v = submission.value
  const db = getDb()
  // Every order reserves stock and mails the address typed in: throttled per IP and per address (ADR 017).
  const limits = await getShopLimits(db)
  // An order the unit cap refuses anyway costs no one their budget (placeOrder checks again inside its transaction).
  const units = await cartCount(db, cartId)
  if (!user && units > limits.guestMaxUnits) {
    return data(submission.reply({ formErrors: [withParams('checkout.tooManyUnits', { max: limits.guestMaxUnits, units })] }), { status: 400 })
  }
  const throttled = await throttleCheckout(db, { ip: clientIp(request), email: v.email, limits })
  if (throttled) {
    const minutes = Math.max(1, Math.ceil(throttled.retryAfterSeconds / 60))
    return data(submission.reply({ formErrors: [withParams(`checkout.tooMany.${throttled.by}`, { minutes })] }), {
      status: 429,
      headers: { 'Retry-After': String(throttled.retryAfterSeconds) },
    })
  }
  let placed
  try {
    // Only who and where come from the form: items, quantities and prices come from the cart and products tables.
    placed = await placeOrder(db, {
      cartId,
      userId: user?.user.id ?? null,
      buyerName: v.name,
      buyerEmail: v.email,
      buyerPhone: v.phone,
      delivery: v.delivery,
      address: v.address,
      city: v.city,
      provinceId: v.provinceId,
      postalCode: v.postalCode,
      maxUnits: user ? null : limits.guestMaxUnits,
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  await emailOrderPlaced(db, { lang: getLang(request), appUrl: getEnv().appUrl, orderId: placed.orderId, token: placed.token })
  throw redirect(`/orders/${placed.orderNumber}/${placed.token}`, { headers: { 'Set-Cookie': flashCookie('order.placed') } })
}

/** A document answer keeps the action's Retry-After (a 429's header would otherwise not reach the wire). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export default function CheckoutPage() {
  const t = useT()
  const { cart, provinces, buyer, guestMaxUnits } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  // The browser checks what HTML can; the rest is checked on the server, so the page ships no zod.
  const form = usePlainForm(lastResult)
  const delivery = form.value('delivery') ?? 'ship'
  const upts = [...new Set(cart.items.map((i) => i.upt_name))]
  return (
    <div className="stack">
      <h1>{t('checkout.title')}</h1>
      <div className="grid-2">
        <Form method="post" className="form card" id="checkout" {...form.formProps}>
          <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
          {guestMaxUnits !== null ? (
            <p className="warning-text" role="status">
              {t('checkout.guestMaxUnitsNote', { max: guestMaxUnits, units: cart.count })} <Link to="/login?redirectTo=/checkout">{t('checkout.signInForMore')}</Link>
            </p>
          ) : null}
          <Honeypot />
          <h2>{t('checkout.buyer')}</h2>
          <Field
            label={t('checkout.name')}
            errors={form.errors('name')}
            inputProps={{ id: 'name', name: 'name', type: 'text', required: true, maxLength: 120, defaultValue: form.value('name') ?? buyer?.name ?? '', autoComplete: 'name' }}
          />
          <Field
            label={t('checkout.email')}
            errors={form.errors('email')}
            inputProps={{ id: 'email', name: 'email', type: 'email', required: true, maxLength: 254, defaultValue: form.value('email') ?? buyer?.email ?? '', autoComplete: 'email' }}
          />
          <Field
            label={t('checkout.phone')}
            errors={form.errors('phone')}
            inputProps={{ id: 'phone', name: 'phone', type: 'tel', required: true, maxLength: 24, defaultValue: form.value('phone'), autoComplete: 'tel' }}
          />
          <fieldset className="stack">
            <legend>{t('checkout.delivery')}</legend>
            {(['ship', 'pickup'] as const).map((d) => (
              <div className="field-check" key={d}>
                <input type="radio" name="delivery" value={d} id={`delivery-${d}`} required defaultChecked={delivery === d} />
                <label htmlFor={`delivery-${d}`}>{t(`checkout.delivery.${d}`)}</label>
              </div>
            ))}
          </fieldset>
          <p className="muted small">{t('checkout.shippingNote')}</p>
          <Field
            label={t('checkout.address')}
            errors={form.errors('address')}
            inputProps={{ id: 'address', name: 'address', type: 'text', maxLength: 300, defaultValue: form.value('address'), autoComplete: 'street-address' }}
          />
          <Field
            label={t('checkout.city')}
            errors={form.errors('city')}
            inputProps={{ id: 'city', name: 'city', type: 'text', maxLength: 100, defaultValue: form.value('city'), autoComplete: 'address-level2' }}
          />
          <SelectField
            label={t('checkout.provinceId')}
            errors={form.errors('provinceId')}
            selectProps={{ id: 'provinceId', name: 'provinceId', defaultValue: form.value('provinceId') ?? '' }}
            placeholder="—"
            options={provinces.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Field
            label={t('checkout.postalCode')}
            errors={form.errors('postalCode')}
            inputProps={{ id: 'postalCode', name: 'postalCode', type: 'text', maxLength: 10, defaultValue: form.value('postalCode'), autoComplete: 'postal-code', inputMode: 'numeric' }}
          />
          <p className="muted small">{t('checkout.reserveNote')}</p>
          <button type="submit" className="button">
            {t('checkout.submit')}
          </button>
        </Form>
        <section className="card stack" aria-labelledby="summary-h">
          <h2 id="summary-h">{t('cart.title')}</h2>
          {upts.map((upt) => (
            <div key={upt}>
              <h3>{t('cart.fromUpt', { upt })}</h3>
              <ul>
                {cart.items
                  .filter((i) => i.upt_name === upt)
                  .map((i) => (
                    <li key={i.product_id}>
                      {i.name} × {i.qty}: <Money amount={i.lineTotal} />
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          <dl className="totals">
            <dt>{t('cart.subtotal')}</dt>
            <dd>
              <Money amount={cart.subtotal} />
            </dd>
          </dl>
          <Link to="/cart">{t('cart.title')}</Link>
        </section>
      </div>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.checkout') }, { name: 'robots', content: 'noindex' }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
