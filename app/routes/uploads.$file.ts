import type { LoaderFunctionArgs } from '@remix-run/node'
import { readUpload } from '#app/domain/catalog/images.server.ts'
import { getDb } from '#app/web/db.server.ts'

/** Serves re-encoded product images by their server-made names only. */
export async function loader({ params }: LoaderFunctionArgs) {
  const body = await readUpload(getDb(), params.file ?? '')
  if (!body) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'image/webp',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  })
}
