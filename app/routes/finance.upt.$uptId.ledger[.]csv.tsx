import type { LoaderFunctionArgs } from '@remix-run/node'
import { journalLines } from '#app/domain/ledger/journal.ts'
import { toCsv } from '#app/lib/csv.ts'
import { csvResponse } from '#app/web/csv.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { monthFrom } from '#app/lib/month.ts'
import { requireUptFinance } from '#app/web/guards.server.ts'

// Resource route: one month of a UPT's journal lines as CSV (UTF-8, header row, integer rupiah).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const month = monthFrom(new URL(request.url))
  const rows = await journalLines(getDb(), { uptId: upt.id, month })
  const body = toCsv(
    ['day', 'reference', 'kind', 'provider', 'account', 'debit', 'credit'],
    rows.map((r) => [r.day, r.reference, r.kind, r.provider ?? '', r.account, r.debit, r.credit]),
  )
  return csvResponse(body, `buku-besar-${upt.slug}-${month}.csv`)
}
