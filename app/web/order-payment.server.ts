import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import type { DB } from '#db/client.ts'
import { DomainError } from '#app/domain/errors.ts'
import { attachProof, paymentsForOrder, startBankTransfer } from '#app/domain/payments/bank.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import { enabledProviders } from '#app/domain/payments/providers.ts'
import { storeProof } from '#app/domain/payments/proofs.server.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import { getProvider } from '#app/integrations/payments/index.server.ts'
import type { ProviderName } from '#app/integrations/payments/types.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { flashCookie } from './flash.server.ts'
import { readForm } from './forms.server.ts'

interface OrderRef {
  id: string
  kind: string
  status: string
  reserved_until: string
}

/**
 * What the order page shows about paying: the choices and each payment attempt. An offtake order
 * is paid as its agreement says, by bank transfer on the invoice: no card.
 */
export async function paymentPanelData(db: DB, order: OrderRef) {
  const [payments, enabled] = await Promise.all([paymentsForOrder(db, order.id), enabledProviders(db)])
  const offered = (name: ProviderName) => enabled[name] && getProvider(name) !== null && order.kind !== 'offtake'
  return {
    cardAvailable: offered('stripe'),
    /** QRIS, virtual accounts and e-wallets on Midtrans Snap */
    midtransAvailable: offered('midtrans'),
    offtake: order.kind === 'offtake',
    payable: order.status === 'pending_payment' && order.reserved_until > new Date().toISOString(),
    payments: payments.map((p) => ({ ...p, proof_uploaded: p.proof_uploaded_at !== null })),
  }
}

const IntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('card') }),
  z.object({ intent: z.literal('midtrans') }),
  z.object({ intent: z.literal('transfer') }),
  z.object({ intent: z.literal('proof'), paymentId: z.string().min(1).max(64) }),
])

/**
 * The buyer's payment actions on the order page (guest link or account): start card payment
 * or QRIS / virtual account / e-wallet (redirect to Stripe's or Midtrans' hosted page), choose bank transfer, upload proof of transfer.
 */
export async function orderPaymentAction(request: Request, db: DB, order: OrderRef, orderPath: string) {
  const formData = await readForm(request)
  const parsed = IntentSchema.safeParse(
    Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string')),
  )
  if (!parsed.success) return data({ error: 'error.badRequest', paymentId: null }, { status: 400 })
  const v = parsed.data
  try {
    if (v.intent === 'card' || v.intent === 'midtrans') {
      if (order.kind === 'offtake') return data({ error: 'pay.offtakeTransferOnly', paymentId: null }, { status: 400 })
      const name: ProviderName = v.intent === 'card' ? 'stripe' : 'midtrans'
      const provider = getProvider(name)
      if (!provider) return data({ error: 'refund.providerUnavailable', paymentId: null }, { status: 400 })
      // National finance turned this provider off: only the enabled ones are offered.
      if (!(await enabledProviders(db))[name])
        return data({ error: 'pay.providerDisabled', paymentId: null }, { status: 400 })
      const { url } = await startCardPayment(db, provider, {
        orderId: order.id,
        orderUrl: `${getEnv().appUrl}${orderPath}`,
      })
      return redirect(url)
    }
    if (v.intent === 'transfer') {
      await startBankTransfer(db, { orderId: order.id })
      return redirect(`${orderPath}#pembayaran`, { headers: { 'Set-Cookie': flashCookie('pay.transferStarted') } })
    }
    // Only a transfer of this order waiting for money takes a proof: anything else is not found,
    // before a file is stored for it.
    const target = (await paymentsForOrder(db, order.id)).find(
      (p) => p.id === v.paymentId && p.method === 'bank_transfer' && p.status === 'pending',
    )
    if (!target) return data({ error: 'payment.notPayable', paymentId: v.paymentId }, { status: 404 })
    const file = formData.get('proof')
    if (!(file instanceof File) || file.size === 0)
      return data({ error: 'upload.empty', paymentId: v.paymentId }, { status: 400 })
    const name = await storeProof(new Uint8Array(await file.arrayBuffer()))
    await attachProof(db, { orderId: order.id, paymentId: v.paymentId, fileName: name })
    return redirect(`${orderPath}#pembayaran`, { headers: { 'Set-Cookie': flashCookie('pay.proofSaved') } })
  } catch (error) {
    if (error instanceof DomainError)
      return data(
        { error: error.code, params: error.params ?? null, paymentId: v.intent === 'proof' ? v.paymentId : null },
        { status: error instanceof StorageUnavailableError ? 503 : 400 },
      )
    throw error
  }
}
