import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrors, Honeypot, SelectField } from '#app/components/ui/field.tsx'
import { Money } from '#app/components/ui/misc.tsx'
import { parseCheckoutForm } from '#app/domain/orders/checkout-form.server.ts'
import { cartView } from '#app/domain/orders/cart.ts'
import { emailOrderPlaced } from '#app/domain/orders/notify.server.ts'
import { placeOrder } from '#app/domain/orders/orders.ts'
import { currentCartId } from '#app/utils/cart.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { flashCookie } from '#app/utils/flash.server.ts'
import { assertNoHoneypot, replyWithDomainError } from '#app/utils/forms.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { getLang } from '#app/utils/i18n.server.ts'
import { getUser } from '#app/utils/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const cart = await cartView(db, await currentCartId(request))
  if (cart.items.length === 0 || cart.blocked) throw redirect('/cart')
  const user = await getUser(request)
  const provinces = await db.selectFrom('provinces').select(['id', 'name']).orderBy('name').execute()
  return { cart, provinces, buyer: user ? { name: user.user.name, email: user.user.email } : null }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  assertNoHoneypot(formData)
  const submission = parseCheckoutForm(formData)
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const cartId = await currentCartId(request)
  if (!cartId) throw redirect('/cart')
  const user = await getUser(request)
  const v = submission.value
  const db = getDb()
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
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  await emailOrderPlaced(db, { lang: getLang(request), appUrl: getEnv().appUrl, orderId: placed.orderId, token: placed.token })
  throw redirect(`/orders/${placed.orderNumber}/${placed.token}`, { headers: { 'Set-Cookie': flashCookie('order.placed') } })
}

interface CheckoutFields {
  name: string
  email: string
  phone: string
  delivery: 'ship' | 'pickup'
  address?: string
  city?: string
  provinceId?: string
  postalCode?: string
}

export default function CheckoutPage() {
  const t = useT()
  const { cart, provinces, buyer } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<CheckoutFields>({
    id: 'checkout',
    lastResult,
    // The browser checks what HTML can; the rest is checked on the server, so the page ships no zod.
    constraint: { name: { required: true, maxLength: 120 }, email: { required: true, maxLength: 254 }, phone: { required: true, maxLength: 24 }, delivery: { required: true } },
    defaultValue: { name: buyer?.name ?? '', email: buyer?.email ?? '', delivery: 'ship' },
  })
  const upts = [...new Set(cart.items.map((i) => i.upt_name))]
  return (
    <div className="stack">
      <h1>{t('checkout.title')}</h1>
      <div className="grid-2">
        <Form method="post" className="form card" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <Honeypot />
          <h2>{t('checkout.buyer')}</h2>
          <Field label={t('checkout.name')} errors={fields.name.errors} errorId={fields.name.errorId} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} />
          <Field label={t('checkout.email')} errors={fields.email.errors} errorId={fields.email.errorId} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
          <Field label={t('checkout.phone')} errors={fields.phone.errors} errorId={fields.phone.errorId} inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'tel' }} />
          <fieldset className="stack">
            <legend>{t('checkout.delivery')}</legend>
            {(['ship', 'pickup'] as const).map((d) => (
              <div className="field-check" key={d}>
                <input {...getInputProps(fields.delivery, { type: 'radio', value: d })} id={`delivery-${d}`} />
                <label htmlFor={`delivery-${d}`}>{t(`checkout.delivery.${d}`)}</label>
              </div>
            ))}
          </fieldset>
          <p className="muted small">{t('checkout.shippingNote')}</p>
          <Field label={t('checkout.address')} errors={fields.address.errors} errorId={fields.address.errorId} inputProps={{ ...getInputProps(fields.address, { type: 'text' }), autoComplete: 'street-address' }} />
          <Field label={t('checkout.city')} errors={fields.city.errors} errorId={fields.city.errorId} inputProps={{ ...getInputProps(fields.city, { type: 'text' }), autoComplete: 'address-level2' }} />
          <SelectField
            label={t('checkout.provinceId')}
            errors={fields.provinceId.errors}
            errorId={fields.provinceId.errorId}
            selectProps={getSelectProps(fields.provinceId)}
            placeholder="—"
            options={provinces.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Field label={t('checkout.postalCode')} errors={fields.postalCode.errors} errorId={fields.postalCode.errorId} inputProps={{ ...getInputProps(fields.postalCode, { type: 'text' }), autoComplete: 'postal-code', inputMode: 'numeric' }} />
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

export const meta: MetaFunction = () => [{ title: 'Checkout · Mitra Lipas' }, { name: 'robots', content: 'noindex' }]
