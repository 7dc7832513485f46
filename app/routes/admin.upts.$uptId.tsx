import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { changeUptStatus, getUpt, updateUpt, uptStatusHistory, uptStatusOn } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { notFound, requireUser } from '#app/web/guards.server.ts'

type Meta = { name: string; id: string; errorId: string; errors?: string[]; initialValue?: unknown }

const StatusSchema = z.object({
  intent: z.literal('status'),
  class: z.enum(['I', 'IIA', 'IIB', 'III'], { error: 'field.required' }).optional(),
  securityLevel: z.enum(['super_maximum', 'maximum', 'medium', 'minimum']).optional(),
  effectiveFrom: z.string({ error: 'field.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.date' }),
  note: z.string().trim().max(300, { error: 'field.tooLong' }).optional(),
})
const DetailsSchema = z.object({
  intent: z.literal('details'),
  name: z
    .string({ error: 'field.required' })
    .trim()
    .min(3, { error: 'field.required' })
    .max(160, { error: 'field.tooLong' }),
  city: z
    .string({ error: 'field.required' })
    .trim()
    .min(2, { error: 'field.required' })
    .max(120, { error: 'field.tooLong' }),
  note: z.string().trim().max(500, { error: 'field.tooLong' }).optional(),
})
const ActionSchema = z.discriminatedUnion('intent', [StatusSchema, DetailsSchema])

async function guard(request: Request, uptId: string) {
  const upt = await getUpt(getDb(), uptId)
  if (!upt) {
    await requireUser(request, { permission: 'admin.access' })
    notFound()
  }
  const session = await requireUser(request, { permission: 'upt.administer', scope: { kanwilId: upt.kanwil_id } })
  return { session, upt }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await guard(request, params.uptId ?? '')
  const db = getDb()
  const [current, history] = await Promise.all([uptStatusOn(db, upt.id), uptStatusHistory(db, upt.id)])
  return { upt, current, history }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await guard(request, params.uptId ?? '')
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const actor = { uptId: upt.id, actorUserId: session.user.id, ip: clientIp(request) }
  try {
    if (v.intent === 'status')
      await changeUptStatus(getDb(), {
        ...actor,
        class: v.class,
        securityLevel: v.securityLevel,
        effectiveFrom: v.effectiveFrom,
        note: v.note ?? null,
      })
    else await updateUpt(getDb(), { ...actor, name: v.name, city: v.city, note: v.note ?? null })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/admin/upts/${upt.id}`, { headers: { 'Set-Cookie': flashCookie('form.saved') } })
}

export default function AdminUptPage() {
  const t = useT()
  const lang = useLang()
  const { upt, current, history } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const intent =
    lastResult && 'initialValue' in lastResult
      ? (lastResult.initialValue as Record<string, unknown> | undefined)?.intent
      : undefined
  const [statusForm, rs] = useForm({
    id: 'status',
    lastResult: intent === 'status' ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
  })
  const [detailsForm, rd] = useForm({
    id: 'details',
    lastResult: intent === 'details' ? lastResult : undefined,
    defaultValue: { name: upt.name, city: upt.city, note: upt.note ?? '' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
  })
  const s = rs as unknown as Record<string, Meta>
  const d = rd as unknown as Record<string, Meta>
  const dv = (n: string) => (typeof d[n]!.initialValue === 'string' ? (d[n]!.initialValue as string) : undefined)
  return (
    <div className="stack">
      <p>
        <Link to="/admin/upts">← {t('admin.upts')}</Link>
      </p>
      <h1>{upt.name}</h1>
      <dl className="dl">
        <dt>{t('common.type')}</dt>
        <dd>{t(`upt.type.${upt.type}`)}</dd>
        <dt>{t('upt.class')}</dt>
        <dd>{current.class ?? t('common.none')}</dd>
        <dt>{t('upt.securityLevel')}</dt>
        <dd>{t(`security.${current.securityLevel ?? 'unknown'}`)}</dd>
      </dl>
      <h2>{t('upt.changeStatus')}</h2>
      <p className="muted">{t('upt.changeStatusHelp')}</p>
      <Form method="post" className="form card" {...getFormProps(statusForm)}>
        <FormErrors errors={statusForm.errors} />
        <input type="hidden" name="intent" value="status" />
        <SelectField
          label={t('upt.class')}
          errors={s.class!.errors}
          errorId={s.class!.errorId}
          selectProps={{ id: 'status-class', name: 'class' }}
          placeholder={t('upt.unchanged')}
          options={['I', 'IIA', 'IIB', 'III'].map((c) => ({ value: c, label: c }))}
        />
        <SelectField
          label={t('upt.securityLevel')}
          errors={s.securityLevel!.errors}
          errorId={s.securityLevel!.errorId}
          selectProps={{ id: 'status-level', name: 'securityLevel' }}
          placeholder={t('upt.unchanged')}
          options={(['super_maximum', 'maximum', 'medium', 'minimum'] as const).map((l) => ({
            value: l,
            label: t(`security.${l}`),
          }))}
        />
        <Field
          label={t('upt.effectiveFrom')}
          errors={s.effectiveFrom!.errors}
          errorId={s.effectiveFrom!.errorId}
          inputProps={{ id: 'status-effectiveFrom', name: 'effectiveFrom', type: 'date', required: true }}
        />
        <Field
          label={t('upt.changeNote')}
          errors={s.note!.errors}
          errorId={s.note!.errorId}
          inputProps={{ id: 'status-note', name: 'note', type: 'text' }}
        />
        <button type="submit" className="button">
          {t('upt.recordChange')}
        </button>
      </Form>
      <h2>{t('upt.history')}</h2>
      <ListTable
        label={t('upt.history')}
        rows={history}
        rowKey={(h) => h.id}
        columns={[
          { header: t('upt.effectiveFrom'), cell: (h) => formatDate(h.effective_from, lang) },
          { header: t('upt.class'), cell: (h) => h.class ?? t('common.none') },
          { header: t('upt.securityLevel'), cell: (h) => t(`security.${h.security_level ?? 'unknown'}`) },
          { header: t('upt.changeNote'), cell: (h) => h.note ?? '' },
        ]}
      />
      <h2>{t('upt.details')}</h2>
      <Form method="post" className="form card" {...getFormProps(detailsForm)}>
        <FormErrors errors={detailsForm.errors} />
        <input type="hidden" name="intent" value="details" />
        <Field
          label={t('common.name')}
          errors={d.name!.errors}
          errorId={d.name!.errorId}
          inputProps={{ id: 'details-name', name: 'name', type: 'text', defaultValue: dv('name') }}
        />
        <Field
          label={t('upt.city')}
          errors={d.city!.errors}
          errorId={d.city!.errorId}
          inputProps={{ id: 'details-city', name: 'city', type: 'text', defaultValue: dv('city') }}
        />
        <Field
          label={t('upt.note')}
          errors={d.note!.errors}
          errorId={d.note!.errorId}
          inputProps={{ id: 'details-note', name: 'note', type: 'text', defaultValue: dv('note') }}
        />
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'title.adminUpt', { name: data?.upt.name ?? 'UPT' }) },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
