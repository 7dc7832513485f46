import { Form, Link } from '@remix-run/react'
import { type HTMLAttributes, type InputHTMLAttributes, type ReactNode, useId } from 'react'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { useT } from '#app/web/i18n.tsx'

/** One column of a ListTable, declared once: its header, and what each row shows in it. */
export interface Column<Row> {
  /** the header, and the value's label on a phone card (translated text) */
  header: string
  cell: (row: Row) => ReactNode
  /** right-aligned counts (from tablet width up; money needs nothing, it never wraps) */
  num?: boolean
  /** the row's name: a `<th scope="row">`, the title of the card on phones (no label) */
  rowHeader?: boolean
  /** a header for screen readers only (an actions column); no label on the card */
  hiddenHeader?: boolean
  /** attributes of each cell (a `data-testid`) */
  cellProps?: (row: Row) => HTMLAttributes<HTMLTableCellElement> & Record<`data-${string}`, string | undefined>
}

function cellClass(c: Column<never>) {
  return c.num ? 'num' : undefined
}

/**
 * A list of records: its filters, the count, a table with the columns declared once, an empty
 * state, and page links. From 641 px it is a table in a box that scrolls sideways when it must
 * (focusable, named by its caption); on phones every row is a card of label/value pairs, so no
 * list makes the page wider than the phone. The labels come from `data-label` through CSS and
 * are not read twice: a screen reader still meets a table with its headers.
 *
 * Renders siblings (filters, summary, table, pagination) for the page's `.stack`.
 */
export function ListTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowProps,
  footer,
  empty,
  filters,
  summary,
  page,
  pages,
  narrow = false,
}: {
  /** names the table (a hidden caption) and its scrolling region */
  label: string
  /** a few short columns that never need to scroll: no focusable scrolling region (one tab stop less) */
  narrow?: boolean
  columns: Column<Row>[]
  rows: readonly Row[]
  rowKey: (row: Row) => string | number
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>
  /** a totals row, shown through the same columns in a `<tfoot>` */
  footer?: Row
  /** what to say when there are no rows; nothing is shown without it */
  empty?: { title: ReactNode; children?: ReactNode }
  /** the filter form (ListFilters, DirectoryFilters) */
  filters?: ReactNode
  /** the count of results or another line above the table */
  summary?: ReactNode
  page?: number
  pages?: number
}) {
  const captionId = useId()
  const line = (row: Row, key: string | number) => (
    <tr key={key} {...rowProps?.(row)}>
      {columns.map((c, i) => {
        const content = c.cell(row)
        const props = {
          className: cellClass(c as Column<never>),
          'data-label': c.rowHeader || c.hiddenHeader ? undefined : c.header,
          ...c.cellProps?.(row),
        }
        // An empty cell stays empty (no card line for it on phones).
        const body =
          content === null || content === undefined || content === '' || content === false ? null : (
            <div className="cell">{content}</div>
          )
        return c.rowHeader ? (
          <th key={i} scope="row" {...props}>
            {body}
          </th>
        ) : (
          <td key={i} {...props}>
            {body}
          </td>
        )
      })}
    </tr>
  )
  return (
    <>
      {filters}
      {summary}
      {rows.length === 0 ? (
        empty ? (
          <EmptyState title={empty.title}>{empty.children}</EmptyState>
        ) : null
      ) : (
        <div className="list-table" {...(narrow ? {} : { role: 'region', 'aria-labelledby': captionId, tabIndex: 0 })}>
          <table>
            <caption id={captionId} className="visually-hidden">
              {label}
            </caption>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={i} scope="col" className={cellClass(c as Column<never>)}>
                    {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows.map((row) => line(row, rowKey(row)))}</tbody>
            {footer ? <tfoot>{line(footer, 'footer')}</tfoot> : null}
          </table>
        </div>
      )}
      {page !== undefined && pages !== undefined ? <Pagination page={page} pages={pages} /> : null}
    </>
  )
}

/**
 * The filter form of a list: a GET form (works without JavaScript, the result is a link to
 * share), its fields as children, then "Filter" and, with `resetTo`, a link back to the list
 * without filters.
 */
export function ListFilters({
  label,
  children,
  submitLabel,
  resetTo,
  action,
  search = false,
}: {
  /** names the form */
  label: string
  children: ReactNode
  submitLabel?: string
  resetTo?: string
  action?: string
  /** a search landmark (the catalog) rather than a form */
  search?: boolean
}) {
  const t = useT()
  return (
    <Form method="get" action={action} className="filters" role={search ? 'search' : undefined} aria-label={label}>
      {children}
      <div className="button-row">
        <button type="submit" className="button">
          {submitLabel ?? t('common.filter')}
        </button>
        {resetTo ? <Link to={resetTo}>{t('common.reset')}</Link> : null}
      </div>
    </Form>
  )
}

/** A select of a filter form, named (and id'd) after its query parameter. */
export function FilterSelect({
  name,
  id = name,
  label,
  value,
  options,
  all,
}: {
  name: string
  id?: string
  label: ReactNode
  value: string | number | null | undefined
  options: readonly { value: string | number; label: string }[]
  /** the first option, for "any" (value ""); none without it */
  all?: string
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A text, search or number input of a filter form, named (and id'd) after its query parameter. */
export function FilterInput({
  label,
  id,
  name,
  ...input
}: { label: ReactNode; name: string } & InputHTMLAttributes<HTMLInputElement>) {
  const inputId = id ?? name
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} name={name} {...input} />
    </div>
  )
}
