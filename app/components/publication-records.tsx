import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { PUBLICATION_MEDIA, PublicationSchema } from '#app/domain/outcomes/schemas.ts'
import { formatNumber, formatRupiah } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

/**
 * Records one publication of a publication agreement (issue 15, item 2). Every field is in the
 * HTML, so it works without JavaScript; sales apply to an exhibition or bazaar only (the server
 * refuses them for any other medium, next to the field).
 */
export function PublicationForm({ lastResult, today }: { lastResult?: SubmissionResult<string[]> | null; today: string }) {
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
      <Field label={t('publication.outlet')} hint={t('publication.outletHint')} errors={f.outlet.errors} errorId={f.outlet.errorId} inputProps={getInputProps(f.outlet, { type: 'text' })} />
      <SelectField label={t('publication.medium')} errors={f.medium.errors} errorId={f.medium.errorId} selectProps={getSelectProps(f.medium)} placeholder="—" options={PUBLICATION_MEDIA.map((m) => ({ value: m, label: t(`publication.medium.${m}`) }))} />
      <Field label={t('publication.url')} hint={t('publication.urlHint')} errors={f.url.errors} errorId={f.url.errorId} inputProps={{ ...getInputProps(f.url, { type: 'url' }), placeholder: 'https://' }} />
      <Field label={t('publication.publishedOn')} errors={f.publishedOn.errors} errorId={f.publishedOn.errorId} inputProps={{ ...getInputProps(f.publishedOn, { type: 'date' }), max: today }} />
        <Field label={t('publication.reach')} hint={t('publication.reachHint')} errors={f.reach.errors} errorId={f.reach.errorId} inputProps={{ ...getInputProps(f.reach, { type: 'number' }), inputMode: 'numeric' }} />
      <Field label={t('publication.sales')} hint={t('publication.salesHint')} errors={f.salesRupiah.errors} errorId={f.salesRupiah.errorId} inputProps={{ ...getInputProps(f.salesRupiah, { type: 'number' }), inputMode: 'numeric' }} />
      <div className="button-row">
        <button type="submit" className="button">
          {t('publication.save')}
        </button>
      </div>
    </Form>
  )
}

export interface MediumRow {
  medium: string | null
  count: number
  reach: number
  salesRupiah: number
}

/** Publications, reach and exhibition sales per medium: a small table that reads at 390 px. */
export function PublicationsByMedium({ rows, label }: { rows: MediumRow[]; label: string }) {
  const t = useT()
  const lang = useLang()
  const anySales = rows.some((r) => r.salesRupiah > 0)
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('publication.medium')}</th>
            <th scope="col" className="num">
              {t('impact.publications')}
            </th>
            <th scope="col" className="num">
              {t('publication.reachShort')}
            </th>
            {anySales ? (
              <th scope="col" className="num">
                {t('publication.salesShort')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.medium ?? 'none'}>
              <th scope="row">{r.medium ? t(`publication.medium.${r.medium}`) : t('publication.medium.none')}</th>
              <td className="num">{formatNumber(r.count, lang)}</td>
              <td className="num">{formatNumber(r.reach, lang)}</td>
              {anySales ? <td className="num">{r.salesRupiah ? formatRupiah(r.salesRupiah) : '—'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
