import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { Money } from '#app/components/ui/misc.tsx'
import { listPnbpTargets, setTarget } from '#app/domain/pnbp/settings.ts'
import { listUptNames } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { requireUser } from '#app/web/guards.server.ts'
import { todayIn } from '#app/lib/time.ts'

const TargetSchema = z.object({
  uptId: z.string({ error: 'field.required' }).min(1).max(64),
  year: z.coerce
    .number({ error: 'field.required' })
    .int({ error: 'field.invalid' })
    .min(2017, { error: 'field.invalid' })
    .max(2100, { error: 'field.invalid' }),
  amount: z.coerce
    .number({ error: 'field.required' })
    .int({ error: 'ledger.badAmount' })
    .min(0, { error: 'ledger.badAmount' })
    .max(900_000_000_000, { error: 'ledger.badAmount' }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'finance.national' })
  const db = getDb()
  const year = Number(todayIn().slice(0, 4))
  const [upts, targets] = await Promise.all([listUptNames(db), listPnbpTargets(db)])
  return { upts, targets, year }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request, { permission: 'finance.national' })
  const submission = parseWithZod(await readForm(request), { schema: TargetSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const db = getDb()
  const v = submission.value
  try {
    await setTarget(db, { ...v, actorUserId: session.user.id })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect('/finance/targets', { headers: { 'Set-Cookie': flashCookie('targets.saved') } })
}

export default function TargetsPage() {
  const t = useT()
  const { upts, targets, year } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof TargetSchema>>({
    id: 'target',
    lastResult,
    constraint: getZodConstraint(TargetSchema),
    defaultValue: { year: String(year) },
  })
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/finance">{t('finance.title')}</Link>
      </p>
      <h1>{t('targets.title')}</h1>
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <SelectField
          label={t('finance.upt')}
          errors={fields.uptId.errors}
          errorId={fields.uptId.errorId}
          selectProps={getSelectProps(fields.uptId)}
          placeholder="—"
          options={upts.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Field
          label={t('targets.year')}
          errors={fields.year.errors}
          errorId={fields.year.errorId}
          inputProps={getInputProps(fields.year, { type: 'number' })}
        />
        <Field
          label={t('billing.amount')}
          errors={fields.amount.errors}
          errorId={fields.amount.errorId}
          inputProps={{ ...getInputProps(fields.amount, { type: 'number' }), step: 1, min: 0 }}
        />
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
      <ListTable
        label={t('targets.title')}
        rows={targets}
        rowKey={(x) => x.id}
        empty={{ title: t('empty.title') }}
        columns={[
          { header: t('finance.upt'), rowHeader: true, cell: (x) => x.name },
          { header: t('targets.year'), cell: (x) => x.year },
          { header: t('finance.target'), cell: (x) => <Money amount={x.amount} /> },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.pnbpTargets') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
