import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { EmptyState, Money, StatusBadge } from '#app/components/ui/misc.tsx'
import { authorize } from '#app/domain/identity/authorize.ts'
import { bankAccountOf, flaggedPayments, transfersToReview } from '#app/domain/payments/bank.ts'
import { paidSubOrders } from '#app/domain/payments/refunds.ts'
import { BankAccountSchema } from '#app/domain/payments/schemas.ts'
import { getPaymentSettings } from '#app/domain/payments/settings.ts'
import {
  confirmTransfer,
  parsePaymentsForm,
  rejectTransfer,
  saveBankAccount,
  savePaymentSettingsIntent,
} from '#app/web/actions/payments.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptFinance } from '#app/web/guards.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { formatDateTime, formatMinorAmount } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt, session } = await requireUptFinance(request, params.uptId)
  const db = getDb()
  const page = pageFrom(new URL(request.url))
  const [bank, transfers, paid, settings, flagged] = await Promise.all([
    bankAccountOf(db, upt.id),
    transfersToReview(db, upt.id),
    paidSubOrders(db, upt.id, page, PAGE_SIZE),
    getPaymentSettings(db),
    flaggedPayments(db, upt.id),
  ])
  return {
    upt: { id: upt.id, name: upt.name, timezone: upt.timezone },
    me: session.user.id,
    bank: bank ?? null,
    transfers,
    paid: paid.rows,
    page,
    pages: pageCount(paid.total),
    settings,
    flagged,
    national: authorize(session.principal, 'finance.national'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session } = await requireUptFinance(request, params.uptId)
  const submission = parsePaymentsForm(await readForm(request))
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  // One handler per intent (app/web/actions/payments.server.ts).
  const intent = { request, session, uptId: upt.id, submission }
  const v = submission.value
  switch (v.intent) {
    case 'bank':
      return saveBankAccount(intent, v)
    case 'settings':
      return savePaymentSettingsIntent(intent, v)
    case 'reject':
      return rejectTransfer(intent, v)
    default:
      return confirmTransfer(intent, v)
  }
}

export default function UptFinance() {
  const t = useT()
  const lang = useLang()
  const { upt, me, bank, transfers, paid, page, pages, settings, flagged, national } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [bankForm, bankFields] = useForm({
    id: 'bank',
    lastResult:
      lastResult &&
      'initialValue' in lastResult &&
      (lastResult.initialValue as { intent?: string } | undefined)?.intent === 'bank'
        ? lastResult
        : undefined,
    constraint: getZodConstraint(BankAccountSchema),
    defaultValue: {
      bankName: bank?.bank_name ?? '',
      accountNumber: bank?.account_number ?? '',
      accountHolder: bank?.account_holder ?? '',
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BankAccountSchema }),
    shouldRevalidate: 'onBlur',
  })
  const otherErrors =
    lastResult && (lastResult.initialValue as { intent?: string } | undefined)?.intent !== 'bank'
      ? lastResult
      : undefined
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/finance/upt/${upt.id}`}>{t('finance.nav.billings')}</Link>
      </p>
      <h1>{t('finance.paymentsTitle', { upt: upt.name })}</h1>
      {otherErrors ? (
        <FormErrors
          errors={[
            ...(otherErrors.error?.[''] ?? []),
            ...Object.entries(otherErrors.error ?? {})
              .filter(([k]) => k !== '')
              .flatMap(([, v]) => v ?? []),
          ]}
        />
      ) : null}

      <section className="stack" aria-labelledby="transfers-h">
        <h2 id="transfers-h">{t('finance.transfers')}</h2>
        {transfers.length === 0 ? (
          <EmptyState title={t('finance.noTransfers')} />
        ) : (
          <ul className="cards">
            {transfers.map((p) => (
              <li key={p.id} className="card stack" data-testid="transfer">
                <h3>{p.reference}</h3>
                <p>
                  <StatusBadge status={p.status} label={t(`payment.status.${p.status}`)} />
                </p>
                <dl className="dl">
                  <dt>{t('finance.buyer')}</dt>
                  <dd>{p.buyer_name}</dd>
                  <dt>{t('finance.amount')}</dt>
                  <dd>
                    <Money amount={p.amount} />
                  </dd>
                  <dt>{t('finance.code')}</dt>
                  <dd>{String(p.unique_code ?? '').padStart(3, '0')}</dd>
                  <dt>{t('pay.deadline')}</dt>
                  <dd>{formatDateTime(p.deadline, upt.timezone ?? 'Asia/Jakarta', lang)}</dd>
                  <dt>{t('finance.proof')}</dt>
                  <dd>
                    {p.proof_file ? (
                      <a href={`/finance/upt/${upt.id}/payments/proof/${p.id}`} target="_blank" rel="noreferrer">
                        {t('finance.viewProof')}
                      </a>
                    ) : (
                      t('finance.noProof')
                    )}
                  </dd>
                </dl>
                {p.status === 'awaiting_second' ? (
                  <p className="alert alert-info">{t('finance.firstBy', { name: p.first_confirmed_name ?? '' })}</p>
                ) : null}
                {p.first_confirmed_by !== me ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="confirm" />
                    <input type="hidden" name="paymentId" value={p.id} />
                    <button type="submit" className="button">
                      {p.status === 'awaiting_second' ? t('finance.confirmSecond') : t('finance.confirm')}
                    </button>
                  </Form>
                ) : null}
                <details>
                  <summary>{t('finance.reject')}</summary>
                  <Form method="post" className="form">
                    <input type="hidden" name="intent" value="reject" />
                    <input type="hidden" name="paymentId" value={p.id} />
                    <div className="field">
                      <label htmlFor={`reason-${p.id}`}>{t('finance.rejectReason')}</label>
                      <input id={`reason-${p.id}`} name="reason" type="text" required minLength={3} maxLength={300} />
                    </div>
                    <button type="submit" className="button button-danger">
                      {t('finance.reject')}
                    </button>
                  </Form>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      {flagged.length ? (
        <section className="stack" aria-labelledby="flagged-h">
          <h2 id="flagged-h">{t('finance.flagged')}</h2>
          <ul>
            {flagged.map((f) => (
              <li key={f.id}>
                {f.reference}: {t('finance.flaggedReceived')}{' '}
                {f.received_minor !== null && f.received_currency ? (
                  formatMinorAmount(f.received_minor, f.received_currency)
                ) : (
                  <Money amount={f.amount_received ?? 0} />
                )}{' '}
                · {t('finance.flaggedExpected')} <Money amount={f.amount} /> ·{' '}
                {t(`finance.flag.${f.flag_reason === 'order_not_payable' ? 'order_not_payable' : 'amount_mismatch'}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="paid-h">
        <h2 id="paid-h">{t('finance.paidOrders')}</h2>
        <ListTable
          label={t('finance.paidOrders')}
          rows={paid}
          rowKey={(s) => s.id}
          empty={{ title: t('finance.noPaid') }}
          page={page}
          pages={pages}
          columns={[
            { header: t('finance.reference'), cell: (s) => s.number },
            { header: t('finance.buyer'), cell: (s) => s.buyer_name },
            { header: t('money.goods'), cell: (s) => <Money amount={s.money.goods} /> },
            { header: t('money.shipping'), cell: (s) => <Money amount={s.money.shipping} /> },
            { header: t('money.uniqueCode'), cell: (s) => <Money amount={s.money.unique_code} /> },
            {
              header: t('money.paid'),
              cell: (s) => <Money amount={s.money.goods + s.money.shipping + s.money.unique_code} />,
              cellProps: () => ({ 'data-testid': 'paid-amount' }),
            },
            {
              header: t('common.status'),
              cell: (s) => <StatusBadge status={s.status} label={t(`order.status.${s.status}`)} />,
            },
            {
              header: t('finance.refund'),
              hiddenHeader: true,
              cell: (s) =>
                s.status !== 'refunded' && s.has_payment ? (
                  <Link to={`/finance/upt/${upt.id}/payments/refund/${s.id}`}>{t('finance.refund')}</Link>
                ) : null,
            },
          ]}
        />
      </section>

      <section className="card stack" aria-labelledby="bank-h">
        <h2 id="bank-h">{t('finance.bankAccount')}</h2>
        <Form method="post" className="form" {...getFormProps(bankForm)}>
          <input type="hidden" name="intent" value="bank" />
          <Field
            label={t('finance.bankName')}
            errors={bankFields.bankName.errors}
            errorId={bankFields.bankName.errorId}
            inputProps={getInputProps(bankFields.bankName, { type: 'text' })}
          />
          <Field
            label={t('finance.accountNumber')}
            errors={bankFields.accountNumber.errors}
            errorId={bankFields.accountNumber.errorId}
            inputProps={{ ...getInputProps(bankFields.accountNumber, { type: 'text' }), inputMode: 'numeric' }}
          />
          <Field
            label={t('finance.accountHolder')}
            errors={bankFields.accountHolder.errors}
            errorId={bankFields.accountHolder.errorId}
            inputProps={getInputProps(bankFields.accountHolder, { type: 'text' })}
          />
          <button type="submit" className="button button-secondary">
            {t('finance.saveBank')}
          </button>
        </Form>
      </section>

      {national ? (
        <section className="card stack" aria-labelledby="settings-h">
          <h2 id="settings-h">{t('finance.settings')}</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="settings" />
            <div className="field">
              <label htmlFor="fourEyesThreshold">{t('finance.threshold')}</label>
              <input
                id="fourEyesThreshold"
                name="fourEyesThreshold"
                type="number"
                min={0}
                step={1}
                required
                defaultValue={settings.fourEyesThreshold}
              />
            </div>
            <div className="field">
              <label htmlFor="transferDeadlineHours">{t('finance.deadlineHours')}</label>
              <input
                id="transferDeadlineHours"
                name="transferDeadlineHours"
                type="number"
                min={1}
                max={168}
                step={1}
                required
                defaultValue={settings.transferDeadlineHours}
              />
            </div>
            <button type="submit" className="button button-secondary">
              {t('finance.saveSettings')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.finance') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
