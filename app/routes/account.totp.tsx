import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { requiresTotp } from '#app/domain/identity/authorize.ts'
import { enableTotp, removeTotp, replaceTotp } from '#app/domain/identity/second-factor.server.ts'
import { newTotpSecret, totpUri } from '#app/domain/identity/totp.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { checkRateLimit, readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { getSessionToken } from '#app/web/session.server.ts'
import { requireUser } from '#app/web/guards.server.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

const secret = z.string().regex(/^[A-Z2-7]{16,64}$/)
const code = z
  .string({ error: 'field.required' })
  .trim()
  .regex(/^\d{6}$/, { error: 'totp.invalid' })
const currentPassword = z.string({ error: 'password.required' }).max(1024, { error: 'field.tooLong' })

// Enrolment needs only a code of the new secret; once a factor exists, changing or removing it
// needs the password and a code of the current one too (re-authentication).
const EnableSchema = z.object({ intent: z.literal('enable'), secret, code })
const ReplaceSchema = z.object({ intent: z.literal('replace'), currentPassword, currentCode: code, secret, code })
const RemoveSchema = z.object({ intent: z.literal('remove'), currentPassword, currentCode: code })
const FactorSchema = z.discriminatedUnion('intent', [EnableSchema, ReplaceSchema, RemoveSchema])

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, principal } = await requireUser(request)
  // The secret travels in the form; it only takes effect once a code made from it is verified.
  const secret = newTotpSecret()
  return {
    enabled: !!user.totp_enabled_at,
    canRemove: !requiresTotp(principal),
    secret,
    uri: totpUri(secret, user.email),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  // Password and code guesses through this form are throttled like the login's.
  const limited = await checkRateLimit(request, 'factor')
  const submission = parseWithZod(await readForm(request), { schema: FactorSchema })
  const hideFields = ['currentPassword']
  if (limited) return data(submission.reply({ formErrors: [limited.formError], hideFields }), limited.init)
  const { user } = await requireUser(request)
  if (submission.status !== 'success') return data(submission.reply({ hideFields }), { status: 400 })
  const v = submission.value
  const db = getDb()
  const env = getEnv()
  const common = { userId: user.id, key: env.encryptionKey, ip: clientIp(request) }
  const reauth = { sessionToken: getSessionToken(request), appUrl: env.appUrl }
  try {
    if (v.intent === 'enable') await enableTotp(db, { ...common, secret: v.secret, code: v.code })
    else if (v.intent === 'replace')
      await replaceTotp(db, {
        ...common,
        ...reauth,
        currentPassword: v.currentPassword,
        currentCode: v.currentCode,
        newSecret: v.secret,
        newCode: v.code,
      })
    else await removeTotp(db, { ...common, ...reauth, currentPassword: v.currentPassword, currentCode: v.currentCode })
  } catch (error) {
    return replyWithDomainError(submission, error, { hideFields })
  }
  const flash = v.intent === 'enable' ? 'totp.enabled' : v.intent === 'replace' ? 'totp.replaced' : 'totp.removed'
  throw redirect('/account', { headers: { 'Set-Cookie': flashCookie(flash) } })
}

export default function TotpPage() {
  const t = useT()
  const { enabled, canRemove, secret, uri } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const lastIntent = lastResult?.initialValue?.intent
  // After a refused attempt the page keeps showing the secret the user already added to the app.
  const shownSecret = (lastResult?.initialValue?.secret as string | undefined) ?? secret
  if (!enabled) {
    return (
      <div className="form-narrow stack">
        <h1>{t('totp.setupTitle')}</h1>
        <p>{t('totp.setupIntro')}</p>
        <NewSecret secret={shownSecret} uri={uri} />
        <EnableForm secret={shownSecret} lastResult={lastIntent === 'enable' || !lastIntent ? lastResult : undefined} />
      </div>
    )
  }
  return (
    <div className="form-narrow stack">
      <h1>{t('totp.manageTitle')}</h1>
      <p>{t('totp.manageIntro')}</p>
      <section className="card stack" aria-labelledby="replace-title">
        <h2 id="replace-title">{t('totp.replaceTitle')}</h2>
        <p>{t('totp.replaceIntro')}</p>
        <NewSecret secret={shownSecret} uri={uri} />
        <ReplaceForm secret={shownSecret} lastResult={lastIntent === 'replace' ? lastResult : undefined} />
      </section>
      {canRemove ? (
        <section className="card stack" aria-labelledby="remove-title">
          <h2 id="remove-title">{t('totp.removeTitle')}</h2>
          <p>{t('totp.removeIntro')}</p>
          <RemoveForm lastResult={lastIntent === 'remove' ? lastResult : undefined} />
        </section>
      ) : null}
    </div>
  )
}

type LastResult = ReturnType<typeof useActionData<typeof action>>

function NewSecret({ secret, uri }: { secret: string; uri: string }) {
  const t = useT()
  return (
    <>
      <p>
        <strong>{t('totp.secretLabel')}</strong>
      </p>
      <p className="secret" data-testid="totp-secret">
        {secret}
      </p>
      <p>
        <a href={uri}>{t('totp.uriLabel')}</a>
      </p>
    </>
  )
}

function CodeField({ field, label }: { field: Parameters<typeof getInputProps>[0]; label: string }) {
  return (
    <Field
      label={label}
      errors={field.errors}
      errorId={field.errorId}
      inputProps={{
        ...getInputProps(field, { type: 'text' }),
        inputMode: 'numeric',
        autoComplete: 'one-time-code',
        pattern: undefined,
      }}
    />
  )
}

function PasswordField({ field }: { field: Parameters<typeof getInputProps>[0] }) {
  const t = useT()
  return (
    <Field
      label={t('profile.currentPassword')}
      errors={field.errors}
      errorId={field.errorId}
      inputProps={{ ...getInputProps(field, { type: 'password' }), autoComplete: 'current-password' }}
    />
  )
}

function EnableForm({ secret, lastResult }: { secret: string; lastResult: LastResult }) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'enable',
    lastResult,
    constraint: getZodConstraint(EnableSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EnableSchema }),
  })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="enable" />
      <input type="hidden" name="secret" value={secret} />
      <CodeField field={fields.code} label={t('login.totpCode')} />
      <button type="submit" className="button">
        {t('login.totpSubmit')}
      </button>
    </Form>
  )
}

function ReplaceForm({ secret, lastResult }: { secret: string; lastResult: LastResult }) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'replace',
    lastResult,
    constraint: getZodConstraint(ReplaceSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplaceSchema }),
  })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="replace" />
      <input type="hidden" name="secret" value={secret} />
      <PasswordField field={fields.currentPassword} />
      <CodeField field={fields.currentCode} label={t('totp.currentCode')} />
      <CodeField field={fields.code} label={t('totp.newCode')} />
      <button type="submit" className="button">
        {t('totp.replaceSubmit')}
      </button>
    </Form>
  )
}

function RemoveForm({ lastResult }: { lastResult: LastResult }) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'remove',
    lastResult,
    constraint: getZodConstraint(RemoveSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RemoveSchema }),
  })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="remove" />
      <PasswordField field={fields.currentPassword} />
      <CodeField field={fields.currentCode} label={t('totp.currentCode')} />
      <button type="submit" className="button button-secondary">
        {t('totp.removeSubmit')}
      </button>
    </Form>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.totpSetup') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
