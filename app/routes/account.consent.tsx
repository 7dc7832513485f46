import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CheckField } from '#app/components/ui/field.tsx'
import { LEGAL_PAGES, LEGAL_VERSION } from '#app/domain/content/legal.ts'
import { acceptTerms } from '#app/domain/identity/email-verification.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { requireUser } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp, safeRedirect } from '#app/web/request.server.ts'

/**
 * The interstitial a signed-in partner or buyer meets when the terms or privacy policy changed
 * since they accepted them (ADR 033): the guard sends them here with where they were going.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  return { accepted: user.terms_version === LEGAL_VERSION, previous: user.terms_version }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const form = await readForm(request)
  const to = safeRedirect(form.get('redirectTo'), '/account')
  if (form.get('acceptTerms') !== 'on') {
    return data({ error: { acceptTerms: ['consent.required'] } }, { status: 400 })
  }
  await acceptTerms(getDb(), { userId: user.id, version: LEGAL_VERSION, ip: clientIp(request) })
  throw redirect(to, { headers: { 'Set-Cookie': flashCookie('consent.saved') } })
}

export default function ConsentPage() {
  const t = useT()
  const { accepted, previous } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  return (
    <div className="stack">
      <h1>{t('consent.title')}</h1>
      {accepted ? null : <p>{t(previous ? 'consent.changed' : 'consent.first')}</p>}
      <ul>
        <li>
          <a href={LEGAL_PAGES.terms} target="_blank" rel="noopener noreferrer">
            {t('consent.terms')}
          </a>
        </li>
        <li>
          <a href={LEGAL_PAGES.privacy} target="_blank" rel="noopener noreferrer">
            {t('consent.privacy')}
          </a>
        </li>
      </ul>
      {accepted ? <p className="alert alert-ok">{t('consent.acceptedAlready')}</p> : null}
      <Form method="post" className="form">
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/account'} />
        <CheckField
          label={t('consent.acceptShort')}
          errors={result?.error.acceptTerms}
          inputProps={{ id: 'acceptTerms', name: 'acceptTerms', value: 'on', required: true }}
        />
        <div className="button-row">
          <button type="submit" className="button">
            {t('consent.submit')}
          </button>
        </div>
      </Form>
      <p className="muted">{t('consent.declineHint')}</p>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.consent') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
