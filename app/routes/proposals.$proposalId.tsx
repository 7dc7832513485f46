import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { StatusBadge } from '#app/components/ui/misc.tsx'
import { getProposal } from '#app/domain/agreements/queries.ts'
import { AcceptSchema, DeclineSchema } from '#app/domain/agreements/schemas.ts'
import { accept, decline, parseProposalForm, withdraw } from '#app/web/actions/proposal.server.ts'
import { sideOf, denied, notFound, requireUser } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { formatDate, formatNumber } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { todayIn } from '#app/lib/time.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

async function load(request: Request, id: string | undefined) {
  const session = await requireUser(request)
  const p = await getProposal(getDb(), id ?? '')
  if (!p) notFound()
  await requireUser(request, {
    permission: 'agreement.view',
    scope: { partnerId: p.partner_id, uptId: p.upt_id, kanwilId: p.kanwil_id },
  })
  return { session, p, side: sideOf(session, p) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { p, side } = await load(request, params.proposalId)
  const open = p.effective_status === 'proposed'
  return {
    p,
    side,
    canAnswer: open && side !== null && side !== p.proposed_by_side,
    canWithdraw: open && side === p.proposed_by_side,
    today: todayIn(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, p, side } = await load(request, params.proposalId)
  if (!side) return denied(request, session.user.id, 'agreement.act', { partnerId: p.partner_id, uptId: p.upt_id })
  const submission = parseProposalForm(await readForm(request))
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  // One handler per intent (app/web/actions/proposal.server.ts).
  const intent = { request, userId: session.user.id, p, side, submission }
  const v = submission.value
  switch (v.intent) {
    case 'accept':
      return accept(intent, v)
    case 'decline':
      return decline(intent, v)
    default:
      return withdraw(intent)
  }
}

export default function ProposalPage() {
  const t = useT()
  const lang = useLang()
  const { p, side, canAnswer, canWithdraw, today } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const [params] = useSearchParams()
  const intentOf = (r: typeof reply) => (r?.initialValue as { intent?: string } | undefined)?.intent
  const [accept, af] = useForm({
    id: 'accept',
    lastResult: intentOf(reply) === 'accept' ? reply : undefined,
    constraint: getZodConstraint(AcceptSchema),
    defaultValue: { terms: p.message ?? '', startDate: today, endDate: '' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptSchema }),
    shouldRevalidate: 'onBlur',
  })
  const [decline, df] = useForm({
    id: 'decline',
    lastResult: intentOf(reply) === 'decline' ? reply : undefined,
    constraint: getZodConstraint(DeclineSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclineSchema }),
    shouldRevalidate: 'onBlur',
  })
  const status = p.effective_status
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/agreements">{t('agreement.listTitle')}</Link>
      </p>
      <h1>{t('proposal.title')}</h1>
      <p>
        <StatusBadge
          status={status === 'proposed' ? 'pending' : status === 'accepted' ? 'active' : status}
          label={t(`proposal.status.${status}`)}
        />
      </p>
      <dl className="dl">
        <dt>{t('match.kind')}</dt>
        <dd>{t(`kind.${p.kind}`)}</dd>
        <dt>{t('match.forOffer')}</dt>
        <dd>
          {p.offer_title} ({p.partner_name})
        </dd>
        <dt>{t('match.program')}</dt>
        <dd>
          {p.program_title} ({p.upt_name})
        </dd>
        <dt>{t('agreement.quantity')}</dt>
        <dd>
          {formatNumber(p.quantity, lang)} {t(`unit.${p.unit}`)}
        </dd>
        <dt>{t('proposal.from')}</dt>
        <dd>{t(`proposal.side.${p.proposed_by_side}`)}</dd>
        <dt>{t('proposal.expiresOn')}</dt>
        <dd>{formatDate(p.expires_on, lang)}</dd>
        {p.message ? (
          <>
            <dt>{t('match.message')}</dt>
            <dd>{p.message}</dd>
          </>
        ) : null}
        {p.decline_reason ? (
          <>
            <dt>{t('proposal.declineReason')}</dt>
            <dd>{p.decline_reason}</dd>
          </>
        ) : null}
      </dl>
      {p.agreement_id ? <Link to={`/agreements/${p.agreement_id}`}>{t('agreement.title')}</Link> : null}

      {canAnswer ? (
        <div className="grid-2 grid-top">
          <Form method="post" className="form card" {...getFormProps(accept)}>
            <h2>{t('proposal.acceptTitle')}</h2>
            <FormErrors errors={accept.errors} />
            <input type="hidden" name="intent" value="accept" />
            <TextareaField
              label={t('agreement.terms')}
              errors={af.terms.errors}
              errorId={af.terms.errorId}
              textareaProps={getTextareaProps(af.terms)}
            />
            <Field
              label={t('agreement.startDate')}
              errors={af.startDate.errors}
              errorId={af.startDate.errorId}
              inputProps={getInputProps(af.startDate, { type: 'date' })}
            />
            <Field
              label={t('agreement.endDate')}
              errors={af.endDate.errors}
              errorId={af.endDate.errorId}
              inputProps={getInputProps(af.endDate, { type: 'date' })}
            />
            <Field
              label={t('agreement.pksNumber')}
              errors={af.pksNumber.errors}
              errorId={af.pksNumber.errorId}
              inputProps={getInputProps(af.pksNumber, { type: 'text' })}
            />
            <Field
              label={t('agreement.pksDocumentUrl')}
              errors={af.pksDocumentUrl.errors}
              errorId={af.pksDocumentUrl.errorId}
              inputProps={getInputProps(af.pksDocumentUrl, { type: 'url' })}
            />
            <button type="submit" className="button">
              {t('proposal.accept')}
            </button>
          </Form>
          <Form method="post" className="form card" {...getFormProps(decline)}>
            <h2>{t('proposal.declineTitle')}</h2>
            <FormErrors errors={decline.errors} />
            <input type="hidden" name="intent" value="decline" />
            <TextareaField
              label={t('proposal.reason')}
              errors={df.reason.errors}
              errorId={df.reason.errorId}
              textareaProps={getTextareaProps(df.reason)}
            />
            <button type="submit" className="button button-secondary">
              {t('proposal.decline')}
            </button>
          </Form>
        </div>
      ) : null}

      {canWithdraw ? (
        <>
          <p>{t('proposal.waiting')}</p>
          {params.get('withdraw') ? (
            <ConfirmDialog
              id="withdraw-q"
              question={t('proposal.withdrawConfirm')}
              fields={{ intent: 'withdraw' }}
              cancelTo={`/proposals/${p.id}`}
            />
          ) : (
            <Link to="?withdraw=1">{t('proposal.withdraw')}</Link>
          )}
        </>
      ) : null}
      {side === null ? null : <FormErrors errors={!canAnswer && reply?.error?.[''] ? reply.error[''] : undefined} />}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.proposal') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
