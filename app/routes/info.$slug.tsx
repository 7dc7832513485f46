import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { isSitePageSlug } from '#app/domain/content/slugs.ts'
import { renderMarkdown } from '#app/lib/markdown.server.ts'
import { getSitePage } from '#app/domain/content/pages.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { getDb } from '#app/web/db.server.ts'
import { notFound } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { getLang } from '#app/web/i18n.server.ts'

/** A trust page (ADR 023): the same for every visitor of a language, so the page cache keeps it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? ''
  if (!isSitePageSlug(slug)) notFound()
  const page = await getSitePage(getDb(), slug)
  if (!page) notFound()
  const lang = getLang(request)
  const title = lang === 'en' ? page.title_en : page.title_id
  return {
    slug,
    title,
    html: renderMarkdown(lang === 'en' ? page.body_en : page.body_id, 'page'),
    updatedAt: formatDateTime(page.created_at, 'Asia/Jakarta', lang),
    updatedIso: page.created_at,
    seo: { title: `${title} · Mitra Lipas`, url: `${getEnv().appUrl}/info/${slug}` },
  }
}

export default function SitePage() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  return (
    <div className="trust-page">
      <article className="stack">
        <h1>{d.title}</h1>
        <p className="muted">
          {t('sitePages.updated')} <time dateTime={d.updatedIso}>{d.updatedAt}</time>
        </p>
        {/* Markdown from a national admin, sanitised on the server (markdown.server.ts). */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: d.html }} />
      </article>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: data.seo.title },
        { property: 'og:title', content: data.seo.title },
        { tagName: 'link', rel: 'canonical', href: data.seo.url },
      ]
    : [{ title: pageTitle(matches, 'title.sitePage') }]
