import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ProductCard } from '#app/components/product-card.tsx'
import { searchCatalog } from '#app/domain/catalog/products.ts'
import { uptCoverage } from '#app/domain/registry/upts.ts'
import { SUPPORT_KINDS } from '#app/domain/registry/kinds.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatNumber } from '#app/lib/format.ts'
import { metaT, useLang, useT } from '#app/web/i18n.tsx'

export async function loader(_args: LoaderFunctionArgs) {
  const db = getDb()
  const stats = await uptCoverage(db)
  const featured = await searchCatalog(db, { page: 1, pageSize: 4, inStock: true })
  return { upts: stats.upts, provinces: stats.provinces, products: featured.rows }
}

export default function Home() {
  const t = useT()
  const lang = useLang()
  const d = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t('home.heroTitle')}</h1>
        <p className="lead">{t('home.heroBody')}</p>
        <div className="button-row">
          <Link to="/signup" className="button">
            {t('home.ctaPartner')}
          </Link>
          <Link to="/products" className="button button-secondary">
            {t('home.ctaShop')}
          </Link>
        </div>
      </section>
      {d.products.length > 0 ? (
        <section aria-labelledby="products-title">
          <div className="page-header">
            <h2 id="products-title">{t('home.newProducts')}</h2>
            <Link to="/products">{t('home.allProducts')}</Link>
          </div>
          <ul className="product-grid">
            {d.products.map((p) => (
              <ProductCard key={p.id} p={p} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="kinds-title">
        <h2 id="kinds-title">{t('home.kinds')}</h2>
        <ul className="kinds">
          {SUPPORT_KINDS.map((k) => (
            <li key={k} className="card">
              <h3>{t(`kind.${k}`)}</h3>
              <p className="muted">{t(`kind.${k}.desc`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title">{t('home.stats')}</h2>
        <div className="stats">
          <p>
            <span className="stat-value">{formatNumber(d.upts, lang)}</span> {t('home.upts')}
          </p>
          <p>
            <span className="stat-value">{formatNumber(d.provinces, lang)}</span> {t('home.provinces')}
          </p>
        </div>
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('title.home') },
  { name: 'description', content: metaT(matches)('description.home') },
]
