import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { getShippingSettings, setShippingRates } from '#app/domain/orders/shipping.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { requireUptStaff } from '#app/web/guards.server.ts'

const fee = z.coerce
  .number({ error: 'shipping.feeInvalid' })
  .int({ error: 'shipping.feeInvalid' })
  .min(0, { error: 'shipping.feeInvalid' })
  .max(10_000_000, { error: 'shipping.feeInvalid' })
const text = (max: number) => z.string().trim().max(max, { error: 'field.tooLong' }).optional()
// The pickup outlet is optional, but all or nothing: a buyer needs the address, the hours and a contact.
const RatesSchema = z
  .object({
    sameProvince: fee,
    sameIsland: fee,
    other: fee,
    pickupAddress: text(300),
    pickupHours: text(200),
    pickupContact: text(120),
  })
  .superRefine((v, ctx) => {
    const given = [v.pickupAddress, v.pickupHours, v.pickupContact].some(Boolean)
    if (!given) return
    for (const f of ['pickupAddress', 'pickupHours', 'pickupContact'] as const)
      if (!v[f]) ctx.addIssue({ code: 'custom', path: [f], message: 'pickup.allOrNothing' })
  })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const { rates, pickup } = await getShippingSettings(getDb(), upt.id)
  return { upt: { id: upt.id, name: upt.name }, rates, pickup }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session } = await requireUptStaff(request, params.uptId)
  const submission = parseWithZod(await readForm(request), { schema: RatesSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const pickup =
    v.pickupAddress && v.pickupHours && v.pickupContact
      ? { address: v.pickupAddress, hours: v.pickupHours, contact: v.pickupContact }
      : null
  await setShippingRates(getDb(), {
    uptId: upt.id,
    sameProvince: v.sameProvince,
    sameIsland: v.sameIsland,
    other: v.other,
    pickup,
    actorUserId: session.user.id,
    ip: clientIp(request),
  })
  throw redirect(`/upt/${upt.id}/shipping`, { headers: { 'Set-Cookie': flashCookie('form.saved') } })
}

export default function ShippingRates() {
  const t = useT()
  const { upt, rates, pickup } = useLoaderData<typeof loader>()
  const [form, fields] = useForm({
    id: 'shipping',
    lastResult: useActionData<typeof action>(),
    constraint: getZodConstraint(RatesSchema),
    defaultValue: {
      sameProvince: String(rates.same_province),
      sameIsland: String(rates.same_island),
      other: String(rates.other),
      pickupAddress: pickup?.address ?? '',
      pickupHours: pickup?.hours ?? '',
      pickupContact: pickup?.contact ?? '',
    },
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
        <Field
          label={t('shipping.sameProvince')}
          errors={fields.sameProvince.errors}
          errorId={fields.sameProvince.errorId}
          inputProps={{ ...getInputProps(fields.sameProvince, { type: 'number' }), ...num }}
        />
        <Field
          label={t('shipping.sameIsland')}
          errors={fields.sameIsland.errors}
          errorId={fields.sameIsland.errorId}
          inputProps={{ ...getInputProps(fields.sameIsland, { type: 'number' }), ...num }}
        />
        <Field
          label={t('shipping.other')}
          errors={fields.other.errors}
          errorId={fields.other.errorId}
          inputProps={{ ...getInputProps(fields.other, { type: 'number' }), ...num }}
        />
        <fieldset className="stack">
          <legend>{t('pickup.settingsTitle')}</legend>
          <p className="muted small">{t('pickup.settingsHint')}</p>
          <TextareaField
            label={t('pickup.address')}
            errors={fields.pickupAddress.errors}
            errorId={fields.pickupAddress.errorId}
            textareaProps={{ ...getTextareaProps(fields.pickupAddress), rows: 3, autoComplete: 'street-address' }}
          />
          <Field
            label={t('pickup.hours')}
            hint={t('pickup.hoursHint')}
            errors={fields.pickupHours.errors}
            errorId={fields.pickupHours.errorId}
            inputProps={{ ...getInputProps(fields.pickupHours, { type: 'text' }) }}
          />
          <Field
            label={t('pickup.contact')}
            hint={t('pickup.contactHint')}
            errors={fields.pickupContact.errors}
            errorId={fields.pickupContact.errorId}
            inputProps={{ ...getInputProps(fields.pickupContact, { type: 'text' }), autoComplete: 'tel' }}
          />
        </fieldset>
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.shipping') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
