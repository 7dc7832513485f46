import type { LoaderFunctionArgs } from '@remix-run/node'
import { sitemapEntries } from '#app/domain/catalog/products.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export async function loader(_: LoaderFunctionArgs) {
  const base = getEnv().appUrl
  const { products, upts } = await sitemapEntries(getDb())
  const urls = [
    `<url><loc>${esc(base)}/</loc></url>`,
    `<url><loc>${esc(base)}/products</loc></url>`,
    ...upts.map((u) => `<url><loc>${esc(`${base}/stores/${u.slug}`)}</loc></url>`),
    ...products.map((p) => `<url><loc>${esc(`${base}/products/${p.slug}`)}</loc><lastmod>${p.updated_at.slice(0, 10)}</lastmod></url>`),
  ]
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } })
}
