import type { Submission } from '@conform-to/react'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { data } from '@remix-run/node'
import { getDb } from './db.server.ts'
import { hitRateLimit } from '#app/domain/identity/rate-limit.ts'
import { clientIp } from './request.server.ts'
import { withParams } from '#app/i18n/translate.ts'

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/**
 * The one way an action reads a posted form; use it instead of `request.formData()`, which
 * throws a TypeError (a 500) on a JSON, text/plain, empty or truncated body. A body that is not
 * a well-formed form is refused by throwing a Response whose JSON says why (an i18n key the
 * error page shows): 415 for another content type, 400 for a body that cannot be parsed or
 * that carries a NUL byte in a field name, a value or a file name. Nothing is read further, so
 * nothing is written. Multipart is parsed by the platform (undici), which reads file names as
 * browsers write them (`;` and `=` as they are, `"` as `%22`).
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.has(type)) throw Response.json({ message: 'error.formContentType' }, { status: 415 })
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw Response.json({ message: 'error.formMalformed' }, { status: 400 })
  }
  for (const [name, value] of form) {
    if (name.includes('\0') || (typeof value === 'string' ? value : value.name).includes('\0')) {
      throw Response.json({ message: 'error.formNul' }, { status: 400 })
    }
  }
  return form
}

/** Public forms carry a hidden "website" field that people leave empty and bots fill in. */
export function assertNoHoneypot(formData: FormData) {
  const v = formData.get('website')
  if (typeof v === 'string' && v.length > 0) {
    throw Response.json({ message: 'error.badRequest' }, { status: 400 })
  }
}

/**
 * Counts one attempt of this address in the bucket (login, signup, reset…), shared by all app
 * instances: null while attempts remain (10 a minute unless told), else the form error "too many
 * attempts, try again in N seconds" and the 429 with Retry-After to answer with. A form's action
 * replies with it above the form, so the person keeps what they typed and can press again.
 */
export async function checkRateLimit(request: Request, bucket: string, limit = 10, windowSeconds = 60) {
  const result = await hitRateLimit(getDb(), `${bucket}:${clientIp(request)}`, limit, windowSeconds)
  if (result.allowed) return null
  const seconds = result.retryAfterSeconds
  return {
    seconds,
    formError: withParams('error.tooMany', { seconds }),
    init: { status: 429, headers: { 'Retry-After': String(seconds) } } satisfies ResponseInit,
  }
}

/** checkRateLimit for an action without a form to answer in: throws the 429 to the error page. */
export async function enforceRateLimit(request: Request, bucket: string, limit = 10, windowSeconds = 60) {
  const limited = await checkRateLimit(request, bucket, limit, windowSeconds)
  if (limited) throw data({ message: 'error.tooMany', params: { seconds: limited.seconds } }, limited.init)
}

/**
 * Turns a domain rule's refusal into a form reply with the message (and its parameters) next to its
 * field: 404 when an id in the form named nothing in the user's scope (NotFoundError), 400 otherwise.
 */
export function replyWithDomainError<T>(
  submission: Submission<T>,
  error: unknown,
  options: { hideFields?: string[] } = {},
) {
  if (!(error instanceof DomainError)) throw error
  // The message travels with its numbers and names ("only 6 left"), which t() fills in on the page.
  const message = withParams(error.code, error.params)
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields: options.hideFields })
    : submission.reply({ formErrors: [message], hideFields: options.hideFields })
  return data(reply, { status: error instanceof NotFoundError || error.code === 'error.notFound' ? 404 : 400 })
}
