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

export class NotFoundError extends DomainError {
  override name = 'NotFoundError'
  constructor(what = 'record') {
    super('error.notFound', undefined, { what })
  }
}
