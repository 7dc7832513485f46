import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors } from '#app/components/ui/field.tsx'
import { confirmEmail, describeEmailLink } from '#app/domain/identity/email-verification.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { enforceRateLimit, readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { getUser } from '#app/web/session.server.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

/**
 * The link from the confirmation email. Opening it changes nothing (mail scanners open links):
 * the page says what the link is worth and, when it is valid, offers one button that confirms.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [link, session] = await Promise.all([describeEmailLink(getDb(), params.token ?? ''), getUser(request)])
  return { ...link, signedIn: !!session }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await enforceRateLimit(request, 'verify-email-link')
  await readForm(request)
  try {
    await confirmEmail(getDb(), { token: params.token ?? '', ip: clientIp(request) })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data({ error: error.code }, { status: error.code === 'verifyEmail.unknown' ? 404 : 410 })
  }
  throw redirect(`/verify-email/${params.token}`, { headers: { 'Set-Cookie': flashCookie('verifyEmail.done') } })
}

export default function VerifyEmailLinkPage() {
  const t = useT()
  const { state, confirmed, signedIn } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const next = signedIn ? (
    <p>
      <Link to="/account" className="button">
        {t('verifyEmail.continue')}
      </Link>
    </p>
  ) : (
    <p>
      <Link to="/login" className="button">
        {t('nav.login')}
      </Link>
    </p>
  )
  return (
    <div className="stack">
      <h1>{t('verifyEmail.title')}</h1>
      <FormErrors errors={result?.error ? [result.error] : null} />
      {state === 'valid' ? (
        <Form method="post" className="form">
          <p>{t('verifyEmail.confirmIntro')}</p>
          <div className="button-row">
            <button type="submit" className="button">
              {t('verifyEmail.confirm')}
            </button>
          </div>
        </Form>
      ) : confirmed ? (
        <>
          <p className="alert alert-ok">{t('verifyEmail.confirmedNow')}</p>
          {next}
        </>
      ) : (
        <>
          <p className="alert alert-error">{t(`verifyEmail.${state}`)}</p>
          <p>{t('verifyEmail.askNew')}</p>
          <p>
            <Link to="/verify-email" className="button button-secondary">
              {t('verifyEmail.askNewLink')}
            </Link>
          </p>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.verifyEmail') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
