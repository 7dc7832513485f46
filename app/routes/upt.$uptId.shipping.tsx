import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { getShippingRates, setShippingRates } from '#app/domain/orders/shipping.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { requireUptStaff } from '#app/web/guards.server.ts'

const fee = z.coerce.number({ error: 'shipping.feeInvalid' }).int({ error: 'shipping.feeInvalid' }).min(0, { error: 'shipping.feeInvalid' }).max(10_000_000, { error: 'shipping.feeInvalid' })
const RatesSchema = z.object({ sameProvince: fee, sameIsland: fee, other: fee })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  return { upt: { id: upt.id, name: upt.name }, rates: await getShippingRates(getDb(), upt.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session } = await requireUptStaff(request, params.uptId)
  const submission = parseWithZod(await readForm(request), { schema: RatesSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  await setShippingRates(getDb(), { uptId: upt.id, ...submission.value, actorUserId: session.user.id, ip: clientIp(request) })
  throw redirect(`/upt/${upt.id}/shipping`, { headers: { 'Set-Cookie': flashCookie('form.saved') } })
}

export default function ShippingRates() {
  const t = useT()
  const { upt, rates } = useLoaderData<typeof loader>()
  const [form, fields] = useForm({
    id: 'shipping',
    lastResult: useActionData<typeof action>(),
    constraint: getZodConstraint(RatesSchema),
    defaultValue: { sameProvince: String(rates.same_province), sameIsland: String(rates.same_island), other: String(rates.other) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RatesSchema }),
  })
  const num = { step: 1000, inputMode: 'numeric' as const }
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}`}>{upt.name}</Link>
      </p>
      <h1>{t('shipping.title')}</h1>
      <p className="lead">{t('shipping.intro')}</p>
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field label={t('shipping.sameProvince')} errors={fields.sameProvince.errors} errorId={fields.sameProvince.errorId} inputProps={{ ...getInputProps(fields.sameProvince, { type: 'number' }), ...num }} />
        <Field label={t('shipping.sameIsland')} errors={fields.sameIsland.errors} errorId={fields.sameIsland.errorId} inputProps={{ ...getInputProps(fields.sameIsland, { type: 'number' }), ...num }} />
        <Field label={t('shipping.other')} errors={fields.other.errors} errorId={fields.other.errorId} inputProps={{ ...getInputProps(fields.other, { type: 'number' }), ...num }} />
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.shipping') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
