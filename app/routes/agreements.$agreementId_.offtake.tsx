import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { EmptyState, Money } from '#app/components/ui/misc.tsx'
import { authorize } from '#app/domain/identity/authorize.ts'
import {
  loadOfftakeAgreement,
  offtakeDetails,
  offtakeProducts,
  offtakeTerms,
  offtakeUnitsOrdered,
  placeAgreementOfftake,
} from '#app/domain/orders/offtake.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { denied, notFound, requireUser } from '#app/web/guards.server.ts'

const OfftakeSchema = z.object({
  productId: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(64),
  qty: z.coerce
    .number({ error: 'field.required' })
    .int({ error: 'cart.qtyInvalid' })
    .min(1, { error: 'cart.qtyInvalid' })
    .max(1_000_000, { error: 'cart.qtyInvalid' }),
})

/** The partner's side of an active absorption agreement; anyone else is refused (audited). */
async function guard(request: Request, agreementId: string | undefined) {
  const session = await requireUser(request)
  const db = getDb()
  const a = await loadOfftakeAgreement(db, agreementId ?? '')
  if (!a) notFound()
  if (!authorize(session.principal, 'partner.manage', { partnerId: a.partner_id })) {
    await denied(request, session.user.id, 'partner.manage', { partnerId: a.partner_id })
  }
  if (a.kind !== 'absorption') notFound()
  return { session, a, db }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { a, db } = await guard(request, params.agreementId)
  const { unitPrice, totalUnits, category } = offtakeTerms(a)
  const [ordered, products, { number, uptName, sectors }] = await Promise.all([
    offtakeUnitsOrdered(db, a.id),
    offtakeProducts(db, a),
    offtakeDetails(db, a),
  ])
  return {
    id: a.id,
    number,
    uptName,
    active: a.status === 'active',
    unitPrice,
    totalUnits,
    ordered,
    products,
    category,
    sectors,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, a, db } = await guard(request, params.agreementId)
  const submission = parseWithZod(await readForm(request), { schema: OfftakeSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  let placed
  try {
    placed = await placeAgreementOfftake(db, {
      agreement: a,
      productId: submission.value.productId,
      qty: submission.value.qty,
      userId: session.user.id,
      buyerEmail: session.user.email,
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/account/orders/${placed.orderNumber}`, { headers: { 'Set-Cookie': flashCookie('offtake.placed') } })
}

export default function OfftakePage() {
  const t = useT()
  const lang = useLang()
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(OfftakeSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfftakeSchema }),
  })
  const left = Math.max(0, d.totalUnits - d.ordered)
  return (
    <div className="stack form-narrow">
      <p>
        <Link to={`/agreements/${d.id}`}>← {d.number}</Link>
      </p>
      <h1>{t('offtake.title')}</h1>
      <p className="lead">{t('offtake.intro', { upt: d.uptName })}</p>
      <dl className="dl">
        <dt>{t('offtake.category')}</dt>
        <dd>
          {[d.category, d.sectors.map((s) => (lang === 'en' ? s.name_en : s.name_id)).join(', ')]
            .filter(Boolean)
            .join(' · ') || '—'}
        </dd>
        <dt>{t('offtake.price')}</dt>
        <dd>
          <Money amount={d.unitPrice} />
        </dd>
        <dt>{t('offtake.units')}</dt>
        <dd>{t('offtake.unitsLeft', { left, total: d.totalUnits })}</dd>
      </dl>
      {!d.active ? (
        <p className="alert alert-info">{t('offtake.notActive')}</p>
      ) : d.products.length === 0 ? (
        <EmptyState title={t('offtake.noProducts')} />
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <SelectField
            label={t('offtake.product')}
            errors={fields.productId.errors}
            errorId={fields.productId.errorId}
            selectProps={getSelectProps(fields.productId)}
            placeholder="—"
            options={d.products.map((p) => ({
              value: p.id,
              label: p.stock_mode === 'stock' ? `${p.name} (${t('offtake.stock', { n: p.stock })})` : p.name,
            }))}
          />
          <Field
            label={t('offtake.qty')}
            errors={fields.qty.errors}
            errorId={fields.qty.errorId}
            inputProps={{ ...getInputProps(fields.qty, { type: 'number' }), inputMode: 'numeric' }}
          />
          <p className="muted">{t('offtake.paymentNote')}</p>
          <button type="submit" className="button">
            {t('offtake.submit')}
          </button>
        </Form>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.offtakeOrder') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
