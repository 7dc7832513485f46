import type { LoaderFunctionArgs } from '@remix-run/node'
import { partnerBadge } from '#app/domain/outcomes/partner-impact.ts'
import { parseLang } from '#app/i18n/translate.ts'
import { badgeSvg } from '#app/web/badge.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { notFound } from '#app/web/guards.server.ts'
import { publicAnswer } from '#app/web/opendata.server.ts'

/**
 * The badge a verified partner embeds on its own website (issue 15, item 6): SVG, no script,
 * cacheable by anyone for an hour (ETag for revalidation); 404 for any other slug.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const badge = await partnerBadge(getDb(), params.slug ?? '')
  if (!badge) notFound()
  const lang = parseLang(new URL(request.url).searchParams.get('lang')) ?? 'id'
  return publicAnswer(request, badgeSvg(badge, lang), 'image/svg+xml; charset=utf-8', {
    'Cache-Control': 'public, max-age=3600',
  })
}
