import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, type ShouldRevalidateFunction, useActionData, useFetcher, useLoaderData } from '@remix-run/react'
import { type FormEvent, useEffect, useState } from 'react'
import { CheckoutSummary, type SummaryQuote } from '#app/components/checkout-summary.tsx'
import type { PickupPoint } from '#app/domain/orders/shipping.ts'
import { Field, FormErrors, Honeypot, SelectField } from '#app/components/ui/field.tsx'
import { parseCheckoutForm, readDeliveryChoice, typedValues } from '#app/web/checkout-form.server.ts'
import { cartCount } from '#app/domain/orders/cart.ts'
import { emailOrderPlaced } from '#app/domain/orders/notify.server.ts'
import { getShopLimits, throttleCheckout } from '#app/domain/orders/limits.ts'
import { checkoutPreview, placeOrder } from '#app/domain/orders/checkout.ts'
import { listProvinces } from '#app/domain/registry/reference.ts'
import { withParams } from '#app/i18n/translate.ts'
import { cartCountCookie, currentCartId } from '#app/web/cart.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { assertNoHoneypot, readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, type FormReply, usePlainForm } from '#app/web/plain-form.ts'
import { getLang } from '#app/web/i18n.server.ts'
import { clientIp } from '#app/web/request.server.ts'
import { getUser } from '#app/web/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  // The first view: a delivery with no province yet (fees "choose a province"), pickup outlets ready.
  const { cart, quote, pickupPoints } = await checkoutPreview(db, await currentCartId(request), 'ship', null)
  if (cart.items.length === 0 || cart.blocked) throw redirect('/cart')
  const user = await getUser(request)
  const [provinces, limits] = await Promise.all([listProvinces(db), getShopLimits(db)])
  // Said before the buyer fills in the form, not after: a guest order holds at most this many units.
  const guestMaxUnits = !user && cart.count > limits.guestMaxUnits ? limits.guestMaxUnits : null
  return {
    cart,
    quote,
    pickupPoints,
    provinces: provinces.map(({ id, name }) => ({ id, name })),
    buyer: user ? { name: user.user.name, email: user.user.email } : null,
    guestMaxUnits,
  }
}

/**
 * Every answer but a redirect carries the price for the delivery and province in the form, so the
 * summary never falls back to an older one: "Hitung ongkir" (intent=quote, also what the page's
 * fetcher sends as the buyer picks a province) and refused orders alike.
 */
async function withQuote(cartId: string, formData: FormData, reply: FormReply, init: ResponseInit) {
  const { delivery, provinceId } = readDeliveryChoice(formData)
  const { cart, quote, pickupPoints } = await checkoutPreview(getDb(), cartId, delivery, provinceId)
  // A quote the page's fetcher asked for just before the order emptied the cart must not send the
  // buyer to /cart instead of the order page: it answers an empty quote, the page is leaving anyway.
  if (cart.items.length === 0 && formData.get('intent') !== 'quote') throw redirect('/cart')
  return data({ ...reply, quote, pickupPoints }, init)
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request)
  assertNoHoneypot(formData)
  const cartId = await currentCartId(request)
  if (!cartId) throw redirect('/cart')
  if (formData.get('intent') === 'quote') {
    // The price only: nothing is checked but the province, nothing is written.
    const answer = await withQuote(
      cartId,
      formData,
      { initialValue: typedValues(formData), error: {} },
      { status: 200 },
    )
    if (!answer.data.quote.provinceInvalid) return answer
    return data({ ...answer.data, error: { provinceId: ['field.invalid'] } }, { status: 400 })
  }
  const submission = parseCheckoutForm(formData)
  if (submission.status !== 'success') return withQuote(cartId, formData, submission.reply(), { status: 400 })
  const user = await getUser(request)
  const v = submission.value
  const db = getDb()
  // Every order reserves stock and mails the address typed in: throttled per IP and per address (ADR 017).
  const limits = await getShopLimits(db)
  // An order the unit cap refuses anyway costs no one their budget (placeOrder checks again inside its transaction).
  const units = await cartCount(db, cartId)
  if (!user && units > limits.guestMaxUnits) {
    return withQuote(
      cartId,
      formData,
      submission.reply({ formErrors: [withParams('checkout.tooManyUnits', { max: limits.guestMaxUnits, units })] }),
      { status: 400 },
    )
  }
  const throttled = await throttleCheckout(db, { ip: clientIp(request), email: v.email, limits })
  if (throttled) {
    const minutes = Math.max(1, Math.ceil(throttled.retryAfterSeconds / 60))
    return withQuote(
      cartId,
      formData,
      submission.reply({ formErrors: [withParams(`checkout.tooMany.${throttled.by}`, { minutes })] }),
      {
        status: 429,
        headers: { 'Retry-After': String(throttled.retryAfterSeconds) },
      },
    )
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
    const refused = replyWithDomainError(submission, error)
    return withQuote(cartId, formData, refused.data, refused.init ?? { status: 400 })
  }
  await emailOrderPlaced(db, {
    lang: getLang(request),
    appUrl: getEnv().appUrl,
    orderId: placed.orderId,
    token: placed.token,
  })
  const headers = new Headers({ 'Set-Cookie': flashCookie('order.placed') })
  headers.append('Set-Cookie', cartCountCookie(0))
  throw redirect(`/orders/${placed.orderNumber}/${placed.token}`, { headers })
}

/** A price asked for by the page's fetcher changes nothing the loaders read: no reload behind it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'quote' ? false : defaultShouldRevalidate

/** A document answer keeps the action's Retry-After (a 429's header would otherwise not reach the wire). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export default function CheckoutPage() {
  const t = useT()
  const loaded = useLoaderData<typeof loader>()
  const { cart, provinces, buyer, guestMaxUnits } = loaded
  const lastResult = useActionData<typeof action>()
  // The browser checks what HTML can; the rest is checked on the server, so the page ships no zod.
  const form = usePlainForm(lastResult)
  // With JavaScript, choosing the delivery or the province asks the server for the price at once.
  const quoter = useFetcher<typeof action>()
  const [live, setLive] = useState<{ quote: SummaryQuote; pickupPoints: Record<string, PickupPoint> } | null>(null)
  useEffect(() => {
    if (quoter.data && 'quote' in quoter.data)
      setLive({ quote: quoter.data.quote, pickupPoints: quoter.data.pickupPoints })
  }, [quoter.data])
  useEffect(() => setLive(null), [lastResult])
  const shown = live ?? (lastResult && 'quote' in lastResult ? lastResult : loaded)
  const delivery = form.value('delivery') ?? 'ship'

  function requote(event: FormEvent<HTMLFormElement>) {
    const el = event.target
    if (
      !(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) ||
      (el.name !== 'delivery' && el.name !== 'provinceId')
    )
      return
    const data = new FormData(event.currentTarget)
    quoter.submit(
      {
        intent: 'quote',
        delivery: String(data.get('delivery') ?? 'ship'),
        provinceId: String(data.get('provinceId') ?? ''),
      },
      { method: 'post', action: '/checkout' },
    )
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // "Hitung ongkir" needs nothing but the delivery: the buyer's other fields are not checked yet.
    const submitter = (event.nativeEvent as SubmitEvent).submitter
    if (submitter instanceof HTMLButtonElement && submitter.value === 'quote') return
    form.formProps.onSubmit(event)
  }
  return (
    <div className="stack">
      <h1>{t('checkout.title')}</h1>
      <div className="grid-2">
        <Form
          method="post"
          className="form card"
          id="checkout"
          {...form.formProps}
          onSubmit={onSubmit}
          onChange={requote}
        >
          <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
          {guestMaxUnits !== null ? (
            <p className="warning-text" role="status">
              {t('checkout.guestMaxUnitsNote', { max: guestMaxUnits, units: cart.count })}{' '}
              <Link to="/login?redirectTo=/checkout">{t('checkout.signInForMore')}</Link>
            </p>
          ) : null}
          <Honeypot />
          <h2>{t('checkout.buyer')}</h2>
          <Field
            label={t('checkout.name')}
            errors={form.errors('name')}
            inputProps={{
              id: 'name',
              name: 'name',
              type: 'text',
              required: true,
              maxLength: 120,
              defaultValue: form.value('name') ?? buyer?.name ?? '',
              autoComplete: 'name',
            }}
          />
          <Field
            label={t('checkout.email')}
            errors={form.errors('email')}
            inputProps={{
              id: 'email',
              name: 'email',
              type: 'email',
              required: true,
              maxLength: 254,
              defaultValue: form.value('email') ?? buyer?.email ?? '',
              autoComplete: 'email',
            }}
          />
          <Field
            label={t('checkout.phone')}
            errors={form.errors('phone')}
            inputProps={{
              id: 'phone',
              name: 'phone',
              type: 'tel',
              required: true,
              maxLength: 24,
              defaultValue: form.value('phone'),
              autoComplete: 'tel',
            }}
          />
          <fieldset className="stack">
            <legend>{t('checkout.delivery')}</legend>
            {(['ship', 'pickup'] as const).map((d) => (
              <div className="field-check" key={d}>
                <input
                  type="radio"
                  name="delivery"
                  value={d}
                  id={`delivery-${d}`}
                  required
                  defaultChecked={delivery === d}
                />
                <label htmlFor={`delivery-${d}`}>{t(`checkout.delivery.${d}`)}</label>
              </div>
            ))}
          </fieldset>
          <p className="muted small">{t('checkout.shippingNote')}</p>
          <Field
            label={t('checkout.address')}
            errors={form.errors('address')}
            inputProps={{
              id: 'address',
              name: 'address',
              type: 'text',
              maxLength: 300,
              defaultValue: form.value('address'),
              autoComplete: 'street-address',
            }}
          />
          <Field
            label={t('checkout.city')}
            errors={form.errors('city')}
            inputProps={{
              id: 'city',
              name: 'city',
              type: 'text',
              maxLength: 100,
              defaultValue: form.value('city'),
              autoComplete: 'address-level2',
            }}
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
            inputProps={{
              id: 'postalCode',
              name: 'postalCode',
              type: 'text',
              maxLength: 10,
              defaultValue: form.value('postalCode'),
              autoComplete: 'postal-code',
              inputMode: 'numeric',
            }}
          />
          <p>
            <button type="submit" name="intent" value="quote" formNoValidate className="button button-secondary">
              {t('checkout.quote')}
            </button>
          </p>
          <p className="muted small">{t('checkout.reserveNote')}</p>
          <button type="submit" name="intent" value="order" className="button">
            {t('checkout.submit')}
          </button>
        </Form>
        <CheckoutSummary
          quote={shown.quote}
          items={cart.items}
          pickupPoints={shown.pickupPoints}
          busy={quoter.state !== 'idle'}
        />
      </div>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.checkout') },
  { name: 'robots', content: 'noindex' },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
