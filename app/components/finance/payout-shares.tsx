import { Fragment, type ReactNode } from 'react'
import { Money } from '#app/components/ui/misc.tsx'
import { useT } from '#app/web/i18n.tsx'

/** One UPT's share of a payout or settlement: the amounts that make it up, then the net. */
export interface Share {
  upt_id: string
  upt_name: string
  bank_name: string | null
  account_number: string | null
  /** label and signed integer rupiah, in the order they are read */
  lines: { label: string; amount: number }[]
  net: number
}

/**
 * How a gateway payout or a Midtrans settlement splits between UPTs (Stripe payouts and Midtrans
 * settlements on /finance/payouts). The national finance office also sees each UPT's account.
 */
export function PayoutShares({
  caption,
  shares,
  national,
  testId,
}: {
  caption: string
  shares: Share[]
  national: boolean
  testId: string
}): ReactNode {
  const t = useT()
  return (
    <ul className="payout-shares" aria-label={caption}>
      {shares.map((a) => (
        <li key={a.upt_id} className="payout-share" data-testid={testId}>
          <p className="share-head">
            <strong>{a.upt_name}</strong>
            {national && a.account_number ? (
              <span className="muted small">
                {a.bank_name} {a.account_number}
              </span>
            ) : null}
          </p>
          <dl className="dl">
            {a.lines.map((l) => (
              <Fragment key={l.label}>
                <dt>{l.label}</dt>
                <dd>
                  <Money amount={l.amount} />
                </dd>
              </Fragment>
            ))}
            <dt>{t('payout.net')}</dt>
            <dd className="share-net">
              <Money amount={a.net} />
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  )
}
