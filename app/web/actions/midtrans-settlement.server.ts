import { data, redirect } from '@remix-run/node'
import { type ReportError, readSettlementReport } from '#app/domain/payments/midtrans-settlement-report.ts'
import { bookMidtransSettlement } from '#app/domain/payments/midtrans-settlements.ts'
import { todayIn } from '#app/lib/time.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'

/** Largest settlement report read (Midtrans' daily report for the portal is a few hundred lines). */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024

export interface SettlementReply {
  intent: 'midtrans'
  fields: { bankReference?: string; report?: string }
  lines: ReportError[]
  values: { bankReference: string }
}

const refuse = (reply: Omit<SettlementReply, 'intent'>) =>
  data({ settlement: { intent: 'midtrans' as const, ...reply } }, { status: 400 })

/**
 * National finance uploads Midtrans' settlement report with the bank credit's reference (ADR 028):
 * a report that cannot be read, or any wrong line, answers 400 with each problem named and books
 * nothing; a booked report (or the same report again) redirects with a flash.
 */
export async function settleMidtrans(form: FormData, actor: { userId: string; ip: string | null }) {
  const raw = form.get('bankReference')
  const bankReference = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : ''
  const file = form.get('report')
  const values = { bankReference }
  const fields: SettlementReply['fields'] = {}
  if (!bankReference) fields.bankReference = 'mtSettle.bankReferenceRequired'
  else if (bankReference.length > 60) fields.bankReference = 'mtSettle.bankReferenceTooLong'
  if (!(file instanceof File) || file.size === 0) fields.report = 'mtSettle.fileRequired'
  else if (file.size > MAX_REPORT_BYTES) fields.report = 'mtSettle.fileTooLarge'
  if (fields.bankReference || fields.report || !(file instanceof File)) return refuse({ fields, lines: [], values })

  const report = readSettlementReport(new Uint8Array(await file.arrayBuffer()), todayIn())
  if (!report.ok) return refuse({ fields: { report: 'mtSettle.fileProblems' }, lines: report.errors, values })
  const outcome = await bookMidtransSettlement(getDb(), {
    lines: report.lines,
    settledOn: report.settledOn,
    bankReference,
    fileName: file.name.slice(0, 200) || null,
    actorUserId: actor.userId,
    ip: actor.ip,
  })
  if (!outcome.ok) {
    if (outcome.field === 'bankReference')
      return refuse({ fields: { bankReference: 'mtSettle.bankReferenceUsed' }, lines: [], values })
    return refuse({ fields: { report: 'mtSettle.fileProblems' }, lines: outcome.errors, values })
  }
  const flash = flashCookie(outcome.state === 'booked' ? 'mtSettle.booked' : 'mtSettle.already', {
    upts: outcome.upts,
    net: outcome.net.toLocaleString('id-ID'),
  })
  return redirect(`/finance/payouts#settlement-${outcome.id}`, { headers: { 'Set-Cookie': flash } })
}
