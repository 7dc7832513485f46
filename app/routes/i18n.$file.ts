import type { LoaderFunctionArgs } from '@remix-run/node'
import { messagesAsset } from '#app/i18n/assets.server.ts'
import { parseLang } from '#app/i18n/translate.ts'

// Resource route: one language's messages (`/i18n/<lang>.<hash>.json`), immutable when the hash
// is this release's; an older hash gets the current messages without long caching.
export function loader({ params }: LoaderFunctionArgs) {
  const m = /^([a-z]{2})\.([0-9a-f]{16})\.json$/.exec(params.file ?? '')
  const lang = parseLang(m?.[1])
  if (!m || !lang)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const asset = messagesAsset(lang)
  return new Response(asset.body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': m[2] === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  })
}
