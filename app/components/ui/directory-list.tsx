import type { ReactNode } from 'react'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { useT } from '#app/web/i18n.tsx'

/**
 * A public directory (partners, programs, offers): its filter form, the number of results
 * (announced politely when it changes), one card per record, an empty state that says what to
 * try next, and page links that keep the filters. Cards flow in a grid, one column on phones.
 *
 * Renders siblings for the page's `.stack`.
 */
export function DirectoryList<Item>({
  filters,
  total,
  items,
  itemKey,
  card,
  empty,
  page,
  pages,
}: {
  /** the filter form (DirectoryFilters) */
  filters: ReactNode
  /** all results over every page */
  total: number
  items: readonly Item[]
  itemKey: (item: Item) => string | number
  /** the content of one card (its heading links to the record) */
  card: (item: Item) => ReactNode
  /** what to say when nothing matches, and what to try next */
  empty: { title: ReactNode; children?: ReactNode }
  page: number
  pages: number
}) {
  const t = useT()
  return (
    <>
      {filters}
      <p aria-live="polite">{t('dir.results', { n: total })}</p>
      {items.length === 0 ? (
        <EmptyState title={empty.title}>{empty.children}</EmptyState>
      ) : (
        <ul className="cards">
          {items.map((item) => (
            <li key={itemKey(item)} className="card">
              {card(item)}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </>
  )
}
