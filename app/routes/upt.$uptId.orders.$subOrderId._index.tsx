import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { TrackingNumber } from '#app/components/tracking-number.tsx'
import { OrderLinesTable, SubOrderTotals } from '#app/components/order-view.tsx'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { StatusBadge } from '#app/components/ui/misc.tsx'
import { DomainError } from '#app/domain/errors.ts'
import { emailSubOrderUpdate } from '#app/domain/orders/notify.server.ts'
import { getSubOrderForUpt } from '#app/domain/orders/queries.ts'
import { staffTransition } from '#app/domain/orders/fulfilment.ts'
import { staffEvents } from '#app/domain/orders/state.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { readForm } from '#app/web/forms.server.ts'
import { recordTitle, useLang, useT } from '#app/web/i18n.tsx'
import { getLang } from '#app/web/i18n.server.ts'
import { notFound, requireUptStaff } from '#app/web/guards.server.ts'

const EventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('process') }),
  z.object({
    event: z.literal('ship'),
    courier: z
      .string({ error: 'field.required' })
      .trim()
      .min(2, { error: 'field.required' })
      .max(40, { error: 'field.tooLong' }),
    trackingNumber: z
      .string({ error: 'field.required' })
      .trim()
      .min(4, { error: 'field.required' })
      .max(40, { error: 'field.tooLong' }),
  }),
  z.object({ event: z.literal('complete') }),
  z.object({ event: z.literal('cancel') }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const sub = await getSubOrderForUpt(getDb(), upt.id, params.subOrderId ?? '')
  if (!sub) notFound()
  return { upt: { id: upt.id, name: upt.name, timezone: upt.timezone }, sub, events: staffEvents(sub.status) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session } = await requireUptStaff(request, params.uptId)
  const sub = await getSubOrderForUpt(getDb(), upt.id, params.subOrderId ?? '')
  if (!sub) notFound()
  const submission = parseWithZod(await readForm(request), { schema: EventSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  try {
    await staffTransition(getDb(), {
      uptId: upt.id,
      subOrderId: sub.id,
      event: v.event,
      actorUserId: session.user.id,
      ...(v.event === 'ship' ? { courier: v.courier, trackingNumber: v.trackingNumber } : {}),
    })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data(submission.reply({ formErrors: [error.code] }), { status: 400 })
  }
  await emailSubOrderUpdate(getDb(), { lang: getLang(request), subOrderId: sub.id })
  throw redirect(`/upt/${upt.id}/orders/${sub.id}`, { headers: { 'Set-Cookie': flashCookie('fulfil.done') } })
}

export default function SubOrderPage() {
  const t = useT()
  const lang = useLang()
  const { upt, sub, events } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const confirmingCancel = params.get('cancel') === '1' && events.includes('cancel')
  const fieldErrors = (result?.error ?? {}) as Record<string, string[] | null>
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}/orders`}>{t('fulfil.title')}</Link>
      </p>
      <h1>{t('order.subOrder', { number: sub.number })}</h1>
      <p>
        <StatusBadge status={sub.status} label={t(`order.status.${sub.status}`)} /> ·{' '}
        <Link to={`/upt/${upt.id}/orders/${sub.id}/invoice`}>{t('fulfil.invoice')}</Link>
      </p>
      <FormErrors errors={(result?.error?.[''] as string[] | undefined) ?? null} />
      {sub.status === 'pending_payment' ? <p className="muted">{t('fulfil.waiting')}</p> : null}
      {confirmingCancel ? (
        <ConfirmDialog id="cancel-q" question={t('fulfil.cancelConfirm')} fields={{ event: 'cancel' }} cancelTo="." />
      ) : null}
      <div className="button-row">
        {events.includes('process') ? (
          <Form method="post">
            <input type="hidden" name="event" value="process" />
            <button type="submit" className="button">
              {t('fulfil.event.process')}
            </button>
          </Form>
        ) : null}
        {events.includes('complete') ? (
          <Form method="post">
            <input type="hidden" name="event" value="complete" />
            <button type="submit" className="button">
              {t('fulfil.event.complete')}
            </button>
          </Form>
        ) : null}
        {events.includes('cancel') && !confirmingCancel ? <Link to="?cancel=1">{t('fulfil.event.cancel')}</Link> : null}
      </div>
      {events.includes('ship') ? (
        <Form method="post" className="form card">
          <input type="hidden" name="event" value="ship" />
          <Field
            label={t('order.courier')}
            errors={fieldErrors.courier}
            inputProps={{ id: 'courier', name: 'courier', type: 'text', required: true, maxLength: 40 }}
          />
          <Field
            label={t('order.tracking')}
            errors={fieldErrors.trackingNumber}
            inputProps={{ id: 'trackingNumber', name: 'trackingNumber', type: 'text', required: true, maxLength: 40 }}
          />
          <button type="submit" className="button">
            {t('fulfil.event.ship')}
          </button>
        </Form>
      ) : null}
      <dl className="dl">
        <dt>{t('order.buyer')}</dt>
        <dd>
          {sub.buyer_name} · {sub.buyer_email} · {sub.buyer_phone}
        </dd>
        <dt>{sub.delivery === 'ship' ? t('order.deliverTo') : t('checkout.delivery')}</dt>
        <dd>
          {sub.delivery === 'ship'
            ? `${sub.address}, ${sub.city}, ${sub.province_name ?? ''} ${sub.postal_code}`
            : t('order.pickupAt')}
        </dd>
        {sub.tracking_number ? (
          <>
            <dt>{t('order.tracking')}</dt>
            <dd>
              {sub.courier} <TrackingNumber courier={sub.courier} number={sub.tracking_number} />
            </dd>
          </>
        ) : null}
      </dl>
      <OrderLinesTable label={t('order.subOrder', { number: sub.number })} lines={sub.lines} />
      <SubOrderTotals sub={sub} subtotal={false} />
      <h2>{t('fulfil.history')}</h2>
      <ol>
        {sub.events.map((e) => (
          <li key={e.at + e.to_status}>
            {formatDateTime(e.at, upt.timezone, lang)}: {t(`order.status.${e.to_status}`)}
          </li>
        ))}
      </ol>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: recordTitle(matches, data?.sub.number, 'title.order') },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
