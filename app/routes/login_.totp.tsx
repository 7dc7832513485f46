import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { audit } from '#app/domain/audit/log.ts'
import { hasWorkHome } from '#app/domain/work/queries.ts'
import { parseAccountForm } from '#app/web/account-forms.server.ts'
import { consumeTotp } from '#app/domain/identity/second-factor.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { checkRateLimit, readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'
import { clientIp, safeRedirect } from '#app/web/request.server.ts'
import { getSession, startSession } from '#app/web/session.server.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

async function requirePending(request: Request) {
  const session = await getSession(request)
  if (!session?.mfaPending) throw redirect('/login')
  return session
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePending(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  // Counted first: a guess without a pending sign-in counts too.
  const limited = await checkRateLimit(request, 'totp')
  const submission = parseAccountForm('totp', await readForm(request))
  if (limited) return data(submission.reply({ formErrors: [limited.formError] }), limited.init)
  const session = await requirePending(request)
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const db = getDb()
  const check = await consumeTotp(db, {
    userId: session.user.id,
    code: submission.value.code,
    key: getEnv().encryptionKey,
  })
  const ip = clientIp(request)
  if (!check.ok) {
    await audit(db, {
      actorUserId: session.user.id,
      action: 'login.totpFailed',
      targetType: 'user',
      targetId: session.user.id,
      ip,
      details: { reason: check.reason },
    })
    return data(
      submission.reply({ fieldErrors: { code: [check.reason === 'reused' ? 'totp.reused' : 'totp.invalid'] } }),
      { status: 400 },
    )
  }
  // The pending session is replaced by a fresh one: a new id once the second factor is proven.
  const cookie = await startSession(request, session.user.id)
  await audit(db, {
    actorUserId: session.user.id,
    action: 'login.success',
    targetType: 'user',
    targetId: session.user.id,
    ip,
    details: { totp: true },
  })
  throw redirect(safeRedirect(submission.value.redirectTo, hasWorkHome(session.principal) ? '/work' : '/account'), {
    headers: { 'Set-Cookie': cookie },
  })
}

export default function TotpLoginPage() {
  const t = useT()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const form = usePlainForm(lastResult)
  return (
    <div className="form-narrow stack">
      <h1>{t('login.totpTitle')}</h1>
      <p>{t('login.totpIntro')}</p>
      <Form method="post" className="form" {...form.formProps}>
        <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        {/* No pattern: a pasted code may carry spaces around it, which the server trims. */}
        <Field
          label={t('login.totpCode')}
          errors={form.errors('code')}
          inputProps={{
            id: 'code',
            name: 'code',
            type: 'text',
            required: true,
            inputMode: 'numeric',
            autoComplete: 'one-time-code',
          }}
        />
        <button type="submit" className="button">
          {t('login.totpSubmit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.verify') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
