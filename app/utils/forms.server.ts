import type { Submission } from '@conform-to/react'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { data } from '@remix-run/node'
import { getDb } from './db.server.ts'
import { hitRateLimit } from '#app/domain/identity/rate-limit.ts'
import { clientIp } from './request.server.ts'
import { withParams } from '#app/i18n/translate.ts'

/** Public forms carry a hidden "website" field that people leave empty and bots fill in. */
export function assertNoHoneypot(formData: FormData) {
  const v = formData.get('website')
  if (typeof v === 'string' && v.length > 0) {
    throw data({ message: 'error.badRequest' }, { status: 400 })
  }
}

/** 10 attempts a minute per IP and bucket (login, signup, reset), shared by all app instances. */
export async function enforceRateLimit(request: Request, bucket: string, limit = 10, windowSeconds = 60) {
  const result = await hitRateLimit(getDb(), `${bucket}:${clientIp(request)}`, limit, windowSeconds)
  if (!result.allowed) {
    throw data(
      { message: 'error.tooMany', params: { seconds: result.retryAfterSeconds } },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    )
  }
}


/**
 * Turns a domain rule's refusal into a form reply with the message (and its parameters) next to its
 * field: 404 when an id in the form named nothing in the user's scope (NotFoundError), 400 otherwise.
 */
export function replyWithDomainError<T>(submission: Submission<T>, error: unknown, options: { hideFields?: string[] } = {}) {
  if (!(error instanceof DomainError)) throw error
  // The message travels with its numbers and names ("only 6 left"), which t() fills in on the page.
  const message = withParams(error.code, error.params)
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields: options.hideFields })
    : submission.reply({ formErrors: [message], hideFields: options.hideFields })
  return data(reply, { status: error instanceof NotFoundError || error.code === 'error.notFound' ? 404 : 400 })
}
