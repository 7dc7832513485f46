import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { createInvitation } from '#app/domain/identity/accounts.ts'
import { emailSchema } from '#app/domain/identity/schemas.ts'
import { translator } from '#app/i18n/index.ts'
import { sendEmail } from '#app/integrations/email.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { flashCookie } from '#app/utils/flash.server.ts'
import { replyWithDomainError } from '#app/utils/forms.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { getLang } from '#app/utils/i18n.server.ts'
import { requirePartner } from '#app/utils/partner.server.ts'
import { clientIp } from '#app/utils/request.server.ts'

const InviteMemberSchema = z.object({ email: emailSchema })

export async function loader({ request }: LoaderFunctionArgs) {
  const { partner } = await requirePartner(request, 'partner.own')
  const db = getDb()
  const members = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'u.name', 'u.email', 'r.partner_role'])
    .where('r.partner_id', '=', partner.id)
    .where('r.role', '=', 'partner_member')
    .where('r.revoked_at', 'is', null)
    .orderBy('u.name')
    .execute()
  const pending = await db
    .selectFrom('invitations')
    .select(['id', 'email', 'expires_at'])
    .where('partner_id', '=', partner.id)
    .where('accepted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute()
  return { members, pending }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, partner } = await requirePartner(request, 'partner.own')
  const submission = parseWithZod(await request.formData(), { schema: InviteMemberSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const db = getDb()
  try {
    const { token } = await createInvitation(db, { invitedBy: session.user.id, email: submission.value.email, role: 'partner_member', partnerId: partner.id, ip: clientIp(request) })
    const t = translator(getLang(request))
    await sendEmail(db, {
      to: submission.value.email,
      subject: t('member.emailSubject', { partner: partner.name }),
      text: t('member.emailBody', { partner: partner.name, link: `${getEnv().appUrl}/invite/${token}` }),
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect('/partner/members', { headers: { 'Set-Cookie': flashCookie('invite.sent', { email: submission.value.email }) } })
}

export default function PartnerMembersPage() {
  const t = useT()
  const { members, pending } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'invite-member',
    lastResult,
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
            <p className="muted">{t(`member.role.${m.partner_role ?? 'member'}`)}</p>
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
        <Field label={t('invite.email')} errors={fields.email.errors} errorId={fields.email.errorId} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off' }} />
        <button type="submit" className="button">
          {t('invite.submit')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Anggota organisasi · Mitra Lipas' }]
