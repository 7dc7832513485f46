import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { DomainError } from '#app/domain/errors.ts'
import { enabledProviders, saveEnabledProviders } from '#app/domain/payments/providers.ts'
import { configuredProviders } from '#app/integrations/payments/index.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { requireUser } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'

// Plain checkboxes: a ticked one sends "on", an unticked one nothing.
const ProvidersSchema = z.object({
  stripe: z.literal('on').optional(),
  midtrans: z.literal('on').optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'finance.national' })
  const configured = configuredProviders()
  return {
    enabled: await enabledProviders(getDb()),
    configured: { stripe: configured.includes('stripe'), midtrans: configured.includes('midtrans') },
  }
}

/** National finance chooses the hosted-page providers checkout offers; at least one stays on (audited). */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request, { permission: 'finance.national' })
  const form = await readForm(request)
  const parsed = ProvidersSchema.safeParse({
    stripe: form.get('stripe') ?? undefined,
    midtrans: form.get('midtrans') ?? undefined,
  })
  if (!parsed.success) return data({ error: 'error.badRequest' }, { status: 400 })
  try {
    await saveEnabledProviders(
      getDb(),
      { stripe: parsed.data.stripe === 'on', midtrans: parsed.data.midtrans === 'on' },
      { userId: session.user.id, ip: clientIp(request) },
    )
  } catch (error) {
    if (error instanceof DomainError) return data({ error: error.code }, { status: 400 })
    throw error
  }
  throw redirect('/finance/providers', { headers: { 'Set-Cookie': flashCookie('providers.saved') } })
}

export default function FinanceProvidersPage() {
  const t = useT()
  const { enabled, configured } = useLoaderData<typeof loader>()
  const error = useActionData<typeof action>()?.error
  const rows = [
    { name: 'midtrans', label: t('providers.midtrans') },
    { name: 'stripe', label: t('providers.stripe') },
  ] as const
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/finance">{t('finance.title')}</Link>
      </p>
      <h1>{t('providers.title')}</h1>
      <p>{t('providers.intro')}</p>
      <Form method="post" className="form card">
        <fieldset aria-describedby={error ? 'providers-error' : undefined} aria-invalid={error ? true : undefined}>
          <legend>{t('providers.legend')}</legend>
          {rows.map((r) => (
            <div key={r.name} className="field-check">
              <input
                type="checkbox"
                name={r.name}
                id={`provider-${r.name}`}
                value="on"
                defaultChecked={enabled[r.name]}
                aria-describedby={`provider-${r.name}-hint`}
              />
              <label htmlFor={`provider-${r.name}`}>
                {r.label}
                <br />
                <span className="muted small" id={`provider-${r.name}-hint`}>
                  {t(configured[r.name] ? 'providers.configured' : 'providers.notConfigured')}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        {error ? (
          <p className="field-error" id="providers-error" role="alert">
            {t(error)}
          </p>
        ) : null}
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.financeProviders') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
