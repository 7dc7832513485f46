import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { acceptInvitation, findOpenInvitation } from '#app/domain/identity/accounts.ts'
import { passwordSchema } from '#app/domain/identity/password-policy.ts'
import { nameSchema } from '#app/domain/identity/schemas.ts'
import { getDb } from '#app/utils/db.server.ts'
import { enforceRateLimit, replyWithDomainError } from '#app/utils/forms.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { clientIp } from '#app/utils/request.server.ts'
import { startSession } from '#app/utils/session.server.ts'

const NewUserSchema = z.object({ name: nameSchema, password: passwordSchema })
const ExistingUserSchema = z.object({ password: z.string({ error: 'password.required' }).max(1024) })

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
  const schema = found?.existingUser ? ExistingUserSchema : NewUserSchema
  const submission = parseWithZod(await request.formData(), { schema })
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
  const schema = info.valid && info.existing ? ExistingUserSchema : NewUserSchema
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
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
  const nameField = (fields as Record<string, typeof fields.password>).name
  return (
    <div className="form-narrow stack">
      <h1>{t('invite.acceptTitle')}</h1>
      <p>{t('invite.acceptIntro', { role: t(`role.${info.role}`), scope: info.scope ? `· ${info.scope}` : `· ${t('role.national')}` })}</p>
      <p className="muted">{info.email}</p>
      {info.existing ? <p>{t('invite.acceptExisting')}</p> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        {!info.existing && nameField ? (
          <Field label={t('signup.name')} errors={nameField.errors} errorId={nameField.errorId} inputProps={{ ...getInputProps(nameField, { type: 'text' }), autoComplete: 'name' }} />
        ) : null}
        <Field
          label={t('login.password')}
          hint={info.existing ? undefined : t('password.hint')}
          errors={fields.password.errors}
          errorId={fields.password.errorId}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: info.existing ? 'current-password' : 'new-password' }}
        />
        <button type="submit" className="button">
          {t('invite.acceptSubmit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Undangan · Mitra Lipas' }]
