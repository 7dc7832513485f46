import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { type Permission, authorize } from '#app/domain/identity/authorize.ts'
import { listSplitRules, saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { percentToBp } from '#app/domain/ledger/split.ts'
import { listUptNames } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireFinance, denied } from '#app/web/guards.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { formatBasisPoints, formatDate } from '#app/lib/format.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'

const percent = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    const bp = percentToBp((v ?? '') || '0')
    if (bp === null) {
      ctx.addIssue({ code: 'custom', message: 'rules.percent' })
      return z.NEVER
    }
    return bp
  })
const RuleSchema = z.object({
  ruleKey: z.string().max(64).optional(),
  scope: z.enum(['national', 'upt', 'program', 'agreement'], { error: 'field.required' }),
  uptId: z.string().max(64).optional(),
  programId: z.string().trim().max(64).optional(),
  agreementId: z.string().trim().max(64).optional(),
  base: z.enum(['sales', 'profit'], { error: 'field.required' }),
  pnbp: percent,
  premi: percent,
  production: percent,
  partner: percent,
  operations: percent,
  effectiveFrom: z.string({ error: 'field.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.invalidDate' }),
})

const UPT_FINANCE: Permission = 'upt.finance'

export async function loader({ request }: LoaderFunctionArgs) {
  const { uptId } = await requireFinance(request)
  const db = getDb()
  const rules = await listSplitRules(db, uptId)
  const upts = await listUptNames(db, uptId)
  return { rules, upts, national: uptId === null }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, uptId } = await requireFinance(request)
  const submission = parseWithZod(await readForm(request), { schema: RuleSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const v = submission.value
  const db = getDb()
  // UPT finance may only write rules for their own UPT; national defaults need national finance.
  const permission: Permission = v.scope === 'national' ? 'finance.national' : UPT_FINANCE
  if (!authorize(session.principal, permission, { uptId: v.uptId ?? '' })) {
    await denied(request, session.user.id, permission, { uptId: v.uptId })
  }
  // The UPT, program, agreement and rule key are resolved inside that UPT by saveSplitRule (404 otherwise).
  try {
    await saveSplitRule(db, {
      ruleKey: v.ruleKey || undefined,
      scope: v.scope,
      uptId: v.scope === 'national' ? null : (v.uptId ?? uptId),
      programId: v.programId || null,
      agreementId: v.agreementId || null,
      base: v.base,
      shares: { pnbp: v.pnbp, premi: v.premi, production: v.production, partner: v.partner, operations: v.operations },
      effectiveFrom: v.effectiveFrom,
      actorUserId: session.user.id,
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect('/finance/rules', { headers: { 'Set-Cookie': flashCookie('rules.saved') } })
}

const bpText = (bp: number) => formatBasisPoints(bp).replace(',00%', '%')

export default function RulesPage() {
  const t = useT()
  const { rules, upts, national } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const editing = rules.find((r) => r.rule_key === params.get('edit'))
  const pct = (bp: number | undefined) => (bp === undefined ? undefined : String(bp / 100))
  const [form, fields] = useForm<z.input<typeof RuleSchema>>({
    id: `rule-${editing?.id ?? 'new'}`,
    lastResult,
    constraint: getZodConstraint(RuleSchema),
    defaultValue: editing
      ? {
          ruleKey: editing.rule_key,
          scope: editing.scope,
          uptId: editing.upt_id ?? '',
          programId: editing.program_id ?? '',
          agreementId: editing.agreement_id ?? '',
          base: editing.base,
          pnbp: pct(editing.pnbp_bp),
          premi: pct(editing.premi_bp),
          production: pct(editing.production_bp),
          partner: pct(editing.partner_bp),
          operations: pct(editing.operations_bp),
        }
      : { scope: national ? 'national' : 'upt', base: 'sales', uptId: upts.length === 1 ? upts[0]!.id : '' },
  })
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/finance">{t('finance.title')}</Link>
      </p>
      <h1>{t('rules.title')}</h1>
      <p className="lead">{t('rules.intro')}</p>
      <ListTable
        label={t('rules.title')}
        rows={rules}
        rowKey={(r) => r.id}
        empty={{ title: t('pnbp.noRule') }}
        columns={[
          {
            header: t('rules.scope'),
            cell: (r) => (
              <>
                {t(`rules.scope.${r.scope}`)}
                {r.upt_name ? ` · ${r.upt_name}` : ''}
                {r.program_id ? ` · ${r.program_id}` : ''}
                {r.agreement_id ? ` · ${r.agreement_id}` : ''}
                <br />
                <span className="muted">
                  {t('rules.version')} {r.version}
                </span>
              </>
            ),
          },
          { header: t('rules.base'), cell: (r) => t(`rules.base.${r.base}`) },
          { header: 'PNBP', cell: (r) => bpText(r.pnbp_bp) },
          { header: 'Premi', cell: (r) => bpText(r.premi_bp) },
          { header: t('finance.col.production'), cell: (r) => bpText(r.production_bp) },
          { header: t('finance.col.partner'), cell: (r) => bpText(r.partner_bp) },
          { header: t('finance.col.operations'), cell: (r) => bpText(r.operations_bp) },
          { header: t('rules.effectiveFrom'), cell: (r) => formatDate(r.effective_from) },
          {
            header: t('common.actions'),
            cell: (r) =>
              national || r.scope !== 'national' ? (
                <Link
                  to={`?edit=${r.rule_key}`}
                  aria-label={`${t('rules.editOf')} ${t(`rules.scope.${r.scope}`)} ${r.upt_name ?? ''} ${t('rules.version')} ${r.version}`}
                >
                  {t('rules.editOf')}
                </Link>
              ) : null,
          },
        ]}
      />
      <section className="card" aria-labelledby="rule-form">
        <h2 id="rule-form">
          {editing ? `${t('rules.editOf')} (${t('rules.version')} ${editing.version + 1})` : t('rules.new')}
        </h2>
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          {editing ? <input type="hidden" name="ruleKey" value={editing.rule_key} /> : null}
          <SelectField
            label={t('rules.scope')}
            errors={fields.scope.errors}
            errorId={fields.scope.errorId}
            selectProps={getSelectProps(fields.scope)}
            options={(national ? ['national', 'upt', 'program', 'agreement'] : ['upt', 'program', 'agreement']).map(
              (s) => ({ value: s, label: t(`rules.scope.${s}`) }),
            )}
          />
          <SelectField
            label={t('finance.upt')}
            errors={fields.uptId.errors}
            errorId={fields.uptId.errorId}
            selectProps={getSelectProps(fields.uptId)}
            placeholder="—"
            options={upts.map((u) => ({ value: u.id, label: u.name }))}
          />
          <div className="grid-2">
            <Field
              label={t('rules.programId')}
              errors={fields.programId.errors}
              errorId={fields.programId.errorId}
              inputProps={getInputProps(fields.programId, { type: 'text' })}
            />
            <Field
              label={t('rules.agreementId')}
              errors={fields.agreementId.errors}
              errorId={fields.agreementId.errorId}
              inputProps={getInputProps(fields.agreementId, { type: 'text' })}
            />
          </div>
          <SelectField
            label={t('rules.base')}
            errors={fields.base.errors}
            errorId={fields.base.errorId}
            selectProps={getSelectProps(fields.base)}
            options={['sales', 'profit'].map((b) => ({ value: b, label: t(`rules.base.${b}`) }))}
          />
          <div className="grid-2">
            {(['pnbp', 'premi', 'production', 'partner', 'operations'] as const).map((k) => (
              <Field
                key={k}
                label={t(`rules.${k}`)}
                errors={fields[k].errors}
                errorId={fields[k].errorId}
                inputProps={{ ...getInputProps(fields[k], { type: 'text' }), inputMode: 'decimal' }}
              />
            ))}
          </div>
          <Field
            label={t('rules.effectiveFrom')}
            errors={fields.effectiveFrom.errors}
            errorId={fields.effectiveFrom.errorId}
            inputProps={getInputProps(fields.effectiveFrom, { type: 'date' })}
          />
          <button type="submit" className="button">
            {t('form.save')}
          </button>
        </Form>
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.splitRules') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
