import type { LoaderFunctionArgs } from '@remix-run/node'
import { REPORT_COLUMNS, monthlyReport } from '#app/domain/pnbp/report.ts'
import { toCsv } from '#app/lib/csv.ts'
import { csvResponse } from '#app/web/csv.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { monthFrom } from '#app/lib/month.ts'
import { requireFinance } from '#app/web/guards.server.ts'

// Resource route: the month's report as CSV (UTF-8, header row, amounts as integers).
export async function loader({ request }: LoaderFunctionArgs) {
  const { uptId } = await requireFinance(request)
  const month = monthFrom(new URL(request.url))
  const rows = await monthlyReport(getDb(), { month, uptId })
  const body = toCsv(
    [
      'month',
      'kanwil',
      'upt_id',
      'upt',
      ...REPORT_COLUMNS.map((c) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`)),
    ],
    rows.map((r) => [month, r.kanwilName, r.uptId, r.uptName, ...REPORT_COLUMNS.map((c) => r[c])]),
  )
  return csvResponse(body, `pnbp-${month}${uptId ? '-upt' : '-nasional'}.csv`)
}
