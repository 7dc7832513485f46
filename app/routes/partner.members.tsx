import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { inviteAndEmail } from '#app/domain/identity/emails.server.ts'
import { emailSchema } from '#app/domain/identity/schemas.ts'
import { removePartnerMember } from '#app/domain/partners/members.ts'
import { getMembership, listMembers } from '#app/domain/partners/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { getLang } from '#app/web/i18n.server.ts'
import { requirePartner, denied, notFound } from '#app/web/guards.server.ts'
import { clientIp } from '#app/web/request.server.ts'

const InviteMemberSchema = z.object({ email: emailSchema })
/** Removing a member is destructive: the form must carry the ticked "I am sure" box. */
const RemoveMemberSchema = z.object({
  intent: z.literal('remove'),
  assignmentId: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(100),
  confirm: z.literal('on', { error: 'member.confirmRequired' }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, partner } = await requirePartner(request, 'partner.own')
  const { members, pending } = await listMembers(getDb(), partner.id)
  const owners = members.filter((m) => m.partner_role === 'owner').length
  // ?remove=<id> asks for confirmation first; an id outside this organisation is simply ignored.
  const removeId = new URL(request.url).searchParams.get('remove')
  const removing = members.find((m) => m.id === removeId) ?? null
  return { members, pending, owners, removing, me: session.user.id }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, partner } = await requirePartner(request, 'partner.own')
  const formData = await readForm(request)
  const db = getDb()
  if (formData.get('intent') === 'remove') {
    const submission = parseWithZod(formData, { schema: RemoveMemberSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const row = await getMembership(db, submission.value.assignmentId)
    if (!row?.partner_id) notFound()
    if (row.partner_id !== partner.id)
      await denied(request, session.user.id, 'partner.own', { partnerId: row.partner_id })
    try {
      const { userId } = await removePartnerMember(db, {
        partnerId: partner.id,
        assignmentId: row.id,
        actorUserId: session.user.id,
        ip: clientIp(request),
      })
      // Removing oneself ends one's own session too.
      if (userId === session.user.id)
        throw redirect('/', { headers: { 'Set-Cookie': flashCookie('member.removedSelf') } })
    } catch (error) {
      if (error instanceof Response) throw error
      return replyWithDomainError(submission, error)
    }
    throw redirect('/partner/members', { headers: { 'Set-Cookie': flashCookie('member.removed') } })
  }
  const submission = parseWithZod(formData, { schema: InviteMemberSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await inviteAndEmail(db, {
      role: 'partner_member',
      partnerId: partner.id,
      invitedBy: session.user.id,
      email: submission.value.email,
      ip: clientIp(request),
      lang: getLang(request),
      appUrl: getEnv().appUrl,
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect('/partner/members', {
    headers: { 'Set-Cookie': flashCookie('invite.sent', { email: submission.value.email }) },
  })
}

export default function PartnerMembersPage() {
  const t = useT()
  const { members, pending, owners, removing, me } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const removeResult =
    lastResult && 'initialValue' in lastResult && lastResult.initialValue?.intent === 'remove' ? lastResult : undefined
  const removeErrors = removeResult?.error
    ? Object.values(removeResult.error)
        .flat()
        .filter((e): e is string => typeof e === 'string')
    : undefined
  const [form, fields] = useForm({
    id: 'invite-member',
    lastResult: removeResult ? undefined : lastResult,
    constraint: getZodConstraint(InviteMemberSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteMemberSchema }),
  })
  return (
    <div className="stack">
      <p>
        <Link to="/partner">← {t('partner.dashboard')}</Link>
      </p>
      <h1>{t('partner.members')}</h1>
      <ul className="cards">
        {members.map((m) => (
          <li key={m.id} className="card">
            <p>
              <strong>{m.name}</strong> · {m.email}
            </p>
            <p className="muted">
              {t(`member.role.${m.partner_role ?? 'member'}`)}
              {m.user_id === me ? ` · ${t('member.you')}` : null}
            </p>
            {m.partner_role === 'owner' && owners <= 1 ? (
              <p className="muted">{t('member.lastOwnerNote')}</p>
            ) : removing?.id === m.id ? (
              <ConfirmDialog
                id={`remove-q-${m.id}`}
                question={t(m.user_id === me ? 'member.removeSelfQuestion' : 'member.removeQuestion', { name: m.name })}
                action="/partner/members"
                fields={{ intent: 'remove', assignmentId: m.id }}
                sure={{ id: `remove-confirm-${m.id}`, label: t('member.removeSure') }}
                errors={removeErrors}
                confirmLabel={t('member.remove')}
                cancelTo="/partner/members"
              />
            ) : (
              <p>
                <Link
                  to={`?remove=${m.id}`}
                  className="button button-secondary"
                  aria-label={t('member.removeNamed', { name: m.name })}
                >
                  {t('member.remove')}
                </Link>
              </p>
            )}
          </li>
        ))}
      </ul>
      {pending.length ? (
        <>
          <h2>{t('member.pending')}</h2>
          <ul>
            {pending.map((p) => (
              <li key={p.id}>{p.email}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('member.invite')}</h2>
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field
          label={t('invite.email')}
          errors={fields.email.errors}
          errorId={fields.email.errorId}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off' }}
        />
        <button type="submit" className="button">
          {t('invite.submit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.members') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
