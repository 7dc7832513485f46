import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { acceptInvitation, findOpenInvitation } from '#app/domain/identity/invitations.ts'
import { parseAccountForm } from '#app/web/account-forms.server.ts'
import { NEW_PASSWORD_INPUT, NEW_PASSWORD_MESSAGES } from '#app/domain/identity/password-input.ts'
import { getDb } from '#app/web/db.server.ts'
import { enforceRateLimit, readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'
import { clientIp } from '#app/web/request.server.ts'
import { startSession } from '#app/web/session.server.ts'

// A 429 from enforceRateLimit carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb()
  const found = await findOpenInvitation(db, params.token ?? '')
  if (!found) return { valid: false as const }
  const { invitation, existingUser } = found
  const scope = invitation.partner_id
    ? (await db.selectFrom('partners').select('name').where('id', '=', invitation.partner_id).executeTakeFirst())?.name
    : invitation.upt_id
    ? (await db.selectFrom('upts').select('name').where('id', '=', invitation.upt_id).executeTakeFirst())?.name
    : invitation.kanwil_id
      ? (await db.selectFrom('kanwils').select('name').where('id', '=', invitation.kanwil_id).executeTakeFirst())?.name
      : null
  return { valid: true as const, email: invitation.email, role: invitation.role, scope: scope ?? null, existing: !!existingUser }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await enforceRateLimit(request, 'invite')
  const db = getDb()
  const found = await findOpenInvitation(db, params.token ?? '')
  const submission = parseAccountForm(found?.existingUser ? 'inviteExistingUser' : 'inviteNewUser', await readForm(request))
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  let userId: string
  try {
    ;({ userId } = await acceptInvitation(db, { token: params.token ?? '', ...submission.value, ip: clientIp(request) }))
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  // Staff and finance accounts set up TOTP before anything else (requireUser enforces it).
  const cookie = await startSession(request, userId)
  throw redirect('/account', { headers: { 'Set-Cookie': cookie } })
}

export default function AcceptInvitationPage() {
  const t = useT()
  const info = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const existing = info.valid && info.existing
  const form = usePlainForm(lastResult, existing ? { password: { valueMissing: 'password.required' } } : NEW_PASSWORD_MESSAGES)
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
      <p>{t('invite.acceptIntro', { role: t(`role.${info.role}`), scope: info.scope ? `· ${info.scope}` : `· ${t('role.national')}` })}</p>
      <p className="muted">{info.email}</p>
      {info.existing ? <p>{t('invite.acceptExisting')}</p> : null}
      <Form method="post" className="form" {...form.formProps}>
        <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
        {info.existing ? null : (
          <Field
            label={t('signup.name')}
            errors={form.errors('name')}
            inputProps={{ id: 'name', name: 'name', type: 'text', required: true, minLength: 2, maxLength: 120, defaultValue: form.value('name'), autoComplete: 'name' }}
          />
        )}
        <Field
          label={t('login.password')}
          hint={info.existing ? undefined : t('password.hint')}
          errors={form.errors('password')}
          inputProps={
            info.existing
              ? { id: 'password', name: 'password', type: 'password', required: true, maxLength: 1024, autoComplete: 'current-password' }
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

export const meta: MetaFunction = () => [{ title: 'Undangan · Mitra Lipas' }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
