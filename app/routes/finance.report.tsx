import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ReportTable } from '#app/components/finance/report-table.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { monthlyReport, totals } from '#app/domain/pnbp/report.ts'
import { getDb } from '#app/web/db.server.ts'
import { monthFrom } from '#app/lib/month.ts'
import { requireFinance } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const { uptId } = await requireFinance(request)
  const month = monthFrom(new URL(request.url))
  const rows = await monthlyReport(getDb(), { month, uptId })
  return { month, rows, total: totals(rows) }
}

/** Printable monthly report: the shell's header and footer are hidden by the print stylesheet. */
export default function FinanceReportPrint() {
  const t = useT()
  const { month, rows, total } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>
        {t('finance.title')} · {month}
      </h1>
      <p className="no-print">
        <Link to={`/finance?month=${month}`}>{t('common.back')}</Link>
      </p>
      {rows.length === 0 ? (
        <EmptyState title={t('finance.noData')} />
      ) : (
        <ReportTable
          caption={month}
          head={t('finance.upt')}
          rows={rows.map((r) => ({ ...r, key: r.uptId, label: `${r.uptName} (${r.kanwilName})` }))}
          total={total}
        />
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.pnbpReport') }]
