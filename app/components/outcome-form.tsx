import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { OUTCOME_METRICS, OutcomeSchema } from '#app/domain/outcomes/schemas.ts'
import { useT } from '#app/web/i18n.tsx'

/**
 * Records one outcome. All fields are present in the HTML so the form works without
 * JavaScript; the ones that do not apply to the chosen kind are ignored by the server.
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
  const [form, f] = useForm({
    id: 'outcome',
    lastResult,
    constraint: getZodConstraint(OutcomeSchema),
    defaultValue: { occurredOn: today, metric: 'trained' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OutcomeSchema }),
    shouldRevalidate: 'onBlur',
  })
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
      <Field
        label={t('outcome.certifyingBody')}
        errors={f.certifyingBody.errors}
        errorId={f.certifyingBody.errorId}
        inputProps={getInputProps(f.certifyingBody, { type: 'text' })}
      />
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
