import { Form, useSearchParams } from '@remix-run/react'
import { Field } from '#app/components/ui/field.tsx'
import { Money, StatusBadge } from '#app/components/ui/misc.tsx'
import { formatDateTime } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface PaymentPanelData {
  cardAvailable: boolean
  /** QRIS, virtual accounts and e-wallets on Midtrans Snap (when configured and enabled) */
  midtransAvailable?: boolean
  /** an offtake order: paid by bank transfer on the invoice, as the agreement says */
  offtake: boolean
  payable: boolean
  payments: {
    id: string
    method: string
    status: string
    amount: number
    unique_code: number | null
    reference: string
    deadline: string
    proof_uploaded: boolean
    reject_reason: string | null
    bank_name: string | null
    account_number: string | null
    account_holder: string | null
    upt_name: string | null
  }[]
}

export interface PaymentActionData {
  error?: string
  params?: Record<string, string | number> | null
  paymentId?: string | null
}

/** Paying for an order: card (hosted page) or bank transfer with instructions and proof upload. */
export function PaymentPanel({
  panel,
  orderStatus,
  actionData,
}: {
  panel: PaymentPanelData
  orderStatus: string
  actionData?: PaymentActionData
}) {
  const t = useT()
  const lang = useLang()
  const [params] = useSearchParams()
  const transfers = panel.payments.filter((p) => p.method === 'bank_transfer' && p.status !== 'expired')
  const openTransfers = transfers.filter((p) => p.status === 'pending' || p.status === 'awaiting_second')
  const flagged = panel.payments.some((p) => p.status === 'flagged')
  const generalError =
    actionData?.error && !actionData.paymentId ? t(actionData.error, actionData.params ?? undefined) : null
  // An order that expired or was cancelled before anyone tried to pay has nothing to show here.
  if (!panel.payable && panel.payments.length === 0 && orderStatus !== 'paid') return null
  return (
    <section className="card stack" id="pembayaran" aria-labelledby="payment-h">
      <h2 id="payment-h">{t('pay.title')}</h2>
      {orderStatus === 'paid' ? (
        <p className="alert alert-ok" role={params.get('paid') ? 'status' : undefined}>
          {t('pay.paidNotice')}
        </p>
      ) : null}
      {params.get('paid') && orderStatus === 'pending_payment' ? (
        <p className="alert alert-info" role="status">
          {t('pay.confirming')}
        </p>
      ) : null}
      {params.get('cancelled') && orderStatus === 'pending_payment' ? (
        <p className="alert alert-info" role="status">
          {t('pay.cancelledNotice')}
        </p>
      ) : null}
      {flagged ? <p className="alert alert-error">{t('pay.flagged')}</p> : null}
      {orderStatus === 'pending_payment' &&
      panel.payments.some((p) => p.method === 'card' && p.status === 'processing') ? (
        <p className="alert alert-info" role="status">
          {t('payment.processing')}
        </p>
      ) : null}
      {generalError ? (
        <p className="alert alert-error" role="alert">
          {generalError}
        </p>
      ) : null}
      {panel.payable ? (
        <>
          <p>{t(panel.offtake ? 'pay.offtakeTransferOnly' : 'pay.choose')}</p>
          <div className="grid-2">
            {panel.midtransAvailable ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="midtrans" />
                <button type="submit" className="button">
                  {t('pay.midtrans')}
                </button>
                <p className="muted small">{t('pay.midtransHint')}</p>
              </Form>
            ) : null}
            {panel.cardAvailable ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="card" />
                <button type="submit" className={panel.midtransAvailable ? 'button button-secondary' : 'button'}>
                  {t('pay.card')}
                </button>
                <p className="muted small">{t('pay.cardHint')}</p>
              </Form>
            ) : null}
            {openTransfers.length === 0 ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="transfer" />
                <button
                  type="submit"
                  className={panel.cardAvailable || panel.midtransAvailable ? 'button button-secondary' : 'button'}
                >
                  {t('pay.transfer')}
                </button>
                <p className="muted small">{t('pay.transferHint')}</p>
              </Form>
            ) : null}
          </div>
        </>
      ) : null}
      {transfers.map((p) => (
        <div key={p.id} className="stack transfer">
          <h3>{t('pay.transferTo', { number: p.reference, upt: p.upt_name ?? '' })}</h3>
          <p>
            <StatusBadge status={p.status} label={t(`payment.status.${p.status}`)} />
          </p>
          <dl className="dl">
            <dt>{t('pay.bank')}</dt>
            <dd>{p.bank_name}</dd>
            <dt>{t('pay.accountNumber')}</dt>
            <dd>{p.account_number}</dd>
            <dt>{t('pay.accountHolder')}</dt>
            <dd>{p.account_holder}</dd>
            <dt>{t('pay.exactAmount')}</dt>
            <dd>
              <strong data-testid="transfer-amount">
                <Money amount={p.amount} />
              </strong>{' '}
              <span className="muted small">
                ({t('pay.codeNote', { code: String(p.unique_code ?? '').padStart(3, '0') })})
              </span>
            </dd>
            <dt>{t('pay.reference')}</dt>
            <dd>{p.reference}</dd>
            <dt>{t('pay.deadline')}</dt>
            <dd>{formatDateTime(p.deadline, 'Asia/Jakarta', lang)}</dd>
          </dl>
          {p.status === 'rejected' && p.reject_reason ? (
            <p className="alert alert-error">{t('pay.rejected', { reason: p.reject_reason })}</p>
          ) : null}
          {p.proof_uploaded && p.status !== 'rejected' && p.status !== 'paid' ? (
            <p className="alert alert-info">{t('pay.proofUploaded')}</p>
          ) : null}
          {p.status === 'pending' && !p.proof_uploaded ? (
            <Form method="post" encType="multipart/form-data" className="form">
              <input type="hidden" name="intent" value="proof" />
              <input type="hidden" name="paymentId" value={p.id} />
              <Field
                label={t('pay.proof')}
                errors={actionData?.paymentId === p.id && actionData.error ? [actionData.error] : undefined}
                inputProps={{
                  id: `proof-${p.id}`,
                  name: 'proof',
                  type: 'file',
                  accept: 'image/jpeg,image/png,image/webp',
                  required: true,
                }}
              />
              <button type="submit" className="button button-secondary">
                {t('pay.uploadProof')}
              </button>
            </Form>
          ) : null}
        </div>
      ))}
    </section>
  )
}
