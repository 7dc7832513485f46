import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Outstanding } from '#app/components/finance/report-table.tsx'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { EmptyState, Money } from '#app/components/ui/misc.tsx'
import { createBilling, listBillings, payBilling } from '#app/domain/pnbp/billings.ts'
import { monthlyReport } from '#app/domain/pnbp/report.ts'
import { getSettings } from '#app/domain/pnbp/settings.ts'
import { getDb } from '#app/web/db.server.ts'
import { monthFrom } from '#app/lib/month.ts'
import { requireUptFinance } from '#app/web/guards.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { MonthFilter } from '#app/components/finance/month-filter.tsx'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'
import { clientIp } from '#app/web/request.server.ts'
import { todayIn } from '#app/lib/time.ts'

const date = z.string({ error: 'field.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.invalidDate' })
const CreateSchema = z.object({
  intent: z.literal('create'),
  kodeBilling: z
    .string({ error: 'field.required' })
    .trim()
    .regex(/^\d{15}$/, { error: 'pnbp.kodeBilling15' }),
  billingDate: date,
  expiresOn: date.optional(),
  amount: z.coerce
    .number({ error: 'field.required' })
    .int({ error: 'ledger.badAmount' })
    .positive({ error: 'ledger.badAmount' })
    .max(900_000_000_000, { error: 'ledger.badAmount' }),
  kodeAkun: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'pnbp.kodeAkun6' })
    .optional(),
  period: z.string({ error: 'field.required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'field.invalid' }),
})
const PaySchema = z.object({
  intent: z.literal('pay'),
  billingId: z.string().min(1).max(64),
  ntpn: z
    .string({ error: 'field.required' })
    .trim()
    .regex(/^[A-Za-z0-9]{16}$/, { error: 'pnbp.ntpn16' }),
  ntb: z.string({ error: 'field.required' }).trim().min(1).max(40, { error: 'field.tooLong' }),
  paidDate: date,
  channel: z.string({ error: 'field.required' }).trim().min(1).max(80, { error: 'field.tooLong' }),
})
const ActionSchema = z.discriminatedUnion('intent', [CreateSchema, PaySchema])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const url = new URL(request.url)
  const month = monthFrom(url)
  const page = pageFrom(url)
  const db = getDb()
  const [report, billings, settings] = await Promise.all([
    monthlyReport(db, { month, uptId: upt.id }),
    listBillings(db, upt.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    getSettings(db),
  ])
  const figures = report[0] ?? null
  return {
    upt: { id: upt.id, name: upt.name },
    month,
    figures,
    billings: billings.rows,
    page,
    pages: pageCount(billings.total),
    today: todayIn(upt.timezone),
    settings: { kodeAkunDefault: settings.kodeAkunDefault, billingExpiryDays: settings.billingExpiryDays },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptFinance(request, params.uptId)
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const db = getDb()
  try {
    if (v.intent === 'create') {
      await createBilling(db, {
        uptId: upt.id,
        kodeBilling: v.kodeBilling,
        billingDate: v.billingDate,
        expiresOn: v.expiresOn ?? null,
        amount: v.amount,
        kodeAkun: v.kodeAkun ?? null,
        period: v.period,
        actorUserId: session.user.id,
        ip: clientIp(request),
      })
      throw redirect(`/finance/upt/${upt.id}?month=${v.period}`, {
        headers: { 'Set-Cookie': flashCookie('billing.created') },
      })
    }
    await payBilling(db, {
      billingId: v.billingId,
      uptId: upt.id,
      ntpn: v.ntpn,
      ntb: v.ntb,
      paidDate: v.paidDate,
      channel: v.channel,
      actorUserId: session.user.id,
      ip: clientIp(request),
    })
    throw redirect(`/finance/upt/${upt.id}`, { headers: { 'Set-Cookie': flashCookie('billing.recorded') } })
  } catch (error) {
    if (error instanceof Response) throw error
    return replyWithDomainError(submission, error)
  }
}

export default function UptFinancePage() {
  const t = useT()
  const { upt, month, figures, billings, page, pages, today, settings } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const paying = billings.find((b) => b.id === params.get('pay') && !b.ntpn)
  const [form, fields] = useForm({
    id: 'create-billing',
    lastResult: paying ? undefined : lastResult,
    constraint: getZodConstraint(CreateSchema),
    defaultValue: {
      billingDate: today,
      period: month,
      amount: figures && figures.outstanding > 0 ? String(figures.outstanding) : '',
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
    shouldRevalidate: 'onInput',
  })
  const [payForm, payFields] = useForm({
    id: 'pay-billing',
    lastResult: paying ? lastResult : undefined,
    constraint: getZodConstraint(PaySchema),
    defaultValue: { paidDate: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaySchema }),
    // After an error, re-check while typing: re-checking on blur removed the message as the
    // button was pressed, the button moved up under the pointer and the first press was lost.
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/finance?month=${month}`}>{t('finance.title')}</Link>
      </p>
      <h1>{t('billing.title')}</h1>
      <p className="lead">{upt.name}</p>
      <nav className="finance-nav" aria-label={upt.name}>
        <Link to={`/finance/upt/${upt.id}/statements`}>{t('finance.nav.statements')}</Link>
        <Link to={`/finance/upt/${upt.id}/payments`}>{t('finance.nav.payments')}</Link>
        <Link to={`/finance/upt/${upt.id}/ledger?month=${month}`}>{t('finance.nav.ledger')}</Link>
        <Link to="/finance/rules">{t('finance.nav.rules')}</Link>
      </nav>
      <MonthFilter month={month} />
      {figures ? (
        <dl className="dl">
          <dt>{t('finance.col.grossSales')}</dt>
          <dd>
            <Money amount={figures.grossSales} />
          </dd>
          <dt>{t('finance.col.pnbpDue')}</dt>
          <dd data-testid="pnbp-due">
            <Money amount={figures.pnbpDue} />
          </dd>
          <dt>{t('finance.col.deposited')}</dt>
          <dd>
            <Money amount={figures.deposited} />
          </dd>
          <dt>{t('finance.col.outstanding')}</dt>
          <dd data-testid="outstanding">
            <Outstanding amount={figures.outstanding} />
          </dd>
          <dt>{t('finance.col.premi')}</dt>
          <dd>
            <Money amount={figures.premi} />
          </dd>
        </dl>
      ) : (
        <EmptyState title={t('finance.noData')} />
      )}

      {paying ? (
        <section className="card" aria-labelledby="pay-title">
          <h2 id="pay-title">{t('billing.payFor', { kode: paying.kode_billing })}</h2>
          <Form method="post" className="form" {...getFormProps(payForm)}>
            <FormErrors errors={payForm.errors} />
            <input type="hidden" name="intent" value="pay" />
            <input type="hidden" name="billingId" value={paying.id} />
            <Field
              label={t('billing.ntpn')}
              hint={t('billing.ntpnHint')}
              errors={payFields.ntpn.errors}
              errorId={payFields.ntpn.errorId}
              inputProps={{ ...getInputProps(payFields.ntpn, { type: 'text' }), autoComplete: 'off' }}
            />
            <Field
              label={t('billing.ntb')}
              errors={payFields.ntb.errors}
              errorId={payFields.ntb.errorId}
              inputProps={{ ...getInputProps(payFields.ntb, { type: 'text' }), autoComplete: 'off' }}
            />
            <Field
              label={t('billing.paidDate')}
              errors={payFields.paidDate.errors}
              errorId={payFields.paidDate.errorId}
              inputProps={getInputProps(payFields.paidDate, { type: 'date' })}
            />
            <Field
              label={t('billing.channel')}
              errors={payFields.channel.errors}
              errorId={payFields.channel.errorId}
              inputProps={getInputProps(payFields.channel, { type: 'text' })}
            />
            <div className="button-row">
              <button type="submit" className="button">
                {t('billing.pay')}
              </button>
              <Link to={`/finance/upt/${upt.id}`}>{t('form.cancel')}</Link>
            </div>
          </Form>
        </section>
      ) : (
        <section className="card" aria-labelledby="create-title">
          <h2 id="create-title">{t('billing.create')}</h2>
          <Form method="post" className="form" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="create" />
            <Field
              label={t('billing.kodeBilling')}
              hint={t('billing.kodeBillingHint')}
              errors={fields.kodeBilling.errors}
              errorId={fields.kodeBilling.errorId}
              inputProps={{
                ...getInputProps(fields.kodeBilling, { type: 'text' }),
                inputMode: 'numeric',
                autoComplete: 'off',
              }}
            />
            <Field
              label={t('billing.period')}
              errors={fields.period.errors}
              errorId={fields.period.errorId}
              inputProps={getInputProps(fields.period, { type: 'month' })}
            />
            <Field
              label={t('billing.amount')}
              errors={fields.amount.errors}
              errorId={fields.amount.errorId}
              inputProps={{ ...getInputProps(fields.amount, { type: 'number' }), step: 1, min: 1 }}
            />
            <Field
              label={t('billing.billingDate')}
              errors={fields.billingDate.errors}
              errorId={fields.billingDate.errorId}
              inputProps={getInputProps(fields.billingDate, { type: 'date' })}
            />
            <Field
              label={t('billing.expiresOn')}
              hint={t('billing.expiresHint', { days: settings.billingExpiryDays })}
              errors={fields.expiresOn.errors}
              errorId={fields.expiresOn.errorId}
              inputProps={getInputProps(fields.expiresOn, { type: 'date' })}
            />
            <Field
              label={t('billing.kodeAkun')}
              errors={fields.kodeAkun.errors}
              errorId={fields.kodeAkun.errorId}
              inputProps={{
                ...getInputProps(fields.kodeAkun, { type: 'text' }),
                placeholder: settings.kodeAkunDefault,
                inputMode: 'numeric',
              }}
            />
            <button type="submit" className="button">
              {t('billing.create')}
            </button>
          </Form>
        </section>
      )}

      <h2>{t('billing.list')}</h2>
      <ListTable
        label={t('billing.list')}
        rows={billings}
        rowKey={(b) => b.id}
        empty={{ title: t('empty.title') }}
        page={page}
        pages={pages}
        columns={[
          {
            header: t('billing.kodeBilling'),
            cell: (b) => (
              <>
                {b.kode_billing}
                <br />
                <span className="muted">
                  {formatDate(b.billing_date)} · {b.kode_akun}
                </span>
              </>
            ),
          },
          { header: t('billing.period'), cell: (b) => b.period },
          { header: t('billing.amount'), cell: (b) => <Money amount={b.amount} /> },
          { header: t('billing.expiresOn'), cell: (b) => formatDate(b.expires_on) },
          {
            header: t('common.status'),
            cell: (b) =>
              b.ntpn ? (
                <>
                  <span className="badge badge-ok">{t('billing.paid')}</span>
                  <br />
                  <span className="muted">
                    NTPN {b.ntpn} · {formatDate(b.paid_date!)}
                  </span>
                </>
              ) : (
                <>
                  {b.expires_on < today ? (
                    <span className="badge badge-muted">{t('billing.expired')}</span>
                  ) : (
                    <span className="badge badge-warn">{t('billing.unpaid')}</span>
                  )}
                  <br />
                  <Link to={`?pay=${b.id}`} aria-label={`${t('billing.pay')} ${b.kode_billing}`}>
                    {t('billing.pay')}
                  </Link>
                </>
              ),
          },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.pnbpBillings') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
