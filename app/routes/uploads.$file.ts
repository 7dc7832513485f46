import type { LoaderFunctionArgs } from '@remix-run/node'
import { readUpload } from '#app/domain/catalog/images.server.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import { storageUnavailableResponse } from '#app/integrations/storage/unavailable.server.ts'
import { getDb } from '#app/web/db.server.ts'

/** Serves re-encoded product images by their server-made names only (from the upload storage). */
export async function loader({ params }: LoaderFunctionArgs) {
  let file
  try {
    file = await readUpload(getDb(), params.file ?? '')
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageUnavailableResponse()
    throw error
  }
  if (!file) return new Response('Not found', { status: 404 })
  return new Response(file.bytes, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(file.size),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  })
}
