import type { LoaderFunctionArgs } from '@remix-run/node'
import { impactHeadline } from '#app/domain/outcomes/realisation.ts'
import { parseLang } from '#app/i18n/translate.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { impactOgImage } from '#app/web/og-image.server.ts'

/**
 * The Open Graph image of /impact (issue 15, item 3): the headline figures as a 1200×630 PNG,
 * drawn on the server, public and cacheable for an hour (ETag for revalidation). `?lang=en`
 * gives the English one.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = parseLang(new URL(request.url).searchParams.get('lang')) ?? 'id'
  const headline = await impactHeadline(getDb())
  return impactOgImage(request, headline, lang, getEnv().appUrl)
}
