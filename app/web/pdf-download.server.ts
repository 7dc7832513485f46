import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import type { StoredFile } from '#app/integrations/storage/types.ts'
import { storageUnavailableResponse } from '#app/integrations/storage/unavailable.server.ts'
import { notFound } from '#app/web/guards.server.ts'

/**
 * A private PDF from the upload storage (a signed PKS, a partner's legal document) as a download,
 * once the route has checked who may have it: 404 when there is none, 503 with Retry-After when
 * the storage is down, never cached.
 */
export async function privatePdfDownload<T extends { file: StoredFile }>(
  read: () => Promise<T | null | undefined>,
  fileName: (doc: T) => string,
): Promise<Response> {
  let doc: T | null | undefined
  try {
    doc = await read()
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageUnavailableResponse()
    throw error
  }
  if (!doc) notFound()
  return new Response(doc.file.bytes, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(doc.file.size),
      'Content-Disposition': `attachment; filename="${fileName(doc)}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
