import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors } from '#app/components/ui/field.tsx'
import { resendEmailVerification } from '#app/domain/identity/email-verification.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { enforceRateLimit, readForm } from '#app/web/forms.server.ts'
import { requireUser } from '#app/web/guards.server.ts'
import { getLang } from '#app/web/i18n.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { withParams } from '#app/i18n/translate.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

/** The signed-in user's address and whether it is confirmed; the button sends a new link. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  return { email: user.email, confirmed: !!user.email_verified_at }
}

export async function action({ request }: ActionFunctionArgs) {
  await enforceRateLimit(request, 'verify-email', 5, 600)
  const { user } = await requireUser(request)
  await readForm(request)
  try {
    await resendEmailVerification(getDb(), { userId: user.id, appUrl: getEnv().appUrl, lang: getLang(request) })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const status = error.code === 'verifyEmail.tooSoon' ? 429 : 400
    return data({ error: withParams(error.code, error.params) }, { status })
  }
  throw redirect('/verify-email', { headers: { 'Set-Cookie': flashCookie('verifyEmail.sent', { email: user.email }) } })
}

export default function VerifyEmailPage() {
  const t = useT()
  const { email, confirmed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="stack">
      <h1>{t('verifyEmail.title')}</h1>
      {confirmed ? (
        <>
          <p className="alert alert-ok">{t('verifyEmail.confirmedAlready', { email })}</p>
          <p>
            <Link to="/account">{t('verifyEmail.continue')}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('verifyEmail.checkInbox', { email })}</p>
          <Form method="post" className="form">
            <FormErrors errors={result?.error ? [result.error] : null} />
            <div className="button-row">
              <button type="submit" className="button">
                {t('verifyEmail.resend')}
              </button>
            </div>
          </Form>
          <p className="muted">{t('verifyEmail.wrongAddress')}</p>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.verifyEmail') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
