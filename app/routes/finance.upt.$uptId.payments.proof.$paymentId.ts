import type { LoaderFunctionArgs } from '@remix-run/node'
import { proofFileOf } from '#app/domain/payments/bank.ts'
import { readProof } from '#app/domain/payments/proofs.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptFinance, notFound } from '#app/web/guards.server.ts'

/** A buyer's proof of transfer, only for finance of the UPT it was sent to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const proofFile = await proofFileOf(getDb(), upt.id, params.paymentId ?? '')
  if (!proofFile) notFound()
  const bytes = await readProof(proofFile)
  if (!bytes) notFound()
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/webp', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' } })
}
