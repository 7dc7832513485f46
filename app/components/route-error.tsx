import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import type { Translate } from '#app/i18n/translate.ts'
import { useT } from '#app/web/i18n.tsx'
import { useRequestId } from '#app/web/request-id.tsx'

/**
 * What an error page says, translated: 404, 403 and 429 have their own words, another 4xx its
 * refusal's own message when that is one of our keys (e.g. readForm's 400/415), and anything else
 * is a generic 500. Nothing of a thrown Error (message, stack) is ever shown: production Remix
 * replaces it anyway, and the log has it under the request id the page shows.
 */
export function describeError(error: unknown, t: Translate): { status: number; title: string; body: string } {
  const status = isRouteErrorResponse(error) ? error.status : 500
  const reason =
    isRouteErrorResponse(error) && typeof error.data?.message === 'string' ? (error.data.message as string) : null
  const [title, body] =
    status === 404
      ? [t('error.notFound'), t('error.notFoundBody')]
      : status === 403
        ? [t('error.forbidden'), t('error.forbiddenBody')]
        : status === 429
          ? [t('error.badRequest'), t('error.tooMany', { seconds: retryAfterSeconds(error) })]
          : status >= 400 && status < 500
            ? [t('error.badRequest'), reason && t(reason) !== reason ? t(reason) : t('error.badRequest')]
            : [t('error.server'), t('error.serverBody')]
  return { status, title, body }
}

/** The wait a 429 names (enforceRateLimit puts it in the thrown data), or a minute. */
function retryAfterSeconds(error: unknown): number {
  const seconds = isRouteErrorResponse(error)
    ? (error.data as { params?: { seconds?: unknown } } | null)?.params?.seconds
    : undefined
  return typeof seconds === 'number' && seconds > 0 ? seconds : 60
}

/** The message block of an error page; a 5xx names the request id to quote (app/web/request-id.tsx). */
export function ErrorMessage({ error, t }: { error: unknown; t: Translate }) {
  const { status, title, body } = describeError(error, t)
  const requestId = useRequestId()
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      {status >= 500 && requestId ? (
        <p>
          {t('error.reference')} <code data-request-id={requestId}>{requestId}</code>
        </p>
      ) : null}
      <p>
        <Link to="/">{t('error.backHome')}</Link>
      </p>
    </section>
  )
}

/**
 * The ErrorBoundary of a route with forms: the page keeps its header, menu and footer (the root
 * still renders) and says what went wrong in place of the route's content. A route adopts it with
 * `export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'`.
 */
export function RouteErrorBoundary() {
  const error = useRouteError()
  const t = useT()
  return <ErrorMessage error={error} t={t} />
}
