import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { findValidReset, resetPassword } from '#app/domain/identity/users.ts'
import { parseAccountForm } from '#app/web/account-forms.server.ts'
import { NEW_PASSWORD_INPUT, NEW_PASSWORD_MESSAGES } from '#app/domain/identity/password-input.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { checkRateLimit, readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'
import { notifyPasswordChanged } from '#app/web/password-notice.server.ts'
import { clientIp } from '#app/web/request.server.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const valid = !!(await findValidReset(getDb(), params.token ?? ''))
  return { valid }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseAccountForm('resetPassword', await readForm(request))
  const limited = await checkRateLimit(request, 'reset')
  if (limited)
    return data(submission.reply({ formErrors: [limited.formError], hideFields: ['password'] }), limited.init)
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const db = getDb()
  let userId: string
  try {
    userId = await resetPassword(db, {
      token: params.token ?? '',
      password: submission.value.password,
      ip: clientIp(request),
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  await notifyPasswordChanged(db, userId)
  throw redirect('/login', { headers: { 'Set-Cookie': flashCookie('reset.done') } })
}

export default function ResetPasswordPage() {
  const t = useT()
  const { valid } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const form = usePlainForm(lastResult, NEW_PASSWORD_MESSAGES)
  if (!valid) {
    return (
      <div className="form-narrow stack">
        <h1>{t('reset.title')}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t('reset.invalidLink')}</p>
        </div>
        <Link to="/forgot-password">{t('forgot.title')}</Link>
      </div>
    )
  }
  return (
    <div className="form-narrow stack">
      <h1>{t('reset.title')}</h1>
      <Form method="post" className="form" {...form.formProps}>
        <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
        <Field
          label={t('reset.newPassword')}
          hint={t('password.hint')}
          errors={form.errors('password')}
          inputProps={NEW_PASSWORD_INPUT}
        />
        <button type="submit" className="button">
          {t('reset.submit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.resetPassword') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
