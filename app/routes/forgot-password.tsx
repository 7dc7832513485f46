import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { Field, FormErrors, Honeypot } from '#app/components/ui/field.tsx'
import { emailPasswordReset } from '#app/domain/identity/emails.server.ts'
import { parseAccountForm } from '#app/web/account-forms.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { assertNoHoneypot, checkRateLimit, readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request)
  assertNoHoneypot(formData)
  const submission = parseAccountForm('forgotPassword', formData)
  const limited = await checkRateLimit(request, 'reset')
  if (limited) return data({ result: submission.reply({ formErrors: [limited.formError] }), sent: false }, limited.init)
  if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
  await emailPasswordReset(getDb(), { email: submission.value.email, appUrl: getEnv().appUrl })
  // The same answer whether or not the account exists.
  return { result: submission.reply({ resetForm: true }), sent: true }
}

export default function ForgotPasswordPage() {
  const t = useT()
  const actionData = useActionData<typeof action>()
  const form = usePlainForm(actionData?.result)
  const formRef = useRef<HTMLFormElement>(null)
  // Once sent, the form starts empty again, as the reply asks (resetForm).
  useEffect(() => {
    if (actionData?.sent) formRef.current?.reset()
  }, [actionData])
  return (
    <div className="form-narrow stack">
      <h1>{t('forgot.title')}</h1>
      {actionData?.sent ? (
        <div className="alert alert-ok" role="status">
          <p>{t('forgot.sent')}</p>
        </div>
      ) : null}
      <p>{t('forgot.intro')}</p>
      <Form method="post" className="form" ref={formRef} {...form.formProps}>
        <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
        <Field
          label={t('login.email')}
          errors={form.errors('email')}
          inputProps={{
            id: 'email',
            name: 'email',
            type: 'email',
            required: true,
            maxLength: 254,
            defaultValue: form.value('email'),
            autoComplete: 'email',
          }}
        />
        <Honeypot />
        <button type="submit" className="button">
          {t('forgot.submit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.forgotPassword') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
