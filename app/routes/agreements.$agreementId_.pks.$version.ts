import type { LoaderFunctionArgs } from '@remix-run/node'
import { readPksDocument } from '#app/domain/agreements/pks-documents.server.ts'
import { requireAgreement, notFound } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { privatePdfDownload } from '#app/web/pdf-download.server.ts'

/** One version of an agreement's signed PKS, only for its parties (and admins of its Kanwil). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { a } = await requireAgreement(request, params.agreementId)
  if (!/^[1-9]\d{0,5}$/.test(params.version ?? '')) notFound()
  return privatePdfDownload(
    () => readPksDocument(getDb(), a.id, Number(params.version)),
    (doc) => `PKS-${a.number}-v${doc.version}.pdf`,
  )
}
