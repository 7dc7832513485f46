import type { LoaderFunctionArgs } from '@remix-run/node'
import { readPksDocument } from '#app/domain/agreements/pks-documents.server.ts'
import { requireAgreement, notFound } from '#app/web/guards.server.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import { storageUnavailableResponse } from '#app/integrations/storage/unavailable.server.ts'
import { getDb } from '#app/web/db.server.ts'

/** One version of an agreement's signed PKS, only for its parties (and admins of its Kanwil). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { a } = await requireAgreement(request, params.agreementId)
  if (!/^[1-9]\d{0,5}$/.test(params.version ?? '')) notFound()
  let doc
  try {
    doc = await readPksDocument(getDb(), a.id, Number(params.version))
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageUnavailableResponse()
    throw error
  }
  if (!doc) notFound()
  return new Response(doc.file.bytes, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(doc.file.size),
      'Content-Disposition': `attachment; filename="PKS-${a.number}-v${doc.version}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
