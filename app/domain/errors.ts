/**
 * A business rule said no. `code` is an i18n message key; `field` names the form field the
 * message belongs next to, when there is one.
 */
export class DomainError extends Error {
  override name = 'DomainError'
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(code)
  }
}

/**
 * The id names nothing the caller may act on: it does not exist, or it belongs to another scope
 * (another UPT, Kanwil, partner, order). Both look the same from outside, so neither leaks which
 * ids exist elsewhere. Forms answer 404 with the message next to `field` when there is one.
 */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError'
  constructor(
    /** what kind of record was looked for (for logs; never shown, so no message parameter) */
    readonly what = 'record',
    field?: string,
    code = 'error.notFound',
  ) {
    super(code, field)
  }
}

/**
 * A permission rule of the domain said no: the user may not do this to that record. A route
 * answers it with `denied(request, userId, error.permission, error.scope)` from the guards, which
 * writes the audit line and answers 403.
 */
export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError'
  constructor(
    readonly permission: string,
    readonly scope: { uptId?: string; kanwilId?: string; kanwilIds?: string[]; partnerId?: string } = {},
  ) {
    super('error.forbidden')
  }
}
