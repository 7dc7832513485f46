import type { LoaderFunctionArgs } from '@remix-run/node'
import { authorize } from '#app/domain/identity/authorize.ts'
import { readLegalDocument } from '#app/domain/partners/legal-documents.server.ts'
import { legalDocumentPartner, reviewKanwilsOf } from '#app/domain/partners/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { notFound, requireUser } from '#app/web/guards.server.ts'
import { privatePdfDownload } from '#app/web/pdf-download.server.ts'

/**
 * One legal document of a partner (ADR 033): for the partner's own members and the admins who
 * review it (national, or a Kanwil the partner serves). Anyone else gets 404, as for an unknown
 * id: whether a document exists is not told to people who may not see it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request)
  const db = getDb()
  const id = params.documentId ?? ''
  const partnerId = /^[0-9a-f-]{36}$/.test(id) ? await legalDocumentPartner(db, id) : null
  if (!partnerId) notFound()
  const member = authorize(session.principal, 'partner.manage', { partnerId })
  const kanwilIds = member ? [] : ((await reviewKanwilsOf(db, partnerId)) ?? [])
  if (!member && !authorize(session.principal, 'partner.verify', { kanwilIds })) notFound()
  return privatePdfDownload(
    () => readLegalDocument(db, partnerId, id),
    (doc) => `${doc.kind}-${id.slice(-12)}.pdf`,
  )
}
