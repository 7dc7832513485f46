import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { type Side, cancelAgreement, completeAgreement } from '#app/domain/agreements/lifecycle.ts'
import { MAX_PKS_BYTES, addPksDocument } from '#app/domain/agreements/pks-documents.server.ts'
import type { getAgreement } from '#app/domain/agreements/queries.ts'
import { CancelSchema, CompleteSchema } from '#app/domain/agreements/schemas.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import type { ActiveSession } from '#app/domain/identity/sessions.ts'
import { recordOutcome } from '#app/domain/outcomes/records.ts'
import { recordPublication } from '#app/domain/outcomes/publications.ts'
import { OutcomeSchema, PublicationSchema, outcomeFieldsOnly } from '#app/domain/outcomes/schemas.ts'
import { notifySides } from '#app/web/agreements.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { denied } from '#app/web/guards.server.ts'

/**
 * The intents of the agreement page (/agreements/<id>), one handler each; the route guards,
 * then dispatches. Each answers as the page always did: a redirect with a flash message, or the
 * form's errors with 400 (413 for a PKS over the size cap, 404 for an id outside the scope).
 */

/** What every intent acts on: the agreement, the side the user acts for, and who acts. */
export interface AgreementIntent {
  request: Request
  session: ActiveSession
  a: NonNullable<Awaited<ReturnType<typeof getAgreement>>>
  side: Side
  actor: { userId: string; ip: string }
}

/** The signed PKS (the only multipart form of the page): read with a size cap, nothing stored unless it passes. */
export function isPksUpload(request: Request): boolean {
  return (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
}

export async function uploadPks({ request, a, actor }: AgreementIntent) {
  const refuse = (code: string, status = 400) => data({ pksError: code }, { status })
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_PKS_BYTES + 64 * 1024)
    return refuse('pks.uploadTooLarge', 413)
  // Bounded by the Content-Length check above; parsed as browsers write file names.
  const form = await readForm(request)
  const file = form.get('document')
  if (form.get('intent') !== 'pks' || !(file instanceof File) || file.size === 0) return refuse('pks.uploadEmpty')
  let version: number
  try {
    ;({ version } = await addPksDocument(
      getDb(),
      { agreementId: a.id, bytes: new Uint8Array(await file.arrayBuffer()), originalName: file.name },
      actor,
    ))
  } catch (error) {
    if (error instanceof DomainError)
      return refuse(
        error.code,
        error.code === 'pks.uploadTooLarge' ? 413 : error instanceof StorageUnavailableError ? 503 : 400,
      )
    throw error
  }
  throw redirect(`/agreements/${a.id}#pks`, { headers: { 'Set-Cookie': flashCookie('pks.saved', { n: version }) } })
}

/** Outcomes are the UPT's records: the partner's side is refused (audited). */
export async function recordAgreementOutcome(
  { request, session, a, side, actor }: AgreementIntent,
  formData: FormData,
) {
  if (side !== 'upt') return denied(request, session.user.id, 'upt.manage', { uptId: a.upt_id, kanwilId: a.kanwil_id })
  const submission = parseWithZod(outcomeFieldsOnly(formData), { schema: OutcomeSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await recordOutcome(getDb(), a.upt_id, { agreementId: a.id }, submission.value, actor)
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/agreements/${a.id}`, { headers: { 'Set-Cookie': flashCookie('outcome.saved') } })
}

/**
 * A publication record (issue 15, item 2): either side of a publication agreement records where
 * the work appeared. The agreement is looked up again in the side's own scope.
 */
export async function recordAgreementPublication({ a, side, actor }: AgreementIntent, formData: FormData) {
  const submission = parseWithZod(formData, { schema: PublicationSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const { intent: _intent, ...v } = submission.value
  try {
    await recordPublication(getDb(), a.id, side === 'upt' ? { uptId: a.upt_id } : { partnerId: a.partner_id }, v, actor)
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/agreements/${a.id}#outcomes`, { headers: { 'Set-Cookie': flashCookie('publication.saved') } })
}

const EndSchema = z.discriminatedUnion('intent', [CompleteSchema, CancelSchema])

/** Either side completes the agreement or cancels it with a reason; both sides are emailed. */
export async function endAgreement({ a, actor }: AgreementIntent, formData: FormData) {
  const submission = parseWithZod(formData, { schema: EndSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const db = getDb()
  try {
    if (v.intent === 'complete') await completeAgreement(db, a.id, actor)
    else await cancelAgreement(db, a.id, v.reason, actor)
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  const status = v.intent === 'complete' ? 'completed' : 'cancelled'
  await notifySides(db, { partnerId: a.partner_id, uptId: a.upt_id }, ['partner', 'upt'], {
    subject: 'agreement.emailSubject',
    body: 'agreement.emailBody',
    params: { number: a.number, title: a.offer_title },
    statusKey: `agreement.status.${status}`,
    path: `/agreements/${a.id}`,
  })
  throw redirect(`/agreements/${a.id}`, {
    headers: { 'Set-Cookie': flashCookie(v.intent === 'complete' ? 'agreement.completed' : 'agreement.cancelled') },
  })
}
