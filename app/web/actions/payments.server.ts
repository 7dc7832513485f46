import { parseWithZod } from '@conform-to/zod/v4'
import { redirect } from '@remix-run/node'
import type { z } from 'zod'
import { authorize } from '#app/domain/identity/authorize.ts'
import type { ActiveSession } from '#app/domain/identity/sessions.ts'
import { confirmBankTransfer, rejectBankTransfer, setBankAccount } from '#app/domain/payments/bank.ts'
import { notifyPaid, notifyTransferRejected } from '#app/domain/payments/notify.server.ts'
import {
  type BankAccountSchema,
  type ConfirmTransferSchema,
  type PaymentSettingsSchema,
  PaymentsActionSchema,
  type RejectTransferSchema,
} from '#app/domain/payments/schemas.ts'
import { savePaymentSettings } from '#app/domain/payments/settings.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { replyWithDomainError } from '#app/web/forms.server.ts'
import { denied } from '#app/web/guards.server.ts'
import { getLang } from '#app/web/i18n.server.ts'
import { clientIp } from '#app/web/request.server.ts'

/**
 * The intents of a UPT's payments page (/finance/upt/<id>/payments), one handler each; the route
 * guards, parses and dispatches. Each answers with a redirect and a flash message, or the form's
 * errors (400; 404 for a payment of another UPT).
 */

export function parsePaymentsForm(formData: FormData) {
  return parseWithZod(formData, { schema: PaymentsActionSchema })
}

/** What every intent acts on: the UPT of the URL, the finance user, and the parsed form. */
export interface PaymentsIntent {
  request: Request
  session: ActiveSession
  uptId: string
  submission: ReturnType<typeof parsePaymentsForm>
}

async function answering(
  intent: PaymentsIntent,
  work: (actor: { uptId: string; userId: string; ip: string }) => Promise<string>,
) {
  try {
    const flash = await work({ uptId: intent.uptId, userId: intent.session.user.id, ip: clientIp(intent.request) })
    return redirect(`/finance/upt/${intent.uptId}/payments`, { headers: { 'Set-Cookie': flashCookie(flash) } })
  } catch (error) {
    return replyWithDomainError(intent.submission, error)
  }
}

/** The UPT's account for bank transfers. */
export function saveBankAccount(intent: PaymentsIntent, v: z.infer<typeof BankAccountSchema>) {
  return answering(intent, async (actor) => {
    await setBankAccount(getDb(), {
      ...actor,
      bankName: v.bankName,
      accountNumber: v.accountNumber,
      accountHolder: v.accountHolder,
    })
    return 'finance.bankSaved'
  })
}

/** The four-eyes threshold and the transfer deadline: national finance only (403, audited). */
export function savePaymentSettingsIntent(intent: PaymentsIntent, v: z.infer<typeof PaymentSettingsSchema>) {
  const { request, session } = intent
  return answering(intent, async () => {
    if (!authorize(session.principal, 'finance.national')) return denied(request, session.user.id, 'finance.national')
    await savePaymentSettings(
      getDb(),
      { fourEyesThreshold: v.fourEyesThreshold, transferDeadlineHours: v.transferDeadlineHours },
      session.user.id,
    )
    return 'finance.settingsSaved'
  })
}

/** Rejects a transfer with a reason; the buyer is told. */
export function rejectTransfer(intent: PaymentsIntent, v: z.infer<typeof RejectTransferSchema>) {
  return answering(intent, async (actor) => {
    const db = getDb()
    await rejectBankTransfer(db, { ...actor, paymentId: v.paymentId, reason: v.reason })
    await notifyTransferRejected(db, { paymentId: v.paymentId, lang: getLang(intent.request) })
    return 'finance.rejectedFlash'
  })
}

/** Confirms a transfer (a second person above the threshold); the buyer is told once it is paid. */
export function confirmTransfer(intent: PaymentsIntent, v: z.infer<typeof ConfirmTransferSchema>) {
  return answering(intent, async (actor) => {
    const db = getDb()
    const r = await confirmBankTransfer(db, { ...actor, paymentId: v.paymentId })
    if (r.status === 'paid')
      await notifyPaid(db, { subOrderIds: [r.subOrderId], lang: getLang(intent.request), appUrl: getEnv().appUrl })
    return r.status === 'paid' ? 'finance.confirmed' : 'finance.awaitingSecond'
  })
}
