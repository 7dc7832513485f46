import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmptyState, Money, Pagination } from '#app/components/ui/misc.tsx'
import { ACCOUNTS, type Account } from '#app/domain/ledger/chart.ts'
import { JOURNAL_PAGE_SIZE, journal, trialBalance } from '#app/domain/ledger/journal.ts'
import { getDb } from '#app/web/db.server.ts'
import { monthFrom } from '#app/lib/month.ts'
import { requireUptFinance } from '#app/web/guards.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { MonthFilter } from '#app/components/finance/month-filter.tsx'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const url = new URL(request.url)
  const month = monthFrom(url)
  const page = pageFrom(url)
  const db = getDb()
  const [balance, entries] = await Promise.all([trialBalance(db, { uptId: upt.id, month }), journal(db, { uptId: upt.id, month, page })])
  return { upt: { id: upt.id, name: upt.name }, month, page, pages: pageCount(entries.total, JOURNAL_PAGE_SIZE), total: entries.total, balance, entries: entries.entries }
}

export default function UptLedger() {
  const t = useT()
  const lang = useLang()
  const { upt, month, page, pages, total, balance, entries } = useLoaderData<typeof loader>()
  const accountName = (a: string) => (a in ACCOUNTS ? ACCOUNTS[a as Account][lang] : a)
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/finance/upt/${upt.id}?month=${month}`}>{t('finance.nav.billings')}</Link>
      </p>
      <h1>{t('ledger.title')}</h1>
      <p className="lead">{upt.name}</p>
      <MonthFilter month={month}>
        <a className="button button-secondary" href={`/finance/upt/${upt.id}/ledger.csv?month=${month}`} download>
          {t('ledger.csv')}
        </a>
      </MonthFilter>

      <section className="stack" aria-labelledby="tb-h">
        <h2 id="tb-h">{t('ledger.trialBalance', { month })}</h2>
        {balance.accounts.length === 0 ? (
          <EmptyState title={t('ledger.empty')} />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('ledger.account')}</th>
                  <th scope="col" className="num wide-only">{t('ledger.debit')}</th>
                  <th scope="col" className="num wide-only">{t('ledger.credit')}</th>
                  <th scope="col" className="num">{t('ledger.balance')}</th>
                </tr>
              </thead>
              <tbody>
                {balance.accounts.map((a) => (
                  <tr key={a.account} data-account={a.account}>
                    <th scope="row">{accountName(a.account)}</th>
                    <td className="num wide-only"><Money amount={a.debit} /></td>
                    <td className="num wide-only"><Money amount={a.credit} /></td>
                    <td className="num"><Money amount={a.balance} /></td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="wide-row">
                  <th scope="row">{t('ledger.total')}</th>
                  <td className="num wide-only"><Money amount={balance.totalDebit} /></td>
                  <td className="num wide-only"><Money amount={balance.totalCredit} /></td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="journal-h">
        <h2 id="journal-h">{t('ledger.journal', { count: total })}</h2>
        {entries.length === 0 ? (
          <EmptyState title={t('ledger.noEntries')} />
        ) : (
          <ul className="payouts">
            {entries.map((e) => (
              <li key={e.id} className="card stack" data-testid="entry">
                <p className="share-head">
                  <strong>
                    {t(`ledger.kind.${e.kind}`)} · <Money amount={e.amount} />
                  </strong>
                  <span className="muted small">
                    {formatDate(e.day, lang)} · {e.reference}
                  </span>
                </p>
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">{e.reference}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('ledger.account')}</th>
                        <th scope="col" className="num">{t('ledger.debit')}</th>
                        <th scope="col" className="num">{t('ledger.credit')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {e.lines.map((l) => (
                        <tr key={l.account}>
                          <th scope="row">{accountName(l.account)}</th>
                          <td className="num">{l.debit ? <Money amount={l.debit} /> : null}</td>
                          <td className="num">{l.credit ? <Money amount={l.credit} /> : null}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={page} pages={pages} />
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.ledger') }]
