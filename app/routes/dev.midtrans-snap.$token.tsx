import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { z } from 'zod'
import {
  simulatedQrBits,
  simulatedSnapTransaction,
  simulateSnapOutcome,
} from '#app/integrations/payments/midtrans.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { formatRupiah } from '#app/lib/format.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { notFound } from '#app/web/guards.server.ts'

// The offline stand-in for Midtrans' Snap page: only with MOCKS (demo and tests), never in
// production. The buyer picks QRIS, a bank's virtual account or an e-wallet; paying settles the
// mock transaction and delivers the signed notification Midtrans would send.
const BANKS = ['bca', 'bni', 'bri', 'mandiri', 'permata', 'cimb'] as const
const WALLETS = ['gopay', 'shopeepay'] as const

const PaySchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('cancel') }),
  z.object({
    intent: z.literal('pay'),
    channel: z.enum(['qris', 'va', 'ewallet'], { error: 'snap.channelRequired' }),
    bank: z.enum(BANKS).default('bca'),
    wallet: z.enum(WALLETS).default('gopay'),
  }),
])

async function loadTransaction(token: string | undefined) {
  if (!getEnv().mocks || !token) notFound()
  const t = await simulatedSnapTransaction(token)
  if (!t) notFound()
  return t as {
    order_id: string
    gross_amount: string
    email: string | null
    finish_url: string | null
    transaction_status: string | null
    items: { name: string; price: number; quantity: number }[]
  }
}

/** Where Snap sends the buyer back: the finish URL with Midtrans' query (order_id, status_code, transaction_status). */
function finishUrl(
  t: { finish_url: string | null; order_id: string },
  status: { status_code?: unknown; transaction_status?: unknown },
  cancelled: boolean,
) {
  const url = new URL(t.finish_url ?? '/', getEnv().appUrl)
  if (cancelled) {
    url.searchParams.delete('paid')
    url.searchParams.set('cancelled', '1')
  }
  url.searchParams.set('order_id', t.order_id)
  url.searchParams.set('status_code', String(status.status_code ?? ''))
  url.searchParams.set('transaction_status', String(status.transaction_status ?? ''))
  return url.origin === new URL(getEnv().appUrl).origin ? `${url.pathname}${url.search}` : '/'
}

export async function loader({ params }: LoaderFunctionArgs) {
  const t = await loadTransaction(params.token)
  return {
    orderId: t.order_id,
    orderNumber: /^(.+)-MT\d+$/.exec(t.order_id)?.[1] ?? t.order_id,
    amount: Number(t.gross_amount.split('.')[0]),
    email: t.email,
    open: t.transaction_status === null || t.transaction_status === 'pending',
    items: t.items.map((i) => ({ name: i.name, quantity: i.quantity, amount: i.price * i.quantity })),
    qr: simulatedQrBits(t.order_id),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The body first: a body that is not a form is refused (415/400) before anything is looked up.
  const form = await readForm(request)
  const t = await loadTransaction(params.token)
  const parsed = PaySchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')))
  if (!parsed.success) return data({ errors: { channel: ['snap.channelRequired'] } }, { status: 400 })
  if (t.transaction_status !== null && t.transaction_status !== 'pending')
    throw redirect(finishUrl(t, t as Record<string, unknown>, false))
  const v = parsed.data
  if (v.intent === 'cancel') {
    // Leaving Snap unpaid: the simulator lets the transaction expire, and Midtrans reports it.
    const { status } = await simulateSnapOutcome(params.token!, 'expire', 'qris')
    throw redirect(finishUrl(t, status, true))
  }
  const { status } = await simulateSnapOutcome(
    params.token!,
    'pay',
    v.channel,
    v.channel === 'va' ? v.bank : v.channel === 'ewallet' ? v.wallet : undefined,
  )
  throw redirect(finishUrl(t, status, false))
}

export default function SimulatedSnap() {
  const t = useT()
  const s = useLoaderData<typeof loader>()
  const errors = useActionData<typeof action>()?.errors
  const [channel, setChannel] = useState<'qris' | 'va' | 'ewallet'>('qris')
  const channels = [
    { value: 'qris', label: t('snap.qris'), hint: t('snap.qrisHint') },
    { value: 'va', label: t('snap.va'), hint: t('snap.vaHint') },
    { value: 'ewallet', label: t('snap.ewallet'), hint: t('snap.ewalletHint') },
  ] as const
  return (
    <div className="form-narrow stack">
      <p className="badge badge-warn">{t('snap.badge')}</p>
      <h1>{t('snap.title')}</h1>
      <dl className="dl">
        <dt>{t('payment.orderNumber')}</dt>
        <dd>{s.orderNumber}</dd>
        <dt>{t('payment.amount')}</dt>
        <dd>
          <strong data-testid="snap-amount">{formatRupiah(s.amount)}</strong>
        </dd>
        <dt>Email</dt>
        <dd>{s.email ?? '—'}</dd>
      </dl>
      <p className="muted">{t('snap.intro')}</p>
      {s.open ? (
        <Form method="post" className="form card">
          <fieldset aria-describedby={errors?.channel ? 'snap-channel-error' : undefined}>
            <legend>{t('snap.channel')}</legend>
            {channels.map((c) => (
              <div key={c.value} className="field-check">
                <input
                  type="radio"
                  name="channel"
                  id={`snap-${c.value}`}
                  value={c.value}
                  checked={channel === c.value}
                  onChange={() => setChannel(c.value)}
                  aria-describedby={`snap-${c.value}-hint`}
                />
                <label htmlFor={`snap-${c.value}`}>
                  {c.label}{' '}
                  <span className="muted small" id={`snap-${c.value}-hint`}>
                    — {c.hint}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          {errors?.channel ? (
            <p className="field-error" id="snap-channel-error" role="alert">
              {errors.channel.map((e) => t(e)).join(' ')}
            </p>
          ) : null}
          {channel === 'qris' ? (
            <svg
              className="snap-qr"
              viewBox="0 0 21 21"
              role="img"
              aria-label={t('snap.qrLabel')}
              width="168"
              height="168"
            >
              <rect width="21" height="21" fill="#fff" />
              {s.qr.map((on, i) =>
                on ? <rect key={i} x={i % 21} y={Math.floor(i / 21)} width="1" height="1" fill="#111" /> : null,
              )}
            </svg>
          ) : null}
          {/* without JavaScript the choice defaults to BCA and GoPay; with it, only the relevant list shows */}
          <div className="field" hidden={channel !== 'va'}>
            <label htmlFor="snap-bank">{t('snap.bank')}</label>
            <select name="bank" id="snap-bank" defaultValue="bca">
              {BANKS.map((b) => (
                <option key={b} value={b}>
                  {b === 'cimb'
                    ? 'CIMB Niaga'
                    : b === 'mandiri'
                      ? 'Mandiri'
                      : b === 'permata'
                        ? 'Permata'
                        : b.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
          <div className="field" hidden={channel !== 'ewallet'}>
            <label htmlFor="snap-wallet">{t('snap.wallet')}</label>
            <select name="wallet" id="snap-wallet" defaultValue="gopay">
              <option value="gopay">GoPay</option>
              <option value="shopeepay">ShopeePay</option>
            </select>
          </div>
          <div className="button-row">
            <button type="submit" name="intent" value="pay" className="button">
              {t('snap.pay')}
            </button>
            <button type="submit" name="intent" value="cancel" className="button button-secondary" formNoValidate>
              {t('snap.cancel')}
            </button>
          </div>
        </Form>
      ) : (
        <p className="alert alert-info">{t('snap.closed')}</p>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.midtransSimulated') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
