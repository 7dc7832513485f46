import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { acceptInvitation, describeInvitation, findOpenInvitation } from '#app/domain/identity/invitations.ts'
import { parseAccountForm } from '#app/web/account-forms.server.ts'
import { NEW_PASSWORD_INPUT, NEW_PASSWORD_MESSAGES } from '#app/domain/identity/password-input.ts'
import { getDb } from '#app/web/db.server.ts'
import { checkRateLimit, readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'
import { clientIp } from '#app/web/request.server.ts'
import { startSession } from '#app/web/session.server.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await describeInvitation(getDb(), params.token ?? '')
  return invitation ? { valid: true as const, ...invitation } : { valid: false as const }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb()
  const found = await findOpenInvitation(db, params.token ?? '')
  const submission = parseAccountForm(
    found?.existingUser ? 'inviteExistingUser' : 'inviteNewUser',
    await readForm(request),
  )
  const limited = await checkRateLimit(request, 'invite')
  if (limited)
    return data(submission.reply({ formErrors: [limited.formError], hideFields: ['password'] }), limited.init)
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  let userId: string
  try {
    ;({ userId } = await acceptInvitation(db, {
      token: params.token ?? '',
      ...submission.value,
      ip: clientIp(request),
    }))
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  // Staff and finance accounts set up TOTP before anything else (requireUser enforces it).
  const cookie = await startSession(request, userId)
  // Every invitation grants a working role: the new colleague lands on what waits (issue 16).
  throw redirect('/work', { headers: { 'Set-Cookie': cookie } })
}

export default function AcceptInvitationPage() {
  const t = useT()
  const info = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const existing = info.valid && info.existing
  const form = usePlainForm(
    lastResult,
    existing ? { password: { valueMissing: 'password.required' } } : NEW_PASSWORD_MESSAGES,
  )
  if (!info.valid) {
    return (
      <div className="form-narrow stack">
        <h1>{t('invite.acceptTitle')}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t('invite.invalidLink')}</p>
        </div>
      </div>
    )
  }
  return (
    <div className="form-narrow stack">
      <h1>{t('invite.acceptTitle')}</h1>
      <p>
        {t('invite.acceptIntro', {
          role: t(`role.${info.role}`),
          scope: info.scope ? `· ${info.scope}` : `· ${t('role.national')}`,
        })}
      </p>
      <p className="muted">{info.email}</p>
      {info.existing ? <p>{t('invite.acceptExisting')}</p> : null}
      <Form method="post" className="form" {...form.formProps}>
        <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
        {info.existing ? null : (
          <Field
            label={t('signup.name')}
            errors={form.errors('name')}
            inputProps={{
              id: 'name',
              name: 'name',
              type: 'text',
              required: true,
              minLength: 2,
              maxLength: 120,
              defaultValue: form.value('name'),
              autoComplete: 'name',
            }}
          />
        )}
        <Field
          label={t('login.password')}
          hint={info.existing ? undefined : t('password.hint')}
          errors={form.errors('password')}
          inputProps={
            info.existing
              ? {
                  id: 'password',
                  name: 'password',
                  type: 'password',
                  required: true,
                  maxLength: 1024,
                  autoComplete: 'current-password',
                }
              : NEW_PASSWORD_INPUT
          }
        />
        <button type="submit" className="button">
          {t('invite.acceptSubmit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.invitation') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
