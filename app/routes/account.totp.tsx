import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field } from '#app/components/ui/field.tsx'
import { enableTotp } from '#app/domain/identity/accounts.ts'
import { newTotpSecret, totpUri } from '#app/domain/identity/totp.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { flashCookie } from '#app/utils/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { clientIp } from '#app/utils/request.server.ts'
import { requireUser } from '#app/utils/session.server.ts'

const EnableSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/),
  code: z.string({ error: 'field.required' }).trim().regex(/^\d{6}$/, { error: 'totp.invalid' }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  if (user.totp_enabled_at) throw redirect('/account')
  // The secret travels in the form; it only takes effect once a code made from it is verified.
  const secret = newTotpSecret()
  return { secret, uri: totpUri(secret, user.email) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: EnableSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await enableTotp(getDb(), { userId: user.id, secret: submission.value.secret, code: submission.value.code, key: getEnv().encryptionKey, ip: clientIp(request) })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect('/account', { headers: { 'Set-Cookie': flashCookie('totp.enabled') } })
}

export default function TotpSetupPage() {
  const t = useT()
  const { secret, uri } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(EnableSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EnableSchema }),
  })
  const submittedSecret = (lastResult?.initialValue?.secret as string | undefined) ?? secret
  return (
    <div className="form-narrow stack">
      <h1>{t('totp.setupTitle')}</h1>
      <p>{t('totp.setupIntro')}</p>
      <p>
        <strong>{t('totp.secretLabel')}</strong>
      </p>
      <p className="secret" data-testid="totp-secret">
        {submittedSecret}
      </p>
      <p>
        <a href={uri}>{t('totp.uriLabel')}</a>
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="secret" value={submittedSecret} />
        <Field
          label={t('login.totpCode')}
          errors={fields.code.errors}
          errorId={fields.code.errorId}
          inputProps={{ ...getInputProps(fields.code, { type: 'text' }), inputMode: 'numeric', autoComplete: 'one-time-code', pattern: undefined }}
        />
        <button type="submit" className="button">
          {t('login.totpSubmit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Verifikasi dua langkah · Mitra Lipas' }]
