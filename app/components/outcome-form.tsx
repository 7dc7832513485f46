import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { type ReactNode, useEffect, useState } from 'react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import {
  METRIC_FIELDS,
  metricsOf,
  OUTCOME_METRICS,
  type OutcomeMetricName,
  OutcomeSchema,
  outcomeFieldsOnly,
  type SpecificField,
} from '#app/domain/outcomes/schemas.ts'
import { useT } from '#app/web/i18n.tsx'

/**
 * The fields of some measures only. Without JavaScript every group shows, with a hint saying
 * which measures it is for (the server ignores it for the others: `outcomeFieldsOnly`); once
 * the page is interactive only the groups of the chosen measure show.
 */
function MeasureFields({
  field,
  metric,
  interactive,
  children,
}: {
  field: SpecificField
  metric: string | undefined
  interactive: boolean
  children: ReactNode
}) {
  const t = useT()
  const shown =
    !interactive || (METRIC_FIELDS[metric as OutcomeMetricName] as readonly string[] | undefined)?.includes(field)
  return (
    <div className="form-group" hidden={!shown}>
      {interactive ? null : (
        <p className="field-hint">
          {t('outcome.fieldsFor', {
            metrics: metricsOf(field)
              .map((m) => t(`outcome.metric.${m}`))
              .join(', '),
          })}
        </p>
      )}
      {children}
    </div>
  )
}

/**
 * Records one outcome. All fields are present in the HTML so the form works without
 * JavaScript; the ones that do not apply to the chosen kind are ignored by the server, and
 * hidden once JavaScript runs.
 */
export function OutcomeForm({
  lastResult,
  today,
  programs,
}: {
  lastResult?: SubmissionResult<string[]> | null
  today: string
  programs?: { id: string; title: string }[]
}) {
  const t = useT()
  const [interactive, setInteractive] = useState(false)
  useEffect(() => setInteractive(true), [])
  const [form, f] = useForm({
    id: 'outcome',
    lastResult,
    constraint: getZodConstraint(OutcomeSchema),
    defaultValue: { occurredOn: today, metric: 'trained' },
    onValidate: ({ formData }) => parseWithZod(outcomeFieldsOnly(formData), { schema: OutcomeSchema }),
    shouldRevalidate: 'onBlur',
  })
  const metric = f.metric.value as string | undefined
  return (
    <Form method="post" className="form card" {...getFormProps(form)}>
      <h2>{t('outcome.recordTitle')}</h2>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="outcome" />
      {programs ? (
        <SelectField
          label={t('outcome.program')}
          errors={f.programId.errors}
          errorId={f.programId.errorId}
          selectProps={getSelectProps(f.programId)}
          placeholder="—"
          options={programs.map((p) => ({ value: p.id, label: p.title }))}
        />
      ) : null}
      <SelectField
        label={t('outcome.metric')}
        errors={f.metric.errors}
        errorId={f.metric.errorId}
        selectProps={getSelectProps(f.metric)}
        options={OUTCOME_METRICS.map((m) => ({ value: m, label: t(`outcome.metric.${m}`) }))}
      />
      <Field
        label={t('outcome.count')}
        hint={t('outcome.countHint')}
        errors={f.count.errors}
        errorId={f.count.errorId}
        inputProps={{ ...getInputProps(f.count, { type: 'number' }), inputMode: 'numeric' }}
      />
      <Field
        label={t('outcome.occurredOn')}
        errors={f.occurredOn.errors}
        errorId={f.occurredOn.errorId}
        inputProps={{ ...getInputProps(f.occurredOn, { type: 'date' }), max: today }}
      />
      <MeasureFields field="certifyingBody" metric={metric} interactive={interactive}>
        <Field
          label={t('outcome.certifyingBody')}
          errors={f.certifyingBody.errors}
          errorId={f.certifyingBody.errorId}
          inputProps={getInputProps(f.certifyingBody, { type: 'text' })}
        />
      </MeasureFields>
      <MeasureFields field="valueRupiah" metric={metric} interactive={interactive}>
        <div className="grid-2">
          <Field
            label={t('outcome.valueRupiah')}
            errors={f.valueRupiah.errors}
            errorId={f.valueRupiah.errorId}
            inputProps={{ ...getInputProps(f.valueRupiah, { type: 'number' }), inputMode: 'numeric' }}
          />
          <SelectField
            label={t('outcome.capitalForm')}
            errors={f.capitalForm.errors}
            errorId={f.capitalForm.errorId}
            selectProps={getSelectProps(f.capitalForm)}
            placeholder="—"
            options={[
              { value: 'money', label: t('outcome.capitalForm.money') },
              { value: 'goods', label: t('outcome.capitalForm.goods') },
            ]}
          />
        </div>
      </MeasureFields>
      <MeasureFields field="link" metric={metric} interactive={interactive}>
        <Field
          label={t('outcome.link')}
          errors={f.link.errors}
          errorId={f.link.errorId}
          inputProps={getInputProps(f.link, { type: 'url' })}
        />
        <div className="grid-2">
          <Field
            label={t('outcome.channel')}
            errors={f.channel.errors}
            errorId={f.channel.errorId}
            inputProps={getInputProps(f.channel, { type: 'text' })}
          />
          <Field
            label={t('outcome.reach')}
            errors={f.reach.errors}
            errorId={f.reach.errorId}
            inputProps={{ ...getInputProps(f.reach, { type: 'number' }), inputMode: 'numeric' }}
          />
        </div>
      </MeasureFields>
      <Field
        label={t('outcome.note')}
        errors={f.note.errors}
        errorId={f.note.errorId}
        inputProps={getInputProps(f.note, { type: 'text' })}
      />
      <button type="submit" className="button">
        {t('outcome.save')}
      </button>
    </Form>
  )
}

interface OutcomeRow {
  id: string
  metric: string
  count: number
  occurred_on: string
  certifying_body: string | null
  value_rupiah: number | null
  capital_form: string | null
  link: string | null
  channel: string | null
  reach: number | null
  /** publication records (issue 15, item 2) */
  medium?: string | null
  sales_rupiah?: number | null
  program_title: string
  agreement_number: string | null
}

export function OutcomeTable({
  rows,
  fmtDate,
  fmtNum,
  fmtMoney,
}: {
  rows: OutcomeRow[]
  fmtDate: (d: string) => string
  fmtNum: (n: number) => string
  fmtMoney: (n: number) => string
}) {
  const t = useT()
  return (
    <ListTable
      label={t('outcome.title')}
      rows={rows}
      rowKey={(o) => o.id}
      columns={[
        { header: t('outcome.occurredOn'), cell: (o) => fmtDate(o.occurred_on) },
        {
          header: t('outcome.metric'),
          cell: (o) => (
            <>
              {t(`outcome.metric.${o.metric}`)}
              <br />
              <span className="muted">
                {o.program_title}
                {o.agreement_number ? ` · ${o.agreement_number}` : ''}
              </span>
            </>
          ),
        },
        { header: t('outcome.count'), num: true, cell: (o) => fmtNum(o.count) },
        {
          header: t('common.details'),
          cell: (o) => (
            <>
              {o.medium ? `${t(`publication.medium.${o.medium}`)}: ` : ''}
              {o.medium && o.channel && !o.link ? o.channel : ''}
              {o.certifying_body ?? ''}
              {o.value_rupiah !== null ? (
                <>
                  <span className="money">{fmtMoney(o.value_rupiah)}</span>
                  {o.capital_form ? ` (${t(`outcome.capitalForm.${o.capital_form}`)})` : ''}
                </>
              ) : null}
              {o.link ? (
                <a href={o.link} rel="noopener noreferrer nofollow">
                  {o.channel ?? o.link}
                </a>
              ) : null}
              {o.reach !== null ? ` · ${t('impact.reach', { reach: fmtNum(o.reach) })}` : ''}
              {o.sales_rupiah ? (
                <>
                  {' · '}
                  <span className="money">{t('publication.salesMade', { amount: fmtMoney(o.sales_rupiah) })}</span>
                </>
              ) : null}
            </>
          ),
        },
      ]}
    />
  )
}
