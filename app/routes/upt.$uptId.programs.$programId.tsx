import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { KindBadge, Quantity } from '#app/components/partners.tsx'
import { ProgramForm } from '#app/components/program-form.tsx'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { DomainError } from '#app/domain/errors.ts'
import { addNeed, removeNeed, updateProgram } from '#app/domain/programs/manage.ts'
import { getProgram } from '#app/domain/programs/queries.ts'
import { NeedSchema, ProgramSchema } from '#app/domain/programs/schemas.ts'
import { KIND_UNIT } from '#app/domain/offers/terms.ts'
import { listSectors } from '#app/domain/registry/reference.ts'
import { needRules } from '#app/domain/programs/need-rules.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { recordTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { notFound, requireUptManager } from '#app/web/guards.server.ts'

type Meta = { name: string; id: string; errorId: string; errors?: string[]; initialValue?: unknown }

/** The program must belong to the UPT in the URL, which the user must manage. */
async function ownProgram(request: Request, uptId: string, programId: string) {
  const ctx = await requireUptManager(request, uptId)
  const program = await getProgram(getDb(), programId)
  if (!program || program.upt_id !== ctx.upt.id) notFound()
  return { ...ctx, program }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt, program } = await ownProgram(request, params.uptId ?? '', params.programId ?? '')
  const db = getDb()
  const [sectors, rules] = await Promise.all([listSectors(db), needRules(db, upt.id)])
  if (!rules) notFound()
  return { upt: { id: upt.id, name: upt.name }, program, sectors, needRules: rules }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt, program } = await ownProgram(request, params.uptId ?? '', params.programId ?? '')
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const actor = { userId: session.user.id, ip: clientIp(request) }
  const db = getDb()
  const back = `/upt/${upt.id}/programs/${program.id}`
  if (intent === 'need') {
    const submission = parseWithZod(formData, { schema: NeedSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    try {
      await addNeed(db, upt.id, program.id, submission.value, actor)
    } catch (error) {
      return replyWithDomainError(submission, error)
    }
    throw redirect(back, { headers: { 'Set-Cookie': flashCookie('program.needAddedFlash') } })
  }
  if (intent === 'removeNeed') {
    try {
      await removeNeed(db, upt.id, String(formData.get('needId') ?? ''), actor)
    } catch (error) {
      if (error instanceof DomainError)
        throw data({ message: error.code }, { status: error.code === 'error.notFound' ? 404 : 400 })
      throw error
    }
    throw redirect(back, { headers: { 'Set-Cookie': flashCookie('program.needRemovedFlash') } })
  }
  const submission = parseWithZod(formData, { schema: ProgramSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await updateProgram(db, upt.id, program.id, submission.value, actor)
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(back, { headers: { 'Set-Cookie': flashCookie('form.saved') } })
}

export default function EditProgramPage() {
  const t = useT()
  const lang = useLang()
  const { upt, program: p, sectors, needRules: rules } = useLoaderData<typeof loader>()
  const allowed = rules.kinds.filter((k) => !k.refusal).map((k) => k.kind)
  const refused = rules.kinds.filter((k) => k.refusal)
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const isNeedReply =
    lastResult &&
    'initialValue' in lastResult &&
    (lastResult.initialValue as Record<string, unknown> | undefined)?.intent === 'need'
  const [needForm, rawNeed] = useForm({
    id: 'need',
    lastResult: isNeedReply ? lastResult : undefined,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NeedSchema }),
  })
  const nf = rawNeed as unknown as Record<string, Meta>
  const confirmNeed = p.needs.find((n) => n.id === params.get('remove'))
  return (
    <div className="stack">
      <p>
        <Link to={`/upt/${upt.id}`}>← {upt.name}</Link>
      </p>
      <h1>{p.title}</h1>
      {p.status !== 'draft' ? (
        <p>
          <Link to={`/programs/${p.slug}`}>{t('program.publicPage')}</Link>
        </p>
      ) : (
        <p className="muted">{t('program.draftHidden')}</p>
      )}
      <h2>{t('program.needs')}</h2>
      {p.status === 'active' ? (
        <p>
          <Link to={`/upt/${upt.id}/suggestions`}>{t('match.uptSuggestionsTitle')}</Link> ·{' '}
          <Link to={`/upt/${upt.id}/outcomes`}>{t('outcome.programTitle')}</Link>
        </p>
      ) : null}
      {confirmNeed ? (
        <ConfirmDialog
          id="remove-q"
          question={t('program.removeNeedConfirm')}
          fields={{ intent: 'removeNeed', needId: confirmNeed.id }}
          cancelTo="."
        />
      ) : null}
      <ListTable
        label={t('program.needs')}
        rows={p.needs}
        rowKey={(n) => n.id}
        empty={{ title: t('program.noNeeds'), children: <p>{t('program.noNeedsNext')}</p> }}
        columns={[
          { header: t('dir.kind'), cell: (n) => <KindBadge kind={n.kind} /> },
          { header: t('program.needed'), cell: (n) => <Quantity value={n.quantity} unit={n.unit} /> },
          { header: t('program.covered'), cell: (n) => <Quantity value={n.quantity_covered} unit={n.unit} /> },
          {
            header: t('program.neededBy'),
            cell: (n) => (n.needed_by ? formatDate(n.needed_by, lang) : t('common.none')),
          },
          {
            header: t('common.actions'),
            cell: (n) =>
              n.quantity_covered === 0 ? <Link to={`?remove=${n.id}`}>{t('program.removeNeed')}</Link> : null,
          },
        ]}
      />
      <h2>{t('program.addNeed')}</h2>
      <Form method="post" className="form card" {...getFormProps(needForm)}>
        <FormErrors errors={needForm.errors} />
        <input type="hidden" name="intent" value="need" />
        <SelectField
          label={t('dir.kind')}
          errors={nf.kind!.errors}
          errorId={nf.kind!.errorId}
          selectProps={{ id: nf.kind!.id, name: 'kind', defaultValue: nf.kind!.initialValue as string | undefined }}
          placeholder="—"
          options={allowed.map((k) => ({ value: k, label: `${t(`kind.${k}`)} (${t(`unit.${KIND_UNIT[k]}`)})` }))}
        />
        {refused.length > 0 ? (
          <div className="muted">
            <p>{t('need.notOffered')}</p>
            <ul className="need-refused">
              {refused.map((k) => (
                <li key={k.kind}>
                  <strong>{t(`kind.${k.kind}`)}</strong>:{' '}
                  {t(k.refusal!, {
                    level: t(`security.${rules.securityLevel ?? 'medium'}`),
                    type: t(`upt.type.${rules.type}`),
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Field
          label={t('program.quantity')}
          hint={t('program.quantityHint')}
          errors={nf.quantity!.errors}
          errorId={nf.quantity!.errorId}
          inputProps={{ id: nf.quantity!.id, name: 'quantity', type: 'number', min: 1, inputMode: 'numeric' }}
        />
        <Field
          label={t('program.neededBy')}
          errors={nf.neededBy!.errors}
          errorId={nf.neededBy!.errorId}
          hint={t('need.neededByHint')}
          inputProps={{
            id: nf.neededBy!.id,
            name: 'neededBy',
            type: 'date',
            min: rules.today,
            defaultValue: nf.neededBy!.initialValue as string | undefined,
          }}
        />
        <Field
          label={t('program.needNote')}
          errors={nf.note!.errors}
          errorId={nf.note!.errorId}
          inputProps={{ id: nf.note!.id, name: 'note', type: 'text' }}
        />
        <button type="submit" className="button">
          {t('program.addNeed')}
        </button>
      </Form>
      <h2>{t('program.edit')}</h2>
      <ProgramForm
        lastResult={!isNeedReply && lastResult && 'initialValue' in lastResult ? lastResult : undefined}
        defaults={{
          title: p.title,
          sectorId: p.sector_id,
          description: p.description,
          participants: String(p.participants),
          eligibilityRule: p.eligibility_rule ?? undefined,
          schedule: p.schedule ?? undefined,
          status: p.status,
        }}
        sectors={sectors}
        submitLabel={t('form.save')}
      />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: recordTitle(matches, data?.program.title, 'title.program') },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
