import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmailConfirmBanner } from '#app/components/email-confirm-banner.tsx'
import { CheckField, Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { changePassword, changeProfile } from '#app/domain/identity/users.ts'
import { passwordSchema } from '#app/domain/identity/password-policy.ts'
import { listGrantsWithNames } from '#app/domain/identity/queries.ts'
import { nameSchema } from '#app/domain/identity/schemas.ts'
import { setWorkDigest, workDigestWanted } from '#app/domain/work/preferences.ts'
import { hasWorkHome } from '#app/domain/work/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { LANG_COOKIE } from '#app/web/i18n.server.ts'
import { serializeCookie } from '#app/web/cookies.server.ts'
import { notifyPasswordChanged } from '#app/web/password-notice.server.ts'
import { clientIp } from '#app/web/request.server.ts'
import { getSessionToken } from '#app/web/session.server.ts'
import { requireUser } from '#app/web/guards.server.ts'

const ProfileSchema = z.object({
  intent: z.literal('profile'),
  name: nameSchema,
  locale: z.enum(['id', 'en']),
})
const PasswordSchema = z.object({
  intent: z.literal('password'),
  currentPassword: z.string({ error: 'password.required' }).max(1024),
  newPassword: passwordSchema,
})
const DigestSchema = z.object({
  intent: z.literal('digest'),
  workDigest: z.literal('on').optional(),
})
const AccountSchema = z.discriminatedUnion('intent', [ProfileSchema, PasswordSchema, DigestSchema])

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, principal } = await requireUser(request)
  const db = getDb()
  const grants = await listGrantsWithNames(db, user.id)
  return {
    user: {
      name: user.name,
      email: user.email,
      locale: user.locale,
      totp: !!user.totp_enabled_at,
      confirmed: !!user.email_verified_at,
    },
    grants,
    // Only people with a work home get the digest, so only they see its switch.
    workDigest: hasWorkHome(principal) ? await workDigestWanted(db, user.id) : null,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: AccountSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['currentPassword', 'newPassword'] }) }, { status: 400 })
  }
  const db = getDb()
  const ip = clientIp(request)
  const v = submission.value
  const headers = new Headers()
  try {
    if (v.intent === 'profile') {
      await changeProfile(db, { userId: user.id, name: v.name, locale: v.locale, ip })
      headers.append('Set-Cookie', serializeCookie(LANG_COOKIE, v.locale, { maxAge: 365 * 24 * 3600, httpOnly: false }))
      headers.append('Set-Cookie', flashCookie('form.saved'))
    } else if (v.intent === 'digest') {
      await setWorkDigest(db, { userId: user.id, on: v.workDigest === 'on', ip })
      headers.append('Set-Cookie', flashCookie('form.saved'))
    } else {
      await changePassword(db, {
        userId: user.id,
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
        sessionToken: getSessionToken(request),
        ip,
      })
      await notifyPasswordChanged(db, user.id)
      headers.append('Set-Cookie', flashCookie('profile.passwordChanged'))
    }
  } catch (error) {
    const reply = replyWithDomainError(submission, error)
    return data({ result: reply.data }, { status: 400 })
  }
  throw redirect('/account', { headers })
}

export default function AccountPage() {
  const t = useT()
  const { user, grants, workDigest } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [profileForm, profileFields] = useForm({
    id: 'profile',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProfileSchema),
    defaultValue: { name: user.name, locale: user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  })
  const [pwForm, pwFields] = useForm({
    id: 'password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(PasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  })
  return (
    <div className="stack">
      <h1>{t('profile.title')}</h1>
      <p className="muted">{user.email}</p>
      {user.confirmed ? null : <EmailConfirmBanner email={user.email} />}
      <section className="card">
        <h2>{t('profile.roles')}</h2>
        <ul>
          {grants.map((g) => (
            <li key={g.id}>
              {t(`role.${g.role}`)}
              {g.upt_name
                ? ` · ${g.upt_name}`
                : g.kanwil_name
                  ? ` · ${g.kanwil_name}`
                  : g.partner_name
                    ? ` · ${g.partner_name}`
                    : g.role === 'admin' || g.role === 'finance'
                      ? ` · ${t('role.national')}`
                      : ''}
            </li>
          ))}
        </ul>
        <p>
          {t('profile.totp')}: <strong>{user.totp ? t('profile.totpOn') : t('profile.totpOff')}</strong>{' '}
          <Link to="/account/totp">{t(user.totp ? 'profile.totpManage' : 'profile.totpSetup')}</Link>
        </p>
      </section>
      <p>
        <Link to="/account/orders">{t('account.orders')}</Link>
      </p>
      {workDigest === null ? null : (
        <section className="card">
          <h2>{t('work.digest.legend')}</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="digest" />
            <CheckField
              label={t('work.digest.label')}
              hint={t('work.digest.hint')}
              inputProps={{ name: 'workDigest', id: 'workDigest', defaultChecked: workDigest }}
            />
            <button type="submit" className="button button-secondary">
              {t('work.digest.save')}
            </button>
          </Form>
        </section>
      )}
      <div className="grid-2">
        <section className="card">
          <Form method="post" className="form" {...getFormProps(profileForm)}>
            <input type="hidden" name="intent" value="profile" />
            <Field
              label={t('signup.name')}
              errors={profileFields.name.errors}
              errorId={profileFields.name.errorId}
              inputProps={{ ...getInputProps(profileFields.name, { type: 'text' }), autoComplete: 'name' }}
            />
            <SelectField
              label={t('profile.language')}
              selectProps={getSelectProps(profileFields.locale)}
              options={[
                { value: 'id', label: 'Bahasa Indonesia' },
                { value: 'en', label: 'English' },
              ]}
            />
            <button type="submit" className="button">
              {t('form.save')}
            </button>
          </Form>
        </section>
        <section className="card">
          <h2>{t('profile.changePassword')}</h2>
          <Form method="post" className="form" {...getFormProps(pwForm)}>
            <FormErrors errors={pwForm.errors} />
            <input type="hidden" name="intent" value="password" />
            <Field
              label={t('profile.currentPassword')}
              errors={pwFields.currentPassword.errors}
              errorId={pwFields.currentPassword.errorId}
              inputProps={{
                ...getInputProps(pwFields.currentPassword, { type: 'password' }),
                autoComplete: 'current-password',
              }}
            />
            <Field
              label={t('profile.newPassword')}
              hint={t('password.hint')}
              errors={pwFields.newPassword.errors}
              errorId={pwFields.newPassword.errorId}
              inputProps={{
                ...getInputProps(pwFields.newPassword, { type: 'password' }),
                autoComplete: 'new-password',
              }}
            />
            <button type="submit" className="button button-secondary">
              {t('profile.changePassword')}
            </button>
          </Form>
        </section>
      </div>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.account') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
