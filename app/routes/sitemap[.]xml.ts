import type { LoaderFunctionArgs } from '@remix-run/node'
import { sitemapEntries } from '#app/domain/catalog/products.ts'
import { publicOfferEntries } from '#app/domain/offers/public.server.ts'
import { listSitePages } from '#app/domain/content/pages.ts'
import { storySitemapEntries } from '#app/domain/stories/queries.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export async function loader(_: LoaderFunctionArgs) {
  const base = getEnv().appUrl
  const db = getDb()
  const [{ products, upts }, offers, pages, stories] = await Promise.all([
    sitemapEntries(db),
    publicOfferEntries(db),
    listSitePages(db),
    storySitemapEntries(db),
  ])
  const urls = [
    `<url><loc>${esc(base)}/</loc></url>`,
    `<url><loc>${esc(base)}/products</loc></url>`,
    ...upts.map((u) => `<url><loc>${esc(`${base}/stores/${u.slug}`)}</loc></url>`),
    ...products.map(
      (p) =>
        `<url><loc>${esc(`${base}/products/${p.slug}`)}</loc><lastmod>${p.updated_at.slice(0, 10)}</lastmod></url>`,
    ),
    `<url><loc>${esc(base)}/offers</loc></url>`,
    ...offers.map(
      (o) => `<url><loc>${esc(`${base}/offers/${o.id}`)}</loc><lastmod>${o.updated_at.slice(0, 10)}</lastmod></url>`,
    ),
    ...pages.map(
      (p) => `<url><loc>${esc(`${base}/info/${p.slug}`)}</loc><lastmod>${p.created_at.slice(0, 10)}</lastmod></url>`,
    ),
    `<url><loc>${esc(base)}/cerita</loc></url>`,
    ...stories.map(
      (s) => `<url><loc>${esc(`${base}/cerita/${s.slug}`)}</loc><lastmod>${s.updated_at.slice(0, 10)}</lastmod></url>`,
    ),
  ]
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
  return new Response(xml, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
}
