import type { LoaderFunctionArgs } from '@remix-run/node'
import { storiesForFeed } from '#app/domain/stories/queries.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { renderMarkdown } from '#app/lib/markdown.server.ts'
import { getDb } from '#app/web/db.server.ts'

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The Atom feed (RFC 4287) of published stories, newest first: id, title, updated, link,
 * author, summary and the sanitised body as HTML content. The same for everyone: cached briefly.
 */
export async function loader(_: LoaderFunctionArgs) {
  const base = getEnv().appUrl
  const stories = await storiesForFeed(getDb())
  const updated = stories.reduce(
    (max, s) => (s.updated_at > max ? s.updated_at : max),
    stories[0]?.updated_at ?? '2026-01-01T00:00:00.000Z',
  )
  const entries = stories.map(
    (s) => `  <entry>
    <id>${esc(`${base}/cerita/${s.slug}`)}</id>
    <title>${esc(s.title)}</title>
    <link rel="alternate" type="text/html" href="${esc(`${base}/cerita/${s.slug}`)}"/>
    <published>${esc(s.published_at ?? s.updated_at)}</published>
    <updated>${esc(s.updated_at)}</updated>
    <author><name>${esc(s.upt_name)}</name></author>
    <summary>${esc(s.summary)}</summary>
    <content type="html">${esc(renderMarkdown(s.body))}</content>
  </entry>`,
  )
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
  <id>${esc(`${base}/cerita`)}</id>
  <title>Cerita Mitra Lipas</title>
  <subtitle>Cerita program pembinaan, kerja sama mitra, dan karya warga binaan</subtitle>
  <link rel="self" type="application/atom+xml" href="${esc(`${base}/cerita/feed.xml`)}"/>
  <link rel="alternate" type="text/html" href="${esc(`${base}/cerita`)}"/>
  <updated>${esc(updated)}</updated>
  <author><name>Ditjenpas</name></author>
${entries.join('\n')}
</feed>
`
  return new Response(xml, {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  })
}
