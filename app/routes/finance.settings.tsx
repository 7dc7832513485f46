import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { getSettings, saveSettings } from '#app/domain/pnbp/settings.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { requireUser } from '#app/web/guards.server.ts'

const SettingsSchema = z.object({
  depositRule: z.enum(['next_working_day', 'monthly_deadline'], { error: 'field.required' }),
  deadlineDay: z.coerce
    .number({ error: 'field.required' })
    .int({ error: 'field.invalid' })
    .min(1, { error: 'field.invalid' })
    .max(31, { error: 'field.invalid' }),
  holidays: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const days = (v ?? '').split(/\s+/).filter(Boolean)
      if (days.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))) {
        ctx.addIssue({ code: 'custom', message: 'field.invalidDate' })
        return z.NEVER
      }
      return [...new Set(days)].sort()
    }),
  kodeAkunDefault: z
    .string({ error: 'field.required' })
    .trim()
    .regex(/^\d{6}$/, { error: 'pnbp.kodeAkun6' }),
  billingExpiryDays: z.coerce
    .number({ error: 'field.required' })
    .int({ error: 'field.invalid' })
    .min(1, { error: 'field.invalid' })
    .max(60, { error: 'field.invalid' }),
  toleranceRupiah: z.coerce
    .number({ error: 'field.required' })
    .int({ error: 'field.invalid' })
    .min(0, { error: 'field.invalid' })
    .max(10_000_000, { error: 'field.invalid' }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'finance.national' })
  return { settings: await getSettings(getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request, { permission: 'finance.national' })
  const submission = parseWithZod(await readForm(request), { schema: SettingsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  await saveSettings(getDb(), submission.value, session.user.id)
  throw redirect('/finance/settings', { headers: { 'Set-Cookie': flashCookie('settings.saved') } })
}

export default function FinanceSettingsPage() {
  const t = useT()
  const { settings } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof SettingsSchema>>({
    id: 'pnbp-settings',
    lastResult,
    constraint: getZodConstraint(SettingsSchema),
    defaultValue: {
      ...settings,
      deadlineDay: String(settings.deadlineDay),
      billingExpiryDays: String(settings.billingExpiryDays),
      toleranceRupiah: String(settings.toleranceRupiah),
      holidays: settings.holidays.join('\n'),
    },
  })
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/finance">{t('finance.title')}</Link>
      </p>
      <h1>{t('settings.title')}</h1>
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <SelectField
          label={t('settings.depositRule')}
          errors={fields.depositRule.errors}
          errorId={fields.depositRule.errorId}
          selectProps={getSelectProps(fields.depositRule)}
          options={['next_working_day', 'monthly_deadline'].map((r) => ({ value: r, label: t(`settings.rule.${r}`) }))}
        />
        <Field
          label={t('settings.deadlineDay')}
          errors={fields.deadlineDay.errors}
          errorId={fields.deadlineDay.errorId}
          inputProps={getInputProps(fields.deadlineDay, { type: 'number' })}
        />
        <TextareaField
          label={t('settings.holidays')}
          errors={fields.holidays.errors}
          errorId={fields.holidays.errorId}
          textareaProps={getTextareaProps(fields.holidays)}
        />
        <Field
          label={t('settings.kodeAkun')}
          errors={fields.kodeAkunDefault.errors}
          errorId={fields.kodeAkunDefault.errorId}
          inputProps={{ ...getInputProps(fields.kodeAkunDefault, { type: 'text' }), inputMode: 'numeric' }}
        />
        <Field
          label={t('settings.expiryDays')}
          errors={fields.billingExpiryDays.errors}
          errorId={fields.billingExpiryDays.errorId}
          inputProps={getInputProps(fields.billingExpiryDays, { type: 'number' })}
        />
        <Field
          label={t('settings.tolerance')}
          errors={fields.toleranceRupiah.errors}
          errorId={fields.toleranceRupiah.errorId}
          inputProps={getInputProps(fields.toleranceRupiah, { type: 'number' })}
        />
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.pnbpSettings') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
