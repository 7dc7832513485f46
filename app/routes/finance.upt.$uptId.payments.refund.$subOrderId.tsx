import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CheckField, Field, FormErrors } from '#app/components/ui/field.tsx'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { EmptyState, Money, StatusBadge } from '#app/components/ui/misc.tsx'
import { refundable, requestRefund } from '#app/domain/payments/refunds.ts'
import { getProvider } from '#app/integrations/payments/index.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptFinance, notFound } from '#app/web/guards.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { formatDateTime, formatRupiahInline } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'

const RefundSchema = z.object({
  amount: z.coerce
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .min(1, { error: 'field.invalid' }),
  reason: z
    .string({ error: 'field.required' })
    .trim()
    .min(3, { error: 'field.required' })
    .max(300, { error: 'field.tooLong' }),
  restock: z.literal('on').optional(),
  confirm: z.literal('on', { error: 'refund.confirmRequired' }),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const info = await refundable(getDb(), upt.id, params.subOrderId ?? '')
  if (!info) notFound()
  return {
    upt: { id: upt.id, name: upt.name, timezone: upt.timezone },
    sub: info.sub,
    method: info.payment?.method ?? null,
    money: info.money,
    remaining: info.remaining,
    refunds: info.refunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      reason: r.reason,
      status: r.status,
      restock: r.restock,
      created_at: r.created_at,
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session } = await requireUptFinance(request, params.uptId)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: RefundSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  try {
    const r = await requestRefund(getDb(), getProvider, {
      uptId: upt.id,
      subOrderId: params.subOrderId ?? '',
      amount: v.amount,
      reason: v.reason,
      restock: v.restock === 'on',
      userId: session.user.id,
      ip: clientIp(request),
    })
    return redirect(`/finance/upt/${upt.id}/payments/refund/${params.subOrderId}`, {
      headers: { 'Set-Cookie': flashCookie(r.status === 'pending' ? 'refund.requested' : 'refund.recorded') },
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function RefundPage() {
  const t = useT()
  const lang = useLang()
  const { upt, sub, money, remaining, refunds } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'refund',
    lastResult,
    constraint: getZodConstraint(RefundSchema),
    defaultValue: { amount: String(remaining) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RefundSchema }),
    // re-checked while typing, so a message never vanishes under the pointer on the submit press
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/finance/upt/${upt.id}/payments`}>{t('finance.paymentsTitle', { upt: upt.name })}</Link>
      </p>
      <h1>{t('refund.title', { number: sub.number })}</h1>
      <p>
        <StatusBadge status={sub.status} label={t(`order.status.${sub.status}`)} /> · <Money amount={money.paidTotal} />
      </p>
      <h2>{t('refund.breakdown')}</h2>
      <ListTable
        label={t('refund.breakdown')}
        rows={(['goods', 'shipping', 'unique_code'] as const).map((c) => ({
          part: c as string,
          label: t(c === 'unique_code' ? 'money.uniqueCode' : `money.${c}`),
          paid: money.paid[c],
          refunded: money.refunded[c],
          left: money.paid[c] - money.refunded[c],
        }))}
        rowKey={(r) => r.part}
        rowProps={(r) => ({ 'data-part': r.part })}
        footer={{
          part: 'total',
          label: t('finance.total'),
          paid: money.paidTotal,
          refunded: money.refundedTotal,
          left: money.remaining,
        }}
        columns={[
          { header: t('money.part'), rowHeader: true, cell: (r) => r.label },
          { header: t('money.paid'), num: true, cell: (r) => <Money amount={r.paid} /> },
          { header: t('refund.refunded'), num: true, cell: (r) => <Money amount={r.refunded} /> },
          { header: t('refund.left'), num: true, cell: (r) => <Money amount={r.left} /> },
        ]}
      />
      <p className="muted">{t('refund.order')}</p>
      {remaining > 0 && sub.status !== 'refunded' ? (
        <Form method="post" className="form card" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <p>{t('refund.remaining', { amount: formatRupiahInline(remaining) })}</p>
          <Field
            label={t('refund.amount')}
            errors={fields.amount.errors}
            errorId={fields.amount.errorId}
            inputProps={{ ...getInputProps(fields.amount, { type: 'number' }), max: remaining, step: 1 }}
          />
          <Field
            label={t('refund.reason')}
            errors={fields.reason.errors}
            errorId={fields.reason.errorId}
            inputProps={getInputProps(fields.reason, { type: 'text' })}
          />
          {/* plain uncontrolled checkboxes: they keep their state across client revalidation */}
          <div className="field-check">
            <input type="checkbox" name="restock" id="refund-restock" value="on" />
            <label htmlFor="refund-restock">{t('refund.restock')}</label>
          </div>
          <CheckField
            label={t('refund.confirm')}
            errors={fields.confirm.errors}
            errorId={fields.confirm.errorId}
            inputProps={{ name: 'confirm', id: 'refund-confirm', value: 'on', required: true }}
          />
          <button type="submit" className="button button-danger">
            {t('refund.submit')}
          </button>
        </Form>
      ) : null}
      <section className="stack" aria-labelledby="history-h">
        <h2 id="history-h">{t('refund.history')}</h2>
        {refunds.length === 0 ? (
          <EmptyState title={t('refund.none')} />
        ) : (
          <ul>
            {refunds.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.created_at, upt.timezone ?? 'Asia/Jakarta', lang)} · <Money amount={r.amount} /> ·{' '}
                {r.reason} ·{' '}
                <StatusBadge
                  status={r.status === 'succeeded' ? 'paid' : r.status}
                  label={t(`refund.status.${r.status}`)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.refund') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
