import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors } from '#app/components/ui/field.tsx'
import { DomainError } from '#app/domain/errors.ts'
import { neverAllowed, SUPPORT_KINDS } from '#app/domain/registry/kinds.ts'
import { loadAllowedKinds, setAllowedKinds } from '#app/domain/registry/settings.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { requireUser } from '#app/web/guards.server.ts'

const LEVELS = ['super_maximum', 'maximum', 'medium', 'minimum'] as const
const TYPES = ['lapas', 'rutan', 'lpka', 'bapas'] as const
const SettingSchema = z.discriminatedUnion('scope', [
  z.object({
    scope: z.literal('security_level'),
    value: z.enum(LEVELS),
    kinds: z.array(z.enum(SUPPORT_KINDS)).default([]),
  }),
  z.object({ scope: z.literal('upt_type'), value: z.enum(TYPES), kinds: z.array(z.enum(SUPPORT_KINDS)).default([]) }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'admin.national' })
  return { settings: await loadAllowedKinds(getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request, { permission: 'admin.national' })
  const submission = parseWithZod(await readForm(request), { schema: SettingSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  try {
    await setAllowedKinds(getDb(), v.scope, v.value, v.kinds, { userId: session.user.id, ip: clientIp(request) })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data({ scope: v.scope, value: v.value, errors: [error.code] }, { status: 400 })
  }
  throw redirect('/admin/settings', { headers: { 'Set-Cookie': flashCookie('form.saved') } })
}

export default function AdminSettingsPage() {
  const t = useT()
  const { settings } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const row = (scope: 'security_level' | 'upt_type', value: string, label: string) => {
    const errors =
      result && 'scope' in result && result.scope === scope && result.value === value ? result.errors : null
    const floor = scope === 'upt_type' && SUPPORT_KINDS.some((k) => neverAllowed(value, k))
    const noteId = `floor-${value}`
    return (
      <li key={`${scope}-${value}`} className="card">
        <Form method="post">
          <input type="hidden" name="scope" value={scope} />
          <input type="hidden" name="value" value={value} />
          <FormErrors errors={errors} />
          <fieldset aria-describedby={floor ? noteId : undefined}>
            <legend>{label}</legend>
            {SUPPORT_KINDS.map((k) => {
              // The floor is not a setting: the box is shown, off and locked, with the reason below.
              const locked = scope === 'upt_type' && neverAllowed(value, k)
              return (
                <label className="choice" key={k}>
                  <input
                    type="checkbox"
                    name="kinds"
                    value={k}
                    disabled={locked}
                    defaultChecked={!locked && (settings[scope][value] ?? []).includes(k)}
                  />
                  <span>
                    {t(`kind.${k}`)}
                    {locked ? <span className="muted"> ({t('supportSettings.neverForLpka')})</span> : null}
                  </span>
                </label>
              )
            })}
          </fieldset>
          {floor ? (
            <p className="muted small" id={noteId}>
              {t('supportSettings.lpkaFloorNote')}
            </p>
          ) : null}
          <button type="submit" className="button button-secondary">
            {t('form.save')}
          </button>
        </Form>
      </li>
    )
  }
  return (
    <div className="stack">
      <p>
        <Link to="/admin">← {t('admin.title')}</Link>
      </p>
      <h1>{t('supportSettings.title')}</h1>
      <p className="lead">{t('settings.intro')}</p>
      <h2>{t('settings.byLevel')}</h2>
      <ul className="cards">{LEVELS.map((l) => row('security_level', l, t(`security.${l}`)))}</ul>
      <h2>{t('settings.byType')}</h2>
      <ul className="cards">{TYPES.map((u) => row('upt_type', u, t(`upt.type.${u}`)))}</ul>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.supportSettings') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
