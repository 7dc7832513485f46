import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useState } from 'react'
import { Field, FormErrors, Honeypot, SelectField } from '#app/components/ui/field.tsx'
import { signUpBuyer, signUpPartner } from '#app/domain/identity/accounts.ts'
import { audit } from '#app/domain/identity/audit.ts'
import { ORG_TYPES, SignupSchema } from '#app/domain/identity/schemas.ts'
import { getDb } from '#app/utils/db.server.ts'
import { flashCookie } from '#app/utils/flash.server.ts'
import { assertNoHoneypot, enforceRateLimit, replyWithDomainError } from '#app/utils/forms.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { getLang } from '#app/utils/i18n.server.ts'
import { clientIp } from '#app/utils/request.server.ts'
import { getUser, startSession } from '#app/utils/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/account')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await enforceRateLimit(request, 'signup')
  const formData = await request.formData()
  assertNoHoneypot(formData)
  const submission = await parseWithZod(formData, { schema: SignupSchema, async: true })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const db = getDb()
  const ip = clientIp(request)
  const locale = getLang(request)
  const v = submission.value
  let userId: string
  try {
    userId =
      v.kind === 'partner'
        ? (await signUpPartner(db, { ...v, phone: v.phone ?? null, locale, ip })).user.id
        : (await signUpBuyer(db, { ...v, locale, ip })).user.id
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  const headers = new Headers()
  headers.append('Set-Cookie', await startSession(request, userId))
  headers.append('Set-Cookie', flashCookie(v.kind === 'partner' ? 'signup.partnerWelcome' : 'signup.buyerWelcome'))
  await audit(db, { actorUserId: userId, action: 'login.success', targetType: 'user', targetId: userId, ip, details: { via: 'signup' } })
  throw redirect(v.kind === 'partner' ? '/partner' : '/account', { headers })
}

export default function SignupPage() {
  const t = useT()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    defaultValue: { kind: 'partner' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  })
  const [kind, setKind] = useState<string>((fields.kind.value as string | undefined) ?? 'partner')
  const partnerFields = fields as unknown as Record<'orgName' | 'orgType' | 'phone', typeof fields.name>
  return (
    <div className="stack">
      <h1>{t('signup.title')}</h1>
      <p className="lead">{t('signup.intro')}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset>
          <legend>{t('signup.kind')}</legend>
          {(['partner', 'buyer'] as const).map((k) => (
            <label className="choice" key={k}>
              <input
                type="radio"
                name={fields.kind.name}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <span>{t(k === 'partner' ? 'signup.kindPartner' : 'signup.kindBuyer')}</span>
            </label>
          ))}
        </fieldset>
        <Field label={t('signup.name')} errors={fields.name.errors} errorId={fields.name.errorId} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} />
        <Field label={t('login.email')} errors={fields.email.errors} errorId={fields.email.errorId} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
        <Field
          label={t('login.password')}
          hint={t('password.hint')}
          errors={fields.password.errors}
          errorId={fields.password.errorId}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
        />
        {/* Without JavaScript both groups show; the server ignores organisation fields for buyers. */}
        <div className="stack" hidden={kind === 'buyer'}>
          <Field
            label={t('signup.orgName')}
            errors={partnerFields.orgName.errors}
            errorId={partnerFields.orgName.errorId}
            inputProps={{ ...getInputProps(partnerFields.orgName, { type: 'text' }), required: kind === 'partner', autoComplete: 'organization' }}
          />
          <SelectField
            label={t('signup.orgType')}
            errors={partnerFields.orgType.errors}
            errorId={partnerFields.orgType.errorId}
            selectProps={{ ...getSelectProps(partnerFields.orgType), required: kind === 'partner' }}
            placeholder="—"
            options={ORG_TYPES.map((o) => ({ value: o, label: t(`orgType.${o}`) }))}
          />
          <Field
            label={t('signup.phone')}
            errors={partnerFields.phone.errors}
            errorId={partnerFields.phone.errorId}
            inputProps={{ ...getInputProps(partnerFields.phone, { type: 'tel' }), autoComplete: 'tel', pattern: undefined }}
          />
        </div>
        <Honeypot />
        <button type="submit" className="button">
          {t('signup.submit')}
        </button>
      </Form>
      <p>
        {t('signup.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Daftar · Mitra Lipas' }]
