import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PickupPointInfo } from '#app/components/pickup-point.tsx'
import { Availability, ProductCard } from '#app/components/product-card.tsx'
import { ProductGallery } from '#app/components/product-gallery.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { Money } from '#app/components/ui/misc.tsx'
import { getPublishedProduct, relatedProducts } from '#app/domain/catalog/products.ts'
import { parseAddToCart } from '#app/web/cart-form.server.ts'
import { addToCart } from '#app/domain/orders/cart.ts'
import { getPickupPoints } from '#app/domain/orders/shipping.ts'
import { appendCartCount, writableCart } from '#app/web/cart.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, recordTitle, useLang, useT } from '#app/web/i18n.tsx'
import { useNonce } from '#app/web/nonce.tsx'
import { notFound } from '#app/web/guards.server.ts'
import { Stars } from '#app/components/stars.tsx'
import { Pagination } from '#app/components/ui/misc.tsx'
import { listProductReviews, productRating } from '#app/domain/reviews/queries.ts'
import { REVIEWS_PER_PAGE } from '#app/domain/reviews/rules.ts'
import { formatDate } from '#app/lib/format.ts'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const product = await getPublishedProduct(getDb(), params.slug ?? '')
  if (!product) notFound()
  const base = getEnv().appUrl
  const page = pageFrom(new URL(request.url))
  // The same for every visitor (this page is cached): where buyers who choose pickup collect it.
  const [rating, reviews, related, pickups] = await Promise.all([
    productRating(getDb(), product.id),
    listProductReviews(getDb(), product.id, page),
    relatedProducts(getDb(), product),
    getPickupPoints(getDb(), [product.upt_id]),
  ])
  return { product, base, rating, reviews, page, related, pickup: pickups[product.upt_id] ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const product = await getPublishedProduct(getDb(), params.slug ?? '')
  if (!product) notFound()
  const submission = parseAddToCart(await readForm(request))
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const { cartId, headers } = await writableCart(request)
  try {
    await addToCart(getDb(), cartId, product.id, submission.value.qty)
  } catch (error) {
    const reply = replyWithDomainError(submission, error)
    return data(reply.data, { status: 400, headers })
  }
  headers.append('Set-Cookie', flashCookie('catalog.added'))
  throw redirect('/cart', { headers: await appendCartCount(headers, cartId) })
}

export default function ProductPage() {
  const t = useT()
  const lang = useLang()
  const nonce = useNonce()
  const { product: p, base, rating, reviews, page, related, pickup } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  // A plain form: the server checks the quantity and answers next to the field (no form library here).
  const errors = (lastResult as { error?: Record<string, string[] | null> } | undefined)?.error
  const soldOut = p.stock_mode === 'stock' && p.stock === 0
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    description: p.description,
    sku: p.slug,
    category: lang === 'en' ? p.sector_name_en : p.sector_name_id,
    image: p.images.map((i) => `${base}/uploads/${i.file_name}`),
    brand: { '@type': 'Organization', name: p.upt_name },
    offers: {
      '@type': 'Offer',
      url: `${base}/products/${p.slug}`,
      priceCurrency: 'IDR',
      price: p.price,
      availability: soldOut
        ? 'https://schema.org/OutOfStock'
        : p.stock_mode === 'made_to_order'
          ? 'https://schema.org/PreOrder'
          : 'https://schema.org/InStock',
    },
    // Only visible reviews count (hidden ones are left out of the average as of the page).
    ...(rating
      ? {
          aggregateRating: {
            '@type': 'AggregateRating',
            ratingValue: rating.average,
            reviewCount: rating.count,
            bestRating: 5,
            worstRating: 1,
          },
          review: reviews.rows.slice(0, 5).map((r) => ({
            '@type': 'Review',
            reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5, worstRating: 1 },
            author: { '@type': 'Person', name: r.reviewer_name || t('review.anonymous') },
            datePublished: r.created_at.slice(0, 10),
            reviewBody: r.body,
          })),
        }
      : {}),
  }
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="muted small">
        <Link to="/products">{t('nav.products')}</Link> /{' '}
        <Link to={`/products?category=${p.sector_id}`}>{lang === 'en' ? p.sector_name_en : p.sector_name_id}</Link>
      </nav>
      <div className="product-layout">
        <ProductGallery images={p.images} />
        <div className="stack">
          <h1>{p.name}</h1>
          <p className="product-price">
            <Money amount={p.price} /> <span className="muted">{t('catalog.perUnit', { unit: p.unit })}</span>
          </p>
          {rating ? (
            <p className="rating-summary">
              <Stars rating={rating.average} />{' '}
              <a href="#ulasan">
                {t('review.summary', {
                  average: rating.average.toLocaleString(lang === 'en' ? 'en-US' : 'id-ID'),
                  n: rating.count,
                })}
              </a>
            </p>
          ) : null}
          <p>
            <Availability p={p} />
          </p>
          <p className="muted">
            {t('catalog.by', { upt: p.upt_name })} · {p.upt_city}, {p.province_name}
          </p>
          {soldOut ? null : (
            <Form method="post" className="inline-form" id="add-to-cart">
              <FormErrors errors={errors?.[''] ?? null} />
              <Field
                label={t('catalog.qty')}
                errors={errors?.qty ?? null}
                errorId="qty-error"
                inputProps={{
                  id: 'qty',
                  name: 'qty',
                  type: 'number',
                  defaultValue: '1',
                  required: true,
                  min: 1,
                  max: 999,
                  step: 1,
                  inputMode: 'numeric',
                  className: 'qty-input',
                }}
              />
              <button type="submit" className="button">
                {t('catalog.addToCart')}
              </button>
            </Form>
          )}
          <section className="ethics" aria-labelledby="ethics-h">
            <h2 id="ethics-h">{t('catalog.ethicsTitle')}</h2>
            <p>{t('catalog.ethics')}</p>
          </section>
        </div>
      </div>
      <section className="stack">
        <h2>{t('catalog.details')}</h2>
        <p className="prewrap">{p.description}</p>
        <dl className="dl">
          <dt>{t('catalog.category')}</dt>
          <dd>{lang === 'en' ? p.sector_name_en : p.sector_name_id}</dd>
          {p.weight_grams ? (
            <>
              <dt>{t('catalog.weight')}</dt>
              <dd>{t('catalog.grams', { g: p.weight_grams })}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="stack" aria-labelledby="pickup-h">
        <h2 id="pickup-h">{t('pickup.productTitle')}</h2>
        <p className="muted small">{t('pickup.productLead', { upt: p.upt_name })}</p>
        <PickupPointInfo point={pickup} upt={p.upt_name} />
      </section>
      {p.story ? (
        <section className="stack">
          <h2>{t('catalog.story')}</h2>
          <p className="prewrap">{p.story}</p>
        </section>
      ) : null}
      <section className="stack" id="ulasan" aria-labelledby="reviews-h">
        <h2 id="reviews-h">{t('review.sectionTitle')}</h2>
        {rating ? (
          <p className="rating-summary">
            <span className="rating-average">{rating.average.toLocaleString(lang === 'en' ? 'en-US' : 'id-ID')}</span>{' '}
            <Stars rating={rating.average} /> <span className="muted">{t('review.count', { n: rating.count })}</span>
          </p>
        ) : (
          <p className="muted">{t('review.noneYet')}</p>
        )}
        {reviews.rows.length ? (
          <ul className="review-list">
            {reviews.rows.map((r) => (
              <li key={r.id}>
                <p>
                  <Stars rating={r.rating} /> <strong>{r.reviewer_name || t('review.anonymous')}</strong>{' '}
                  <span className="muted small">
                    · {t('review.verified')} · {formatDate(r.created_at.slice(0, 10), lang)}
                  </span>
                </p>
                <p className="prewrap">{r.body}</p>
                {r.reply ? (
                  <div className="review-reply">
                    <p className="small muted">{t('review.replyFrom', { upt: p.upt_name })}</p>
                    <p className="prewrap">{r.reply}</p>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        <Pagination page={page} pages={pageCount(reviews.total, REVIEWS_PER_PAGE)} />
      </section>
      {related.length ? (
        <section className="stack" aria-labelledby="related-h">
          <h2 id="related-h">{t('catalog.related', { upt: p.upt_name })}</h2>
          <ul className="product-grid">
            {related.map((r) => (
              <ProductCard key={r.id} p={{ ...r, thumb: r.thumb ?? null }} />
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to={`/stores/${p.upt_slug}`}>{t('catalog.seeStore')}</Link>
      </p>
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
      />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: pageTitle(matches, 'title.product') }]
  const p = data.product
  const title = recordTitle(matches, `${p.name} · ${p.upt_name}`, 'title.product')
  const description = p.description.slice(0, 160)
  const url = `${data.base}/products/${p.slug}`
  return [
    { title },
    { name: 'description', content: description },
    { property: 'og:title', content: p.name },
    { property: 'og:description', content: description },
    { property: 'og:type', content: 'product' },
    { property: 'og:url', content: url },
    ...(p.images[0] ? [{ property: 'og:image', content: `${data.base}/uploads/${p.images[0].file_name}` }] : []),
    { tagName: 'link', rel: 'canonical', href: url },
  ]
}

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
