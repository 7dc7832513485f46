import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ProductCard } from '#app/components/product-card.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { searchCatalog } from '#app/domain/catalog/products.ts'
import { getStorefront } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { metaT, pageTitle, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { notFound } from '#app/web/guards.server.ts'

/** A UPT's public storefront: its published products. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb()
  const upt = await getStorefront(db, params.slug ?? '')
  if (!upt) notFound()
  const page = pageFrom(request.url)
  const r = await searchCatalog(db, { upt: upt.slug, page })
  return { upt, ...r, page, pages: pageCount(r.total), url: `${getEnv().appUrl}/stores/${upt.slug}` }
}

export default function Storefront() {
  const t = useT()
  const { upt, rows, page, pages } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('catalog.storefront', { upt: upt.name })}</h1>
      <p className="lead">
        {t('catalog.storefrontIntro', { upt: upt.name, city: upt.city, province: upt.province_name })}
      </p>
      <section className="ethics" aria-labelledby="ethics-h">
        <h2 id="ethics-h">{t('catalog.ethicsTitle')}</h2>
        <p>{t('catalog.ethics')}</p>
      </section>
      {rows.length === 0 ? (
        <EmptyState title={t('catalog.empty')} />
      ) : (
        <ul className="product-grid">
          {rows.map((p) => (
            <ProductCard key={p.id} p={p} />
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: pageTitle(matches, 'title.store') }]
  const title = pageTitle(matches, 'title.storeOf', { upt: data.upt.name })
  const description = metaT(matches)('description.store', { upt: data.upt.name, city: data.upt.city })
  return [
    { title },
    { name: 'description', content: description },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: data.url },
    { tagName: 'link', rel: 'canonical', href: data.url },
  ]
}
