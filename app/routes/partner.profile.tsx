import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PartnerBadgePanel } from '#app/components/partner-badge.tsx'
import { CheckboxGroup } from '#app/components/partners.tsx'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { partnerBadge } from '#app/domain/outcomes/partner-impact.ts'
import { partnerDetails } from '#app/domain/partners/queries.ts'
import { updatePartnerProfile } from '#app/domain/partners/profile.ts'
import { PartnerProfileSchema } from '#app/domain/partners/schemas.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { requirePartner } from '#app/web/guards.server.ts'
import { clientIp } from '#app/web/request.server.ts'
import { badgePanel } from '#app/web/badge.server.ts'
import { getLang } from '#app/web/i18n.server.ts'
import opendataStyles from '#app/styles/opendata.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: opendataStyles }]

type Meta = { name: string; id: string; errorId: string; errors?: string[]; initialValue?: unknown }

export async function loader({ request }: LoaderFunctionArgs) {
  const { partner } = await requirePartner(request, 'partner.own')
  const db = getDb()
  const [details, sectors, provinces, badge] = await Promise.all([
    partnerDetails(db, partner.id),
    listSectors(db),
    listProvinces(db),
    partnerBadge(db, partner.slug),
  ])
  return {
    badge: badge ? badgePanel(badge, getLang(request)) : null,
    sectors,
    provinces,
    defaults: {
      name: partner.name,
      orgType: partner.org_type,
      contactPhone: partner.contact_phone ?? undefined,
      description: partner.description ?? undefined,
      website: partner.website ?? undefined,
      nib: partner.nib ?? undefined,
      npwp: partner.npwp ?? undefined,
      national: partner.national ? 'on' : undefined,
      provinceIds: details.provinces.map((p) => p.id),
      sectorIds: details.sectors.map((s) => s.id),
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, partner } = await requirePartner(request, 'partner.own')
  const submission = parseWithZod(await readForm(request), { schema: PartnerProfileSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await updatePartnerProfile(getDb(), partner.id, submission.value, {
      userId: session.user.id,
      ip: clientIp(request),
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect('/partner', { headers: { 'Set-Cookie': flashCookie('form.saved') } })
}

export default function PartnerProfilePage() {
  const t = useT()
  const lang = useLang()
  const { sectors, provinces, defaults, badge } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, raw] = useForm({
    id: 'partner-profile',
    lastResult,
    defaultValue: defaults,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerProfileSchema }),
  })
  const fields = raw as unknown as Record<string, Meta>
  const f = (n: string) => fields[n]!
  const value = (n: string) => (typeof f(n).initialValue === 'string' ? (f(n).initialValue as string) : undefined)
  const list = (n: string) => {
    const v = f(n).initialValue
    return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []
  }
  const text = (n: string, label: string, type = 'text', hint?: string) => (
    <Field
      label={label}
      hint={hint}
      errors={f(n).errors}
      errorId={f(n).errorId}
      inputProps={{ id: f(n).id, name: n, type, defaultValue: value(n) }}
    />
  )
  return (
    <div className="stack">
      <p>
        <Link to="/partner">← {t('partner.dashboard')}</Link>
      </p>
      <h1>{t('partner.editProfile')}</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        {text('name', t('signup.orgName'))}
        <SelectField
          label={t('signup.orgType')}
          errors={f('orgType').errors}
          errorId={f('orgType').errorId}
          selectProps={{ id: f('orgType').id, name: 'orgType', defaultValue: value('orgType') }}
          options={ORG_TYPES.map((o) => ({ value: o, label: t(`orgType.${o}`) }))}
        />
        {text('contactPhone', t('signup.phone'), 'tel')}
        <TextareaField
          label={t('offer.description')}
          errors={f('description').errors}
          errorId={f('description').errorId}
          textareaProps={{ id: f('description').id, name: 'description', defaultValue: value('description') }}
        />
        {text('website', t('partner.website'), 'url', 'https://…')}
        {text('nib', t('partner.nib'), 'text', t('partner.nibHint'))}
        {text('npwp', t('partner.npwp'), 'text', t('partner.npwpHint'))}
        <CheckboxGroup
          legend={t('dir.sector')}
          name="sectorIds"
          columns
          options={sectors.map((s) => ({ value: s.id, label: lang === 'en' ? s.name_en : s.name_id }))}
          selected={list('sectorIds')}
          errors={f('sectorIds').errors}
        />
        <label className="choice">
          <input type="checkbox" name="national" value="on" defaultChecked={value('national') === 'on'} />
          <span>{t('partner.nationalField')}</span>
        </label>
        <CheckboxGroup
          legend={t('partner.serves')}
          hint={t('offer.provincesHint')}
          name="provinceIds"
          columns
          options={provinces.map((p) => ({ value: p.id, label: p.name }))}
          selected={list('provinceIds')}
          errors={f('provinceIds').errors}
        />
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
      <PartnerBadgePanel badge={badge} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.partnerProfile') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
