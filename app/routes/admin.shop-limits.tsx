import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { getShopLimits, SHOP_LIMIT_BOUNDS, setShopLimits, type ShopLimitKey } from '#app/domain/orders/limits.ts'
import { withParams } from '#app/i18n/translate.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { requireUser } from '#app/web/guards.server.ts'

const limit = (key: ShopLimitKey) => {
  const range = withParams('shopLimits.range', SHOP_LIMIT_BOUNDS[key])
  return z.coerce
    .number({ error: 'field.required' })
    .int({ error: range })
    .min(SHOP_LIMIT_BOUNDS[key].min, { error: range })
    .max(SHOP_LIMIT_BOUNDS[key].max, { error: range })
}
const LimitsSchema = z.object({
  ordersPerIp: limit('ordersPerIp'),
  ordersPerEmail: limit('ordersPerEmail'),
  windowMinutes: limit('windowMinutes'),
  guestMaxUnits: limit('guestMaxUnits'),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request, { permission: 'shop.limits' })
  const back = session.principal.grants.some((g) => g.role === 'admin') ? '/admin' : '/finance'
  return { limits: await getShopLimits(getDb()), back }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request, { permission: 'shop.limits' })
  const submission = parseWithZod(await readForm(request), { schema: LimitsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  await setShopLimits(getDb(), submission.value, { userId: session.user.id, ip: clientIp(request) })
  throw redirect('/admin/shop-limits', { headers: { 'Set-Cookie': flashCookie('shopLimits.saved') } })
}

export default function ShopLimitsPage() {
  const t = useT()
  const { limits, back } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof LimitsSchema>>({
    id: 'shop-limits',
    lastResult,
    constraint: getZodConstraint(LimitsSchema),
    defaultValue: Object.fromEntries(Object.entries(limits).map(([k, v]) => [k, String(v)])),
    shouldValidate: 'onBlur',
  })
  const number = (key: ShopLimitKey) => (
    <Field
      label={t(`shopLimits.${key}`)}
      errors={fields[key].errors}
      errorId={fields[key].errorId}
      inputProps={{ ...getInputProps(fields[key], { type: 'number' }), inputMode: 'numeric' }}
    />
  )
  return (
    <div className="stack">
      <p>
        <Link to={back}>← {t(back === '/admin' ? 'admin.title' : 'finance.title')}</Link>
      </p>
      <h1>{t('shopLimits.title')}</h1>
      <p className="lead">{t('shopLimits.intro')}</p>
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        {number('ordersPerIp')}
        {number('ordersPerEmail')}
        {number('windowMinutes')}
        {number('guestMaxUnits')}
        <p className="muted small">{t('shopLimits.hint')}</p>
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.shopLimits') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
