import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { CheckboxGroup } from '#app/components/partners.tsx'
import { CheckField, Field, FormErrors, Honeypot, SelectField } from '#app/components/ui/field.tsx'
import { signUpBuyer, signUpPartner } from '#app/domain/identity/users.ts'
import { audit } from '#app/domain/audit/log.ts'
import { LEGAL_PAGES, LEGAL_VERSION } from '#app/domain/content/legal.ts'
import { parseAccountForm } from '#app/web/account-forms.server.ts'
import { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { NEW_PASSWORD_INPUT, NEW_PASSWORD_MESSAGES } from '#app/domain/identity/password-input.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { assertNoHoneypot, checkRateLimit, readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { FORM_ERROR_ID, usePlainForm } from '#app/web/plain-form.ts'
import { getLang } from '#app/web/i18n.server.ts'
import { clientIp } from '#app/web/request.server.ts'
import { getUser, startSession } from '#app/web/session.server.ts'

// A 429 (too many attempts) carries Retry-After on the wire.
export { headers } from '#app/web/retry-after.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/account')
  const db = getDb()
  const [provinces, sectors] = await Promise.all([listProvinces(db), listSectors(db)])
  return { provinces: provinces.map((p) => ({ id: p.id, name: p.name })), sectors }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request)
  assertNoHoneypot(formData)
  const submission = parseAccountForm('signup', formData)
  const limited = await checkRateLimit(request, 'signup')
  if (limited)
    return data(submission.reply({ formErrors: [limited.formError], hideFields: ['password'] }), limited.init)
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const db = getDb()
  const ip = clientIp(request)
  const locale = getLang(request)
  const v = submission.value
  let userId: string
  try {
    userId =
      v.kind === 'partner'
        ? (
            await signUpPartner(db, {
              ...v,
              phone: v.phone ?? null,
              coverage: { national: v.national, provinceIds: v.provinceIds, sectorIds: v.sectorIds },
              locale,
              ip,
              termsVersion: LEGAL_VERSION,
            })
          ).user.id
        : (await signUpBuyer(db, { ...v, locale, ip, termsVersion: LEGAL_VERSION })).user.id
  } catch (error) {
    return replyWithDomainError(submission, error, { hideFields: ['password'] })
  }
  const headers = new Headers()
  headers.append('Set-Cookie', await startSession(request, userId))
  headers.append('Set-Cookie', flashCookie(v.kind === 'partner' ? 'signup.partnerWelcome' : 'signup.buyerWelcome'))
  await audit(db, {
    actorUserId: userId,
    action: 'login.success',
    targetType: 'user',
    targetId: userId,
    ip,
    details: { via: 'signup' },
  })
  throw redirect(v.kind === 'partner' ? '/partner' : '/account', { headers })
}

export default function SignupPage() {
  const t = useT()
  const lang = useLang()
  const { provinces, sectors } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const form = usePlainForm(lastResult, { ...NEW_PASSWORD_MESSAGES, acceptTerms: { valueMissing: 'consent.required' } })
  const [kind, setKind] = useState<string>(form.value('kind') ?? 'partner')
  return (
    <div className="stack">
      <h1>{t('signup.title')}</h1>
      <p className="lead">{t('signup.intro')}</p>
      <Form method="post" className="form" {...form.formProps}>
        <FormErrors errors={form.errors()} id={FORM_ERROR_ID} />
        <fieldset>
          <legend>{t('signup.kind')}</legend>
          {(['partner', 'buyer'] as const).map((k) => (
            <label className="choice" key={k}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{t(k === 'partner' ? 'signup.kindPartner' : 'signup.kindBuyer')}</span>
            </label>
          ))}
        </fieldset>
        <Field
          label={t('signup.name')}
          errors={form.errors('name')}
          inputProps={{
            id: 'name',
            name: 'name',
            type: 'text',
            required: true,
            minLength: 2,
            maxLength: 120,
            defaultValue: form.value('name'),
            autoComplete: 'name',
          }}
        />
        <Field
          label={t('login.email')}
          errors={form.errors('email')}
          inputProps={{
            id: 'email',
            name: 'email',
            type: 'email',
            required: true,
            maxLength: 254,
            defaultValue: form.value('email'),
            autoComplete: 'email',
          }}
        />
        <Field
          label={t('login.password')}
          hint={t('password.hint')}
          errors={form.errors('password')}
          inputProps={NEW_PASSWORD_INPUT}
        />
        {/* Without JavaScript both groups show; the server ignores organisation fields for buyers. */}
        <div className="stack" hidden={kind === 'buyer'}>
          <Field
            label={t('signup.orgName')}
            errors={form.errors('orgName')}
            inputProps={{
              id: 'orgName',
              name: 'orgName',
              type: 'text',
              required: kind === 'partner',
              minLength: 2,
              maxLength: 120,
              defaultValue: form.value('orgName'),
              autoComplete: 'organization',
            }}
          />
          <SelectField
            label={t('signup.orgType')}
            errors={form.errors('orgType')}
            selectProps={{
              id: 'orgType',
              name: 'orgType',
              required: kind === 'partner',
              defaultValue: form.value('orgType') ?? '',
            }}
            placeholder="—"
            options={ORG_TYPES.map((o) => ({ value: o, label: t(`orgType.${o}`) }))}
          />
          {/* No pattern: spaces and dashes are welcome; the server checks the number. */}
          <Field
            label={t('signup.phone')}
            errors={form.errors('phone')}
            inputProps={{
              id: 'phone',
              name: 'phone',
              type: 'tel',
              maxLength: 24,
              defaultValue: form.value('phone'),
              autoComplete: 'tel',
            }}
          />
          {/* Optional now, so a partner can be matched from day one; the profile page changes them later. */}
          <CheckboxGroup
            legend={t('signup.sectors')}
            hint={t('signup.sectorsHint')}
            name="sectorIds"
            columns
            options={sectors.map((s) => ({ value: s.id, label: lang === 'en' ? s.name_en : s.name_id }))}
            selected={form.values('sectorIds')}
            errors={form.errors('sectorIds')}
          />
          <CheckboxGroup
            legend={t('signup.provinces')}
            hint={t('signup.provincesHint')}
            name="provinceIds"
            columns
            options={provinces.map((p) => ({ value: p.id, label: p.name }))}
            selected={form.values('provinceIds')}
            errors={form.errors('provinceIds')}
          >
            <label className="choice">
              <input type="checkbox" name="national" value="on" defaultChecked={form.value('national') === 'on'} />
              <span>{t('partner.nationalField')}</span>
            </label>
          </CheckboxGroup>
        </div>
        <CheckField
          label={
            <>
              {t('consent.acceptBefore')}{' '}
              <a href={LEGAL_PAGES.terms} target="_blank" rel="noopener noreferrer">
                {t('consent.terms')}
              </a>{' '}
              {t('consent.and')}{' '}
              <a href={LEGAL_PAGES.privacy} target="_blank" rel="noopener noreferrer">
                {t('consent.privacy')}
              </a>
              {t('consent.acceptAfter')}
            </>
          }
          hint={t('signup.emailConfirmHint')}
          errors={form.errors('acceptTerms')}
          inputProps={{ id: 'acceptTerms', name: 'acceptTerms', value: 'on', required: true }}
        />
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

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.signup') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
