import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
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
  const [balance, entries] = await Promise.all([
    trialBalance(db, { uptId: upt.id, month }),
    journal(db, { uptId: upt.id, month, page }),
  ])
  return {
    upt: { id: upt.id, name: upt.name },
    month,
    page,
    pages: pageCount(entries.total, JOURNAL_PAGE_SIZE),
    total: entries.total,
    balance,
    entries: entries.entries,
  }
}

/** A line of the trial balance: an account, or the totals (no account, no balance). */
interface BalanceLine {
  name: string
  account?: string
  debit: number
  credit: number
  balance: number | null
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
        <ListTable
          label={t('ledger.trialBalance', { month })}
          rows={balance.accounts.map((a): BalanceLine => ({ ...a, name: accountName(a.account) }))}
          rowKey={(a) => a.name}
          rowProps={(a) => (a.account ? { 'data-account': a.account } : {})}
          footer={{ name: t('ledger.total'), debit: balance.totalDebit, credit: balance.totalCredit, balance: null }}
          empty={{ title: t('ledger.empty') }}
          columns={[
            { header: t('ledger.account'), rowHeader: true, cell: (a) => a.name },
            { header: t('ledger.debit'), num: true, cell: (a) => <Money amount={a.debit} /> },
            { header: t('ledger.credit'), num: true, cell: (a) => <Money amount={a.credit} /> },
            {
              header: t('ledger.balance'),
              num: true,
              cell: (a) => (a.balance === null ? null : <Money amount={a.balance} />),
            },
          ]}
        />
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
                <ListTable
                  label={e.reference}
                  narrow
                  rows={e.lines}
                  rowKey={(l) => l.account}
                  columns={[
                    { header: t('ledger.account'), rowHeader: true, cell: (l) => accountName(l.account) },
                    {
                      header: t('ledger.debit'),
                      num: true,
                      cell: (l) => (l.debit ? <Money amount={l.debit} /> : null),
                    },
                    {
                      header: t('ledger.credit'),
                      num: true,
                      cell: (l) => (l.credit ? <Money amount={l.credit} /> : null),
                    },
                  ]}
                />
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
