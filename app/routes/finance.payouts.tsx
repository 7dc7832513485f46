import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { EmptyState, Money, Pagination, StatusBadge } from '#app/components/ui/misc.tsx'
import { MidtransSettlements } from '#app/components/finance/midtrans-settlements.tsx'
import { PAYOUTS_PAGE_SIZE, listPayouts } from '#app/domain/payments/payouts.ts'
import { SETTLEMENTS_PAGE_SIZE, listMidtransSettlements } from '#app/domain/payments/midtrans-settlements.ts'
import { settleMidtrans } from '#app/web/actions/midtrans-settlement.server.ts'
import { uptName } from '#app/domain/registry/upts.ts'
import { stripeCredentials } from '#app/integrations/payments/stripe.server.ts'
import { fetchPayoutsFor } from '#app/integrations/stripe-payouts.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireFinance, denied } from '#app/web/guards.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { log } from '#app/lib/log.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { clientIp } from '#app/web/request.server.ts'

/** How far back "fetch from Stripe" looks for paid payouts. */
const SYNC_DAYS = 30

export async function loader({ request }: LoaderFunctionArgs) {
  const { uptId } = await requireFinance(request)
  const page = pageFrom(new URL(request.url))
  const db = getDb()
  const url = new URL(request.url)
  const settlementPage = pageFrom(url, 10_000, 'spage')
  const [{ payouts, total }, midtrans] = await Promise.all([
    listPayouts(db, { uptId, page }),
    listMidtransSettlements(db, { uptId, page: settlementPage }),
  ])
  const upt = uptId ? await uptName(db, uptId) : null
  return {
    national: uptId === null,
    upt: upt ?? null,
    payouts,
    page,
    pages: pageCount(total, PAYOUTS_PAGE_SIZE),
    stripe: stripeCredentials() !== null,
    settlements: midtrans.settlements,
    settlementPage,
    settlementPages: pageCount(midtrans.total, SETTLEMENTS_PAGE_SIZE),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, uptId } = await requireFinance(request)
  if (uptId !== null) return denied(request, session.user.id, 'finance.national')
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'midtrans') return settleMidtrans(form, { userId: session.user.id, ip: clientIp(request) })
  if (intent !== 'sync' && intent !== 'retry') return data({ error: 'field.invalid' }, { status: 400 })
  const creds = stripeCredentials()
  if (!creds) return redirect('/finance/payouts', { headers: { 'Set-Cookie': flashCookie('payout.notConfigured') } })
  const db = getDb()
  let flash: string
  try {
    const counts = await fetchPayoutsFor(db, creds.secretKey, {
      intent,
      days: SYNC_DAYS,
      actorUserId: session.user.id,
      ip: clientIp(request),
    })
    flash = flashCookie(intent === 'sync' ? 'payout.synced' : 'payout.retried', counts)
  } catch (error) {
    log.warn({ err: error, intent }, `payout ${intent} failed`)
    flash = flashCookie('payout.stripeUnavailable')
  }
  return redirect('/finance/payouts', { headers: { 'Set-Cookie': flash } })
}

export default function FinancePayouts() {
  const t = useT()
  const lang = useLang()
  const { national, upt, payouts, page, pages, stripe, settlements, settlementPage, settlementPages } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const reply = actionData && 'settlement' in actionData ? actionData.settlement : null
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/finance">{t('finance.title')}</Link>
      </p>
      <h1>{t('payout.title')}</h1>
      <MidtransSettlements
        national={national}
        upt={upt?.name ?? null}
        settlements={settlements}
        page={settlementPage}
        pages={settlementPages}
        reply={reply}
        busy={busy}
      />
      <h2>{t('payout.stripeTitle')}</h2>
      <p className="lead">{upt ? t('payout.leadUpt', { upt: upt.name }) : t('payout.leadNational')}</p>
      {national && stripe ? (
        <div className="button-row">
          <Form method="post">
            <input type="hidden" name="intent" value="sync" />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('payout.working') : t('payout.sync', { days: SYNC_DAYS })}
            </button>
          </Form>
          {payouts.some((p) => p.state !== 'allocated') ? (
            <Form method="post">
              <input type="hidden" name="intent" value="retry" />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t('payout.retry')}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {payouts.length === 0 ? (
        <EmptyState title={t('payout.empty')}>
          {national ? t('payout.emptyHintNational') : t('payout.emptyHintUpt')}
        </EmptyState>
      ) : (
        <ul className="payouts" aria-label={t('payout.title')}>
          {payouts.map((p) => (
            <li key={p.id} className="card stack" data-testid="payout">
              <h2>
                <Money amount={p.amount} /> · {formatDateTime(p.arrival_date, 'Asia/Jakarta', lang)}
              </h2>
              <p>
                <StatusBadge status={p.state} label={t(`payout.state.${p.state}`)} />{' '}
                <span className="muted">{p.id}</span>
              </p>
              {p.problems.length ? (
                <div className="alert alert-error" role="note">
                  <p>{t('payout.problemsLead')}</p>
                  <ul>
                    {p.problems.map((x) => (
                      <li key={x.code + x.ref}>
                        {t(x.code)} <span className="muted">({x.ref})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {p.allocations.length ? (
                <ul className="payout-shares" aria-label={t('payout.allocationCaption', { id: p.id })}>
                  {p.allocations.map((a) => (
                    <li key={a.upt_id} className="payout-share" data-testid="share">
                      <p className="share-head">
                        <strong>{a.upt_name}</strong>
                        {national && a.account_number ? (
                          <span className="muted small">
                            {a.bank_name} {a.account_number}
                          </span>
                        ) : null}
                      </p>
                      <dl className="dl">
                        <dt>{t('payout.charges')}</dt>
                        <dd>
                          <Money amount={a.charges} />
                        </dd>
                        <dt>{t('payout.refunds')}</dt>
                        <dd>
                          <Money amount={-a.refunds} />
                        </dd>
                        <dt>{t('payout.fees')}</dt>
                        <dd>
                          <Money amount={-a.fees} />
                        </dd>
                        <dt>{t('payout.net')}</dt>
                        <dd className="share-net">
                          <Money amount={a.net} />
                        </dd>
                      </dl>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.payouts') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
