import { FilterSelect } from '#app/components/ui/list-table.tsx'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { ProductCard } from '#app/components/product-card.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { searchCatalog } from '#app/domain/catalog/products.ts'
import { parseCatalogQuery } from '#app/domain/catalog/query.server.ts'
import { catalogFacetsCached } from '#app/web/catalog-facets.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { getT } from '#app/web/i18n.server.ts'
import { PAGE_SIZE, pageCount } from '#app/lib/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const filters = parseCatalogQuery(url)
  const db = getDb()
  const [result, facets] = await Promise.all([searchCatalog(db, filters), catalogFacetsCached(db)])
  const t = getT(request)
  // "Maksud Anda: batik?" keeps the other filters and starts again at page 1.
  let suggestionHref: string | null = null
  if (result.suggestion) {
    const params = new URLSearchParams([...url.searchParams].filter(([, v]) => v !== ''))
    params.set('q', result.suggestion)
    params.delete('page')
    suggestionHref = `/products?${params.toString()}`
  }
  return {
    ...result,
    suggestionHref,
    facets,
    filters,
    pages: pageCount(result.total, PAGE_SIZE),
    seo: {
      title: `${filters.q ? `${filters.q} · ` : ''}${t('catalog.title')} · Mitra Lipas`,
      description: t('catalog.intro'),
      url: `${getEnv().appUrl}/products`,
    },
  }
}

export default function Catalog() {
  const t = useT()
  const lang = useLang()
  const { rows, total, facets, filters, pages, suggestion, suggestionHref } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(page))
    return `/products?${next.toString()}`
  }
  return (
    <div className="stack">
      <h1>{t('catalog.title')}</h1>
      <p className="lead">{t('catalog.intro')}</p>
      <Form method="get" action="/products" className="filters" role="search" aria-label={t('catalog.filters')}>
        <div className="field">
          <label htmlFor="q">{t('catalog.search')}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ''} maxLength={100} />
        </div>
        {/* On phones the products matter more than the filters: they fold away until asked for. */}
        <details
          className="filter-more"
          open={Boolean(
            filters.category ||
            filters.province ||
            filters.upt ||
            filters.min !== undefined ||
            filters.max !== undefined ||
            filters.sort ||
            filters.inStock,
          )}
        >
          <summary>{t('catalog.moreFilters')}</summary>
          <div className="filter-grid">
            <FilterSelect
              name="category"
              label={t('catalog.category')}
              value={filters.category ?? ''}
              all={t('catalog.allCategories')}
              options={facets.sectors.map((s) => ({ value: s.id, label: lang === 'en' ? s.name_en : s.name_id }))}
            />
            <FilterSelect
              name="province"
              label={t('catalog.province')}
              value={filters.province ?? ''}
              all={t('catalog.allProvinces')}
              options={facets.provinces.map((p) => ({ value: p.id, label: p.name }))}
            />
            <FilterSelect
              name="upt"
              label={t('catalog.upt')}
              value={filters.upt ?? ''}
              all={t('catalog.allUpts')}
              options={facets.upts.map((u) => ({ value: u.slug, label: u.name }))}
            />
            <div className="field">
              <label htmlFor="min">{t('catalog.min')}</label>
              <input
                id="min"
                name="min"
                type="number"
                min={0}
                step={1000}
                inputMode="numeric"
                defaultValue={filters.min ?? ''}
              />
            </div>
            <div className="field">
              <label htmlFor="max">{t('catalog.max')}</label>
              <input
                id="max"
                name="max"
                type="number"
                min={0}
                step={1000}
                inputMode="numeric"
                defaultValue={filters.max ?? ''}
              />
            </div>
            <div className="field">
              <label htmlFor="sort">{t('catalog.sort')}</label>
              <select id="sort" name="sort" defaultValue={filters.sort ?? ''}>
                <option value="">{filters.q ? t('catalog.sort.relevance') : t('catalog.sort.newest')}</option>
                <option value="price_asc">{t('catalog.sort.price_asc')}</option>
                <option value="price_desc">{t('catalog.sort.price_desc')}</option>
                <option value="newest">{t('catalog.sort.newest')}</option>
              </select>
            </div>
            <div className="field field-check">
              <input id="stock" name="stock" type="checkbox" value="1" defaultChecked={filters.inStock} />
              <label htmlFor="stock">{t('catalog.inStock')}</label>
            </div>
          </div>
        </details>
        <div className="button-row">
          <button type="submit" className="button">
            {t('catalog.apply')}
          </button>
          <Link to="/products">{t('common.reset')}</Link>
        </div>
      </Form>
      {suggestion && suggestionHref ? (
        <p className="did-you-mean">
          {t('search.didYouMean')}{' '}
          <Link to={suggestionHref}>
            <strong>{suggestion}</strong>
          </Link>
          ? <span className="muted">{t('search.didYouMeanHint')}</span>
        </p>
      ) : null}
      <p aria-live="polite">{t('catalog.results', { count: total })}</p>
      {rows.length === 0 && total > 0 ? (
        // Past the last page (an old link, ?page=999): the products exist, just not on this page.
        <div className="alert alert-info" role="status">
          <p>{t('catalog.pastEnd', { page: filters.page, pages })}</p>
          <p>
            <Link to={pageHref(pages)}>{t('catalog.lastPage')}</Link>
          </p>
        </div>
      ) : rows.length === 0 ? (
        <EmptyState title={t('catalog.empty')}>{t('catalog.emptyHint')}</EmptyState>
      ) : (
        <ul className="product-grid">
          {rows.map((p) => (
            <ProductCard key={p.id} p={p} />
          ))}
        </ul>
      )}
      {filters.page <= pages ? <Pagination page={filters.page} pages={pages} /> : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: data.seo.title },
        { name: 'description', content: data.seo.description },
        { property: 'og:title', content: data.seo.title },
        { property: 'og:description', content: data.seo.description },
        { property: 'og:type', content: 'website' },
        { property: 'og:url', content: data.seo.url },
        { tagName: 'link', rel: 'canonical', href: data.seo.url },
      ]
    : [{ title: pageTitle(matches, 'title.products') }]
