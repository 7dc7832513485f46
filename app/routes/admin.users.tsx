import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { revokeGrant } from '#app/domain/identity/invitations.ts'
import { inviteAndEmail } from '#app/domain/identity/emails.server.ts'
import { authorize } from '#app/domain/identity/authorize.ts'
import { getStaffGrant, listStaff } from '#app/domain/identity/queries.ts'
import { ForbiddenError } from '#app/domain/errors.ts'
import { emailSchema } from '#app/domain/identity/schemas.ts'
import { listUptsForKanwil } from '#app/domain/registry/upts.ts'
import { requireAdmin, denied } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { getLang } from '#app/web/i18n.server.ts'
import { clientIp } from '#app/web/request.server.ts'

const InviteSchema = z.object({
  intent: z.literal('invite'),
  email: emailSchema,
  role: z.enum(['upt_staff', 'finance'], { error: 'field.required' }),
  uptId: z.string().max(64).optional(),
})
const RevokeSchema = z.object({ intent: z.literal('revoke'), assignmentId: z.string().min(1).max(64) })
const ActionSchema = z.discriminatedUnion('intent', [InviteSchema, RevokeSchema])

export async function loader({ request }: LoaderFunctionArgs) {
  const { kanwilId } = await requireAdmin(request)
  const [upts, staff] = await Promise.all([listUptsForKanwil(getDb(), kanwilId), listStaff(getDb(), kanwilId)])
  return { upts, staff, national: kanwilId === null }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, kanwilId } = await requireAdmin(request)
  const db = getDb()
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const ip = clientIp(request)
  if (v.intent === 'revoke') {
    const row = await getStaffGrant(db, v.assignmentId)
    if (!row) throw data({ message: 'error.notFound' }, { status: 404 })
    if (!authorize(session.principal, 'upt.administer', { kanwilId: row.kanwil_id ?? undefined })) {
      await denied(request, session.user.id, 'upt.administer', { kanwilId: row.kanwil_id ?? undefined })
    }
    try {
      await revokeGrant(db, { assignmentId: row.id, actorUserId: session.user.id, kanwilId, ip })
    } catch (error) {
      return replyWithDomainError(submission, error)
    }
    throw redirect('/admin/users', { headers: { 'Set-Cookie': flashCookie('invite.revoked') } })
  }
  try {
    // Who may invite whom where (national finance: national admins only) is checked in the domain.
    await inviteAndEmail(db, {
      principal: session.principal,
      adminKanwilId: kanwilId,
      invitedBy: session.user.id,
      email: v.email,
      role: v.role,
      uptId: v.uptId ?? null,
      ip,
      lang: getLang(request),
      appUrl: getEnv().appUrl,
    })
  } catch (error) {
    if (error instanceof ForbiddenError) return denied(request, session.user.id, error.permission, error.scope)
    return replyWithDomainError(submission, error)
  }
  throw redirect('/admin/users', { headers: { 'Set-Cookie': flashCookie('invite.sent', { email: v.email }) } })
}

export default function AdminUsersPage() {
  const t = useT()
  const { upts, staff, national } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const confirmId = params.get('revoke')
  const confirming = staff.find((s) => s.id === confirmId)
  const [form, fields] = useForm({
    id: 'invite',
    lastResult,
    constraint: getZodConstraint(InviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  })
  return (
    <div className="stack">
      <h1>{t('invite.title')}</h1>
      <p className="lead">{t('invite.intro')}</p>
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="invite" />
        <Field
          label={t('invite.email')}
          errors={fields.email.errors}
          errorId={fields.email.errorId}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off' }}
        />
        <SelectField
          label={t('invite.role')}
          errors={fields.role.errors}
          errorId={fields.role.errorId}
          selectProps={getSelectProps(fields.role)}
          placeholder="—"
          options={[
            { value: 'upt_staff', label: t('role.upt_staff') },
            { value: 'finance', label: t('role.finance') },
          ]}
        />
        <SelectField
          label={t('invite.upt')}
          errors={fields.uptId.errors}
          errorId={fields.uptId.errorId}
          selectProps={getSelectProps(fields.uptId)}
          placeholder={national ? t('invite.uptNational') : '—'}
          options={upts.map((u) => ({ value: u.id, label: u.name }))}
        />
        <button type="submit" className="button">
          {t('invite.submit')}
        </button>
      </Form>

      <h2>{t('invite.staffList')}</h2>
      {confirming ? (
        <ConfirmDialog
          id="revoke-q"
          question={
            <>
              {t('invite.revokeConfirm')} <strong>{confirming.name}</strong> ({t(`role.${confirming.role}`)}
              {confirming.upt_name ? ` · ${confirming.upt_name}` : ''})
            </>
          }
          fields={{ intent: 'revoke', assignmentId: confirming.id }}
          cancelTo="/admin/users"
        />
      ) : null}
      <ListTable
        label={t('invite.staffList')}
        rows={staff}
        rowKey={(s) => s.id}
        empty={{ title: t('empty.title') }}
        columns={[
          {
            header: t('common.name'),
            cell: (s) => (
              <>
                {s.name}
                <br />
                <span className="muted">{s.email}</span>
              </>
            ),
          },
          { header: t('invite.role'), cell: (s) => t(`role.${s.role}`) },
          { header: t('invite.upt'), cell: (s) => s.upt_name ?? t('role.national') },
          { header: t('common.actions'), cell: (s) => <Link to={`?revoke=${s.id}`}>{t('invite.revoke')}</Link> },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.inviteStaff') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
