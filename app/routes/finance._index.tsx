import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { barLayout } from '#app/components/charts/scale.server.ts'
import { Outstanding, PnbpChart, PnbpTargetChart, ReportTable } from '#app/components/finance/report-table.tsx'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { byKanwil, monthlyReport, totals, yearlyRealisation } from '#app/domain/pnbp/report.ts'
import { uptName } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/web/db.server.ts'
import { monthFrom } from '#app/lib/month.ts'
import { requireFinance } from '#app/web/guards.server.ts'
import { formatPercentOf, formatRupiahInline } from '#app/lib/format.ts'
import { Money } from '#app/components/ui/misc.tsx'
import { MonthFilter } from '#app/components/finance/month-filter.tsx'
import { pageTitle, useT } from '#app/web/i18n.tsx'

const TARGET_CHART_UPTS = 12

export async function loader({ request }: LoaderFunctionArgs) {
  const { uptId } = await requireFinance(request)
  const month = monthFrom(new URL(request.url))
  const db = getDb()
  const [rows, yearly] = await Promise.all([
    monthlyReport(db, { month, uptId }),
    yearlyRealisation(db, { year: Number(month.slice(0, 4)), uptId }),
  ])
  const upt = uptId ? await uptName(db, uptId) : null
  const chartMonths = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    due: yearly.reduce((s, y) => s + (y.byMonth[i]?.due ?? 0), 0),
    deposited: yearly.reduce((s, y) => s + (y.byMonth[i]?.deposited ?? 0), 0),
  }))
  // A chart reads for a dozen bars at most: the UPTs with the largest targets (all are in the table).
  const targetUpts = [...yearly].sort((a, b) => b.target - a.target).slice(0, TARGET_CHART_UPTS)
  return {
    chartMonths,
    // the chart's geometry (d3-scale) on the server, so d3 never ships to the browser (ADR 031)
    chartLayout: barLayout(
      chartMonths.map((m) => [m.due, m.deposited]),
      { marginLeft: 96 },
    ),
    // PNBP deposited against each UPT's yearly target (issue 16, item 4), the same figures as the table under it
    targetUpts,
    targetLayout: barLayout(
      targetUpts.map((y) => [y.target, y.deposited]),
      { marginLeft: 96 },
    ),
    month,
    national: uptId === null,
    upt,
    rows,
    kanwils: uptId ? [] : byKanwil(rows),
    total: totals(rows),
    yearly,
  }
}

export default function FinanceIndex() {
  const t = useT()
  const { month, national, upt, rows, kanwils, total, yearly, chartMonths, chartLayout, targetUpts, targetLayout } =
    useLoaderData<typeof loader>()
  const year = month.slice(0, 4)
  return (
    <div className="stack">
      <h1>{t('finance.title')}</h1>
      <p className="lead">{upt ? upt.name : t('finance.national')}</p>
      <nav className="finance-nav" aria-label={t('finance.title')}>
        {upt ? (
          <>
            <Link to={`/finance/upt/${upt.id}?month=${month}`}>{t('finance.nav.billings')}</Link>
            <Link to={`/finance/upt/${upt.id}/statements`}>{t('finance.nav.statements')}</Link>
            <Link to={`/finance/upt/${upt.id}/payments`}>{t('finance.nav.payments')}</Link>
            <Link to={`/finance/upt/${upt.id}/ledger?month=${month}`}>{t('finance.nav.ledger')}</Link>
          </>
        ) : null}
        <Link to="/finance/payouts">{t('finance.nav.payouts')}</Link>
        <Link to="/finance/rules">{t('finance.nav.rules')}</Link>
        {national ? <Link to="/finance/targets">{t('finance.nav.targets')}</Link> : null}
        {national ? <Link to="/finance/settings">{t('finance.nav.settings')}</Link> : null}
        {national ? <Link to="/finance/providers">{t('providers.nav')}</Link> : null}
        {national ? <Link to="/admin/shop-limits">{t('shopLimits.title')}</Link> : null}
      </nav>
      <MonthFilter month={month} />
      <h2>
        {t('finance.month')}: {month}
      </h2>
      <div className="button-row no-print">
        <a className="button button-secondary" href={`/finance/report.csv?month=${month}`} download>
          {t('finance.exportCsv')}
        </a>
        <Link className="button button-secondary" to={`/finance/report?month=${month}`}>
          {t('finance.print')}
        </Link>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t('finance.noData')} />
      ) : (
        <>
          {upt ? (
            <dl className="dl" aria-label={upt.name}>
              <dt>{t('finance.col.pnbpDue')}</dt>
              <dd data-testid="pnbp-due">
                <Money amount={total.pnbpDue} />
              </dd>
              <dt>{t('finance.col.deposited')}</dt>
              <dd>
                <Money amount={total.deposited} />
              </dd>
              <dt>{t('finance.col.outstanding')}</dt>
              <dd>
                <Outstanding amount={total.outstanding} />
              </dd>
              <dt>{t('finance.col.lateAmount')}</dt>
              <dd data-testid="late">
                {total.lateAmount > 0 ? (
                  <span className="badge badge-bad">
                    {t('finance.lateBadge', { amount: formatRupiahInline(total.lateAmount), days: total.lateDays })}
                  </span>
                ) : (
                  <span className="badge badge-ok">{t('finance.onTime')}</span>
                )}
              </dd>
            </dl>
          ) : null}
          {national ? (
            <>
              <h2>{t('finance.national')}</h2>
              <ReportTable
                caption={t('finance.national')}
                head={t('finance.kanwil')}
                rows={kanwils.map((k) => ({ ...k, key: k.kanwilId, label: k.kanwilName }))}
                total={total}
              />
            </>
          ) : null}
          <h2>{t('finance.upt')}</h2>
          <ReportTable
            caption={t('finance.upt')}
            head={t('finance.upt')}
            rows={rows.map((r) => ({
              ...r,
              key: r.uptId,
              label: <Link to={`/finance/upt/${r.uptId}?month=${month}`}>{r.uptName}</Link>,
            }))}
          />
        </>
      )}
      <h2>{t('finance.yearly', { year })}</h2>
      <PnbpChart months={chartMonths} layout={chartLayout} title={`${t('finance.chart')} ${year}`} />
      {targetUpts.length ? (
        <PnbpTargetChart
          upts={targetUpts}
          layout={targetLayout}
          title={
            yearly.length > targetUpts.length
              ? t('finance.targetChartTop', { year, n: targetUpts.length })
              : t('finance.targetChart', { year })
          }
        />
      ) : null}
      <ListTable
        label={t('finance.yearly', { year })}
        rows={yearly}
        rowKey={(y) => y.uptId}
        columns={[
          { header: t('finance.upt'), rowHeader: true, cell: (y) => y.uptName },
          { header: t('finance.target'), cell: (y) => <Money amount={y.target} /> },
          { header: t('finance.col.pnbpDue'), cell: (y) => <Money amount={y.due} /> },
          { header: t('finance.col.deposited'), cell: (y) => <Money amount={y.deposited} /> },
          { header: t('finance.realisation'), cell: (y) => formatPercentOf(y.deposited, y.target) },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.finance') }]
