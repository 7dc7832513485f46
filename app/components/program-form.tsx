import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { PROGRAM_STATUSES, ProgramSchema } from '#app/domain/programs/schemas.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

type Meta = { name: string; id: string; errorId: string; errors?: string[]; initialValue?: unknown }

export function ProgramForm({
  lastResult,
  defaults,
  sectors,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined | null
  defaults: Record<string, string | undefined>
  sectors: { id: string; name_id: string; name_en: string }[]
  submitLabel: string
}) {
  const t = useT()
  const lang = useLang()
  const [form, raw] = useForm({
    id: 'program',
    lastResult,
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgramSchema }),
  })
  const fields = raw as unknown as Record<string, Meta>
  const f = (n: string) => fields[n]!
  const value = (n: string) => (typeof f(n).initialValue === 'string' ? (f(n).initialValue as string) : undefined)
  const text = (n: string, label: string, type = 'text', hint?: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      hint={hint}
      errors={f(n).errors}
      errorId={f(n).errorId}
      inputProps={{ id: f(n).id, name: n, type, defaultValue: value(n), ...extra }}
    />
  )
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="program" />
      {text('title', t('program.titleField'))}
      <SelectField
        label={t('dir.sector')}
        errors={f('sectorId').errors}
        errorId={f('sectorId').errorId}
        selectProps={{ id: f('sectorId').id, name: 'sectorId', defaultValue: value('sectorId') }}
        placeholder="—"
        options={sectors.map((s) => ({ value: s.id, label: lang === 'en' ? s.name_en : s.name_id }))}
      />
      <TextareaField
        label={t('offer.description')}
        errors={f('description').errors}
        errorId={f('description').errorId}
        textareaProps={{ id: f('description').id, name: 'description', defaultValue: value('description') }}
      />
      {text('participants', t('program.participants'), 'number', t('program.participantsHint'), {
        min: 0,
        inputMode: 'numeric',
      })}
      {text('eligibilityRule', t('program.eligibility'), 'text', t('program.eligibilityHint'))}
      {text('schedule', t('program.schedule'), 'text', t('program.scheduleHint'))}
      <SelectField
        label={t('common.status')}
        errors={f('status').errors}
        errorId={f('status').errorId}
        selectProps={{ id: f('status').id, name: 'status', defaultValue: value('status') }}
        options={PROGRAM_STATUSES.map((s) => ({ value: s, label: t(`program.status.${s}`) }))}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  )
}
