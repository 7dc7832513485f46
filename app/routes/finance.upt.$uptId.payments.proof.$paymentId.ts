import type { LoaderFunctionArgs } from '@remix-run/node'
import { proofFileOf } from '#app/domain/payments/bank.ts'
import { readProof } from '#app/domain/payments/proofs.server.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import { storageUnavailableResponse } from '#app/integrations/storage/unavailable.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptFinance, notFound } from '#app/web/guards.server.ts'

/** A buyer's proof of transfer, only for finance of the UPT it was sent to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const proofFile = await proofFileOf(getDb(), upt.id, params.paymentId ?? '')
  if (!proofFile) notFound()
  let file
  try {
    file = await readProof(proofFile)
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageUnavailableResponse()
    throw error
  }
  if (!file) notFound()
  return new Response(file.bytes, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(file.size),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
