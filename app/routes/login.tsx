import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { audit } from '#app/domain/audit/log.ts'
import { verifyLogin } from '#app/domain/identity/users.ts'
import { hasWorkHome } from '#app/domain/work/queries.ts'
import { parseAccountForm } from '#app/web/account-forms.server.ts'
import { accountCartCount, cartCountCookie } from '#app/web/cart.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { checkRateLimit, readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'
import { clientIp, safeRedirect } from '#app/web/request.server.ts'
import { getUser, startSession } from '#app/web/session.server.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getUser(request)
  if (session)
    throw redirect(
      safeRedirect(
        new URL(request.url).searchParams.get('redirectTo'),
        hasWorkHome(session.principal) ? '/work' : '/account',
      ),
    )
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const submission = parseAccountForm('login', formData)
  const limited = await checkRateLimit(request, 'login')
  if (limited)
    return data(submission.reply({ formErrors: [limited.formError], hideFields: ['password'] }), limited.init)
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const db = getDb()
  const ip = clientIp(request)
  const result = await verifyLogin(db, { email: submission.value.email, password: submission.value.password, ip })
  if (!result.ok) {
    return data(submission.reply({ formErrors: ['login.failed'], hideFields: ['password'] }), { status: 400 })
  }
  // Staff, finance, admins and partners land on what waits for them; buyers on their account.
  const redirectTo = safeRedirect(submission.value.redirectTo, hasWorkHome(result.principal) ? '/work' : '/account')
  if (result.needsTotp) {
    const cookie = await startSession(request, result.user.id, { mfaPending: true })
    throw redirect(`/login/totp?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: { 'Set-Cookie': cookie } })
  }
  const cookie = await startSession(request, result.user.id)
  await audit(db, {
    actorUserId: result.user.id,
    action: 'login.success',
    targetType: 'user',
    targetId: result.user.id,
    ip,
  })
  const headers = new Headers({ 'Set-Cookie': cookie })
  // The guest cart joins the account's now, and the header counts the two together.
  headers.append('Set-Cookie', cartCountCookie(await accountCartCount(request, result.user.id)))
  throw redirect(result.mustEnrolTotp ? '/account/totp' : redirectTo, { headers })
}

export default function LoginPage() {
  const t = useT()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const form = usePlainForm(lastResult, { password: { valueMissing: 'password.required' } })
  return (
    <div className="form-narrow stack">
      <h1>{t('login.title')}</h1>
      <Form method="post" className="form" {...form.formProps}>
        <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
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
        <Field
          label={t('login.password')}
          errors={form.errors('password')}
          inputProps={{
            id: 'password',
            name: 'password',
            type: 'password',
            required: true,
            maxLength: 1024,
            autoComplete: 'current-password',
          }}
        />
        <div className="button-row">
          <button type="submit" className="button">
            {t('login.submit')}
          </button>
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </div>
      </Form>
      <p>
        {t('login.noAccount')} <Link to="/signup">{t('nav.signup')}</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.login') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
