import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { CheckboxGroup } from '#app/components/partners.tsx'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { OfferFormSchema, SECURITY_LEVELS } from '#app/domain/offers/schemas.ts'
import type { SupportKind } from '#app/domain/registry/kinds.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

type Meta = { name: string; id: string; errorId: string; errors?: string[]; initialValue?: unknown }

export interface OfferFormDefaults {
  [key: string]: string | string[] | undefined
}

/** One form per kind: the common fields, then the kind's own terms. Works without JavaScript. */
export function OfferForm({
  kind,
  lastResult,
  defaults,
  sectors,
  provinces,
  canPublish,
  submitLabel,
}: {
  kind: SupportKind
  lastResult: SubmissionResult<string[]> | undefined | null
  defaults: OfferFormDefaults
  sectors: { id: string; name_id: string; name_en: string }[]
  provinces: { id: string; name: string }[]
  canPublish: boolean
  submitLabel: string
}) {
  const t = useT()
  const lang = useLang()
  const [form, raw] = useForm({
    id: `offer-${kind}`,
    lastResult,
    defaultValue: { ...defaults, kind },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferFormSchema }),
  })
  const fields = raw as unknown as Record<string, Meta>
  const f = (name: string) => fields[name]!
  const list = (name: string): string[] => {
    const v = f(name).initialValue
    return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []
  }
  const value = (name: string) => {
    const v = f(name).initialValue
    return typeof v === 'string' ? v : undefined
  }
  const input = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
    id: f(name).id,
    name,
    type,
    defaultValue: value(name),
    'aria-invalid': f(name).errors?.length ? true : undefined,
    ...extra,
  })
  const text = (name: string, label: string, type = 'text', hint?: string, extra: Record<string, unknown> = {}) => (
    <Field
      key={name}
      label={label}
      hint={hint}
      errors={f(name).errors}
      errorId={f(name).errorId}
      inputProps={input(name, type, extra)}
    />
  )
  const select = (name: string, label: string, options: string[], prefix: string) => (
    <SelectField
      key={name}
      label={label}
      errors={f(name).errors}
      errorId={f(name).errorId}
      selectProps={{ id: f(name).id, name, defaultValue: value(name) }}
      placeholder="—"
      options={options.map((o) => ({ value: o, label: t(`${prefix}.${o}`) }))}
    />
  )
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="kind" value={kind} />
      {text('title', t('offer.titleField'))}
      <TextareaField
        label={t('offer.description')}
        errors={f('description').errors}
        errorId={f('description').errorId}
        textareaProps={{ id: f('description').id, name: 'description', defaultValue: value('description') }}
      />
      <h2>{t('offer.terms')}</h2>
      {kind === 'capital' ? (
        <>
          {text('amount', t('terms.amount'), 'number', t('terms.amountHint'), {
            min: 100000,
            step: 1,
            inputMode: 'numeric',
          })}
          {select('form', t('terms.form'), ['grant', 'equipment', 'materials', 'soft_loan'], 'terms.form')}
          {text('schedule', t('terms.schedule'), 'text', t('terms.scheduleHint'))}
        </>
      ) : null}
      {kind === 'training' ? (
        <>
          {text('seats', t('terms.seats'), 'number', undefined, { min: 1, inputMode: 'numeric' })}
          {text('hours', t('terms.hours'), 'number', undefined, { min: 1, inputMode: 'numeric' })}
          {text('certificationBody', t('terms.certificationBody'), 'text', t('terms.certificationBodyHint'))}
        </>
      ) : null}
      {kind === 'expert' ? (
        <>
          {text('skill', t('terms.skill'))}
          {text('days', t('terms.days'), 'number', undefined, { min: 1, max: 365, inputMode: 'numeric' })}
          {select('mode', t('terms.mode'), ['onsite', 'remote', 'hybrid'], 'terms.mode')}
        </>
      ) : null}
      {kind === 'absorption' ? (
        <>
          {text('productCategory', t('terms.productCategory'))}
          {text('unitsPerMonth', t('terms.unitsPerMonth'), 'number', undefined, { min: 1, inputMode: 'numeric' })}
          {text('unitPrice', t('terms.unitPrice'), 'number', t('terms.unitPriceHint'), {
            min: 0,
            inputMode: 'numeric',
          })}
          {text('months', t('terms.months'), 'number', undefined, { min: 1, max: 60, inputMode: 'numeric' })}
          <TextareaField
            label={t('terms.qualityTerms')}
            errors={f('qualityTerms').errors}
            errorId={f('qualityTerms').errorId}
            textareaProps={{ id: f('qualityTerms').id, name: 'qualityTerms', defaultValue: value('qualityTerms') }}
          />
        </>
      ) : null}
      {kind === 'publication' ? (
        <>
          {text('channels', t('terms.channels'), 'text', t('terms.channelsHint'))}
          {text('reach', t('terms.reach'), 'number', t('terms.reachHint'), { min: 0, inputMode: 'numeric' })}
          {text('publications', t('terms.publications'), 'number', undefined, { min: 1, inputMode: 'numeric' })}
        </>
      ) : null}
      <h2>{t('offer.where')}</h2>
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
        <span>{t('offer.national')}</span>
      </label>
      <CheckboxGroup
        legend={t('offer.provinces')}
        hint={t('offer.provincesHint')}
        name="provinceIds"
        columns
        options={provinces.map((p) => ({ value: p.id, label: p.name }))}
        selected={list('provinceIds')}
        errors={f('provinceIds').errors}
      />
      <CheckboxGroup
        legend={t('offer.levels')}
        hint={t('offer.levelsHint')}
        name="securityLevels"
        options={SECURITY_LEVELS.map((l) => ({ value: l, label: t(`security.${l}`) }))}
        selected={list('securityLevels')}
        errors={f('securityLevels').errors}
      />
      <div className="grid-2">
        {text('validFrom', t('offer.validFrom'), 'date')}
        {text('validUntil', t('offer.validUntil'), 'date')}
      </div>
      <div className="button-row">
        <button type="submit" className="button" name="intent" value="save">
          {submitLabel}
        </button>
        {canPublish ? (
          <button type="submit" className="button button-secondary" name="intent" value="publish">
            {t('offer.saveAndPublish')}
          </button>
        ) : null}
        <Link to="/partner">{t('form.cancel')}</Link>
      </div>
    </Form>
  )
}

/** Flat form defaults from a stored offer. */
export function offerDefaults(o: {
  title: string
  description: string | null
  national: number
  valid_from: string
  valid_until: string
  termsParsed: Record<string, unknown>
  sectorIds: string[]
  provinceIds: string[]
  securityLevels: string[]
}): OfferFormDefaults {
  const d: OfferFormDefaults = {
    title: o.title,
    description: o.description ?? undefined,
    national: o.national ? 'on' : undefined,
    validFrom: o.valid_from,
    validUntil: o.valid_until,
    sectorIds: o.sectorIds,
    provinceIds: o.provinceIds,
    securityLevels: o.securityLevels,
  }
  for (const [k, v] of Object.entries(o.termsParsed)) if (k !== 'kind' && v !== undefined) d[k] = String(v)
  return d
}
