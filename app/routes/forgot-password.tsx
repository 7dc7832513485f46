import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { Field, Honeypot } from '#app/components/ui/field.tsx'
import { requestPasswordReset } from '#app/domain/identity/accounts.ts'
import { emailSchema } from '#app/domain/identity/schemas.ts'
import { translator } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { assertNoHoneypot, enforceRateLimit } from '#app/utils/forms.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { parseLang } from '#app/i18n/index.ts'

const ForgotSchema = z.object({ email: emailSchema })

export async function action({ request }: ActionFunctionArgs) {
  await enforceRateLimit(request, 'reset')
  const formData = await request.formData()
  assertNoHoneypot(formData)
  const submission = parseWithZod(formData, { schema: ForgotSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
  const db = getDb()
  const found = await requestPasswordReset(db, submission.value.email)
  if (found) {
    const t = translator(parseLang(found.user.locale) ?? 'id')
    const link = `${getEnv().appUrl}/reset-password/${found.token}`
    await sendEmail(db, {
      to: found.user.email,
      subject: t('reset.emailSubject'),
      text: t('reset.emailBody', { name: found.user.name, link }),
    })
  }
  // The same answer whether or not the account exists.
  return { result: submission.reply({ resetForm: true }), sent: true }
}

export default function ForgotPasswordPage() {
  const t = useT()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  })
  return (
    <div className="form-narrow stack">
      <h1>{t('forgot.title')}</h1>
      {actionData?.sent ? (
        <div className="alert alert-ok" role="status">
          <p>{t('forgot.sent')}</p>
        </div>
      ) : null}
      <p>{t('forgot.intro')}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <Field label={t('login.email')} errors={fields.email.errors} errorId={fields.email.errorId} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
        <Honeypot />
        <button type="submit" className="button">
          {t('forgot.submit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Lupa kata sandi · Mitra Lipas' }]
