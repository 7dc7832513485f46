import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FilterInput, ListFilters, ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { authorize } from '#app/domain/identity/authorize.ts'
import { kanwilOfTargetScope, listTargets, setTargets } from '#app/domain/outcomes/targets.ts'
import { TargetSchema } from '#app/domain/outcomes/schemas.ts'
import { listKanwils } from '#app/domain/registry/reference.ts'
import { listUptsForKanwil } from '#app/domain/registry/upts.ts'
import { requireAdmin, denied } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { replyWithDomainError, readForm } from '#app/web/forms.server.ts'
import { formatNumber } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { todayIn } from '#app/lib/time.ts'

function yearFrom(url: string): number {
  const y = Number(new URL(url).searchParams.get('year'))
  return Number.isInteger(y) && y >= 2020 && y <= 2100 ? y : Number(todayIn().slice(0, 4))
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { kanwilId } = await requireAdmin(request)
  const db = getDb()
  const year = yearFrom(request.url)
  const [targets, k, upts] = await Promise.all([
    listTargets(db, year, kanwilId),
    listKanwils(db, kanwilId),
    listUptsForKanwil(db, kanwilId),
  ])
  return { year, national: kanwilId === null, targets, kanwils: k, upts }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, kanwilId } = await requireAdmin(request)
  const db = getDb()
  const submission = parseWithZod(await readForm(request), { schema: TargetSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  let scopeId = ''
  let kanwilOfScope: string | undefined
  if (v.scopeType !== 'national') {
    if (!v.scopeId)
      return data(submission.reply({ fieldErrors: { scopeId: ['target.scopeRequired'] } }), { status: 400 })
    kanwilOfScope = await kanwilOfTargetScope(db, v.scopeType, v.scopeId)
    if (!kanwilOfScope) return data(submission.reply({ fieldErrors: { scopeId: ['field.invalid'] } }), { status: 400 })
    scopeId = v.scopeId
  }
  const scope = kanwilOfScope ? { kanwilId: kanwilOfScope } : {}
  if (!authorize(session.principal, 'targets.manage', scope))
    return denied(request, session.user.id, 'targets.manage', scope)
  try {
    await setTargets(
      db,
      { year: v.year, scopeType: v.scopeType, scopeId, trained: v.trained, certified: v.certified },
      { userId: session.user.id, kanwilId, ip: clientIp(request) },
    )
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/admin/targets?year=${v.year}`, { headers: { 'Set-Cookie': flashCookie('target.saved') } })
}

export default function AdminTargets() {
  const t = useT()
  const lang = useLang()
  const { year, national, targets, kanwils, upts } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, f] = useForm({
    id: 'target',
    lastResult,
    constraint: getZodConstraint(TargetSchema),
    defaultValue: { year: String(year), scopeType: national ? 'national' : 'kanwil' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TargetSchema }),
    shouldRevalidate: 'onBlur',
  })
  const scopeOptions = [
    ...(national ? [{ value: 'national', label: t('target.scope.national') }] : []),
    { value: 'kanwil', label: t('target.scope.kanwil') },
    { value: 'upt', label: t('target.scope.upt') },
  ]
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/admin">{t('admin.title')}</Link> · <Link to="/admin/matching">{t('match.unmatchedTitle')}</Link> ·{' '}
        <Link to="/impact">{t('impact.title')}</Link>
      </p>
      <h1>{t('target.title')}</h1>
      <p className="lead">{t('target.intro')}</p>
      <ListTable
        label={t('target.title')}
        filters={
          <ListFilters label={t('target.year')} submitLabel={t('target.show')}>
            <FilterInput
              id="year-filter"
              name="year"
              label={t('target.year')}
              type="number"
              min={2020}
              max={2100}
              defaultValue={year}
            />
          </ListFilters>
        }
        rows={targets}
        rowKey={(r) => `${r.scopeType}-${r.scopeId}`}
        empty={{ title: t('target.none') }}
        columns={[
          {
            header: t('target.scope'),
            cell: (r) => (
              <>
                {t(`target.scope.${r.scopeType}`)}
                {r.name ? `: ${r.name}` : ''}
              </>
            ),
          },
          {
            header: t('target.trained'),
            num: true,
            cell: (r) => (r.trained === null ? '—' : formatNumber(r.trained, lang)),
          },
          {
            header: t('target.certified'),
            num: true,
            cell: (r) => (r.certified === null ? '—' : formatNumber(r.certified, lang)),
          },
        ]}
      />
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="target" />
        <Field
          label={t('target.year')}
          errors={f.year.errors}
          errorId={f.year.errorId}
          inputProps={getInputProps(f.year, { type: 'number' })}
        />
        <SelectField
          label={t('target.scope')}
          errors={f.scopeType.errors}
          errorId={f.scopeType.errorId}
          selectProps={getSelectProps(f.scopeType)}
          options={scopeOptions}
        />
        <SelectField
          label={`${t('target.kanwil')} / ${t('target.upt')}`}
          errors={f.scopeId.errors}
          errorId={f.scopeId.errorId}
          selectProps={getSelectProps(f.scopeId)}
          placeholder="—"
          options={[
            ...kanwils.map((k) => ({ value: k.id, label: `Kanwil · ${k.name}` })),
            ...upts.map((u) => ({ value: u.id, label: `UPT · ${u.name}` })),
          ]}
        />
        <div className="grid-2">
          <Field
            label={t('target.trained')}
            errors={f.trained.errors}
            errorId={f.trained.errorId}
            inputProps={{ ...getInputProps(f.trained, { type: 'number' }), inputMode: 'numeric' }}
          />
          <Field
            label={t('target.certified')}
            errors={f.certified.errors}
            errorId={f.certified.errorId}
            inputProps={{ ...getInputProps(f.certified, { type: 'number' }), inputMode: 'numeric' }}
          />
        </div>
        <button type="submit" className="button">
          {t('target.save')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.targets') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
