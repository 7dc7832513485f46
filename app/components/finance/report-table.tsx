import { type Column, ListTable } from '#app/components/ui/list-table.tsx'
import { Money } from '#app/components/ui/misc.tsx'
import { BarChart } from '#app/components/charts/bar-chart.tsx'
import type { BarLayout } from '#app/components/charts/layout.ts'
import {
  formatMonthShort,
  formatRupiah,
  formatRupiahCompact,
  formatRupiahInline,
  shortUptName,
} from '#app/lib/format.ts'
import type { Translate } from '#app/i18n/translate.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export const COLUMNS = [
  'grossSales',
  'refunds',
  'base',
  'pnbpDue',
  'deposited',
  'outstanding',
  'premi',
  'production',
  'partner',
  'operations',
  'shipping',
  'uniqueCodes',
  'lateAmount',
  'lateDays',
] as const
type Figures = Record<(typeof COLUMNS)[number], number>

/**
 * PNBP not yet deposited. Below zero after a refund of goods whose PNBP was already deposited:
 * that is PNBP deposited in excess ("lebih setor"), named so, never a minus under "Belum disetor".
 */
export function Outstanding({ amount }: { amount: number }) {
  return <span className="money">{outstandingText(useT(), amount)}</span>
}

export function outstandingText(t: Translate, amount: number): string {
  return amount >= 0 ? formatRupiah(amount) : t('finance.overDeposited', { amount: formatRupiahInline(-amount) })
}

/** A figure in its unit: rupiah, or whole days for the delay of late deposits. */
function Figure({ column, value }: { column: (typeof COLUMNS)[number]; value: number }) {
  const t = useT()
  if (column === 'lateDays') return <>{value > 0 ? t('finance.days', { days: value }) : '–'}</>
  if (column === 'outstanding') return <Outstanding amount={value} />
  return <Money amount={value} />
}

/** A month's figures: label column first, then one money column per figure, and the totals. */
export function ReportTable({
  caption,
  head,
  rows,
  total,
}: {
  caption: string
  head: string
  rows: ({ key: string; label: React.ReactNode } & Figures)[]
  total?: Figures
}) {
  const t = useT()
  type Row = (typeof rows)[number]
  const columns: Column<Row>[] = [
    { header: head, rowHeader: true, cell: (r) => r.label },
    ...COLUMNS.map((c): Column<Row> => ({
      header: t(`finance.col.${c}`),
      cell: (r) => <Figure column={c} value={r[c]} />,
    })),
  ]
  return (
    <ListTable
      label={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={columns}
      footer={total ? { key: 'total', label: t('finance.total'), ...total } : undefined}
    />
  )
}

/**
 * PNBP due and deposited per month: the shared bar chart (axis in compact rupiah, month names, a
 * legend, and the exact amounts in a table under it).
 */
export function PnbpChart({
  months,
  layout,
  title,
}: {
  months: { month: number; due: number; deposited: number }[]
  /** `barLayout` of the months' [due, deposited], computed in the loader */
  layout: BarLayout
  title: string
}) {
  const t = useT()
  const lang = useLang()
  return (
    <BarChart
      title={title}
      series={[
        { key: 'due', label: t('finance.col.pnbpDue'), color: '#9a3412' },
        { key: 'deposited', label: t('finance.col.deposited'), color: '#166534' },
      ]}
      rows={months.map((m) => ({ key: m.month, label: formatMonthShort(m.month, lang), values: [m.due, m.deposited] }))}
      format={formatRupiah}
      formatTick={(n) => formatRupiahCompact(n, lang)}
      headerLabel={t('finance.monthCol')}
      layout={layout}
    />
  )
}

/**
 * PNBP deposited against each UPT's yearly target (issue 16, item 4). The figures are in the
 * yearly table right under the chart, so the chart has no table of its own.
 */
export function PnbpTargetChart({
  upts,
  layout,
  title,
}: {
  upts: { uptId: string; uptName: string; target: number; deposited: number }[]
  /** `barLayout` of the UPTs' [target, deposited], computed in the loader */
  layout: BarLayout
  title: string
}) {
  const t = useT()
  const lang = useLang()
  return (
    <BarChart
      title={title}
      desc={upts
        .map(
          (u) =>
            `${u.uptName}: ${t('finance.target')} ${formatRupiah(u.target)}, ${t('finance.col.deposited')} ${formatRupiah(u.deposited)}`,
        )
        .join('; ')}
      series={[
        { key: 'target', label: t('finance.target'), color: '#64748b' },
        { key: 'deposited', label: t('finance.col.deposited'), color: '#166534' },
      ]}
      rows={upts.map((u) => ({ key: u.uptId, label: shortUptName(u.uptName), values: [u.target, u.deposited] }))}
      format={formatRupiah}
      formatTick={(n) => formatRupiahCompact(n, lang)}
      headerLabel={t('finance.upt')}
      table={false}
      layout={layout}
    />
  )
}
