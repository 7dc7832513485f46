import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { PUBLICATION_MEDIA, PublicationSchema } from '#app/domain/outcomes/schemas.ts'
import { useT } from '#app/web/i18n.tsx'

// The read-only table lives apart so public pages load no form code (the 120 KB budget).
export { type MediumRow, PublicationsByMedium } from '#app/components/publications-by-medium.tsx'

/**
 * Records one publication of a publication agreement (issue 15, item 2). Every field is in the
 * HTML, so it works without JavaScript; sales apply to an exhibition or bazaar only (the server
 * refuses them for any other medium, next to the field).
 */
export function PublicationForm({
  lastResult,
  today,
}: {
  lastResult?: SubmissionResult<string[]> | null
  today: string
}) {
  const t = useT()
  const [form, f] = useForm({
    id: 'publication',
    lastResult,
    constraint: getZodConstraint(PublicationSchema),
    defaultValue: { publishedOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublicationSchema }),
    shouldRevalidate: 'onBlur',
  })
  return (
    <Form method="post" className="form card" {...getFormProps(form)}>
      <h3>{t('publication.recordTitle')}</h3>
      <p className="muted">{t('publication.intro')}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="publication" />
      <Field
        label={t('publication.outlet')}
        hint={t('publication.outletHint')}
        errors={f.outlet.errors}
        errorId={f.outlet.errorId}
        inputProps={getInputProps(f.outlet, { type: 'text' })}
      />
      <SelectField
        label={t('publication.medium')}
        errors={f.medium.errors}
        errorId={f.medium.errorId}
        selectProps={getSelectProps(f.medium)}
        placeholder="—"
        options={PUBLICATION_MEDIA.map((m) => ({ value: m, label: t(`publication.medium.${m}`) }))}
      />
      <Field
        label={t('publication.url')}
        hint={t('publication.urlHint')}
        errors={f.url.errors}
        errorId={f.url.errorId}
        inputProps={{ ...getInputProps(f.url, { type: 'url' }), placeholder: 'https://' }}
      />
      <Field
        label={t('publication.publishedOn')}
        errors={f.publishedOn.errors}
        errorId={f.publishedOn.errorId}
        inputProps={{ ...getInputProps(f.publishedOn, { type: 'date' }), max: today }}
      />
      <Field
        label={t('publication.reach')}
        hint={t('publication.reachHint')}
        errors={f.reach.errors}
        errorId={f.reach.errorId}
        inputProps={{ ...getInputProps(f.reach, { type: 'number' }), inputMode: 'numeric' }}
      />
      <Field
        label={t('publication.sales')}
        hint={t('publication.salesHint')}
        errors={f.salesRupiah.errors}
        errorId={f.salesRupiah.errorId}
        inputProps={{ ...getInputProps(f.salesRupiah, { type: 'number' }), inputMode: 'numeric' }}
      />
      <div className="button-row">
        <button type="submit" className="button">
          {t('publication.save')}
        </button>
      </div>
    </Form>
  )
}
