import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { OfferForm, offerDefaults } from '#app/components/offer-form.tsx'
import { OfferTermsList } from '#app/components/offer-view.tsx'
import { Quantity } from '#app/components/partners.tsx'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { StatusBadge } from '#app/components/ui/misc.tsx'
import { DomainError } from '#app/domain/errors.ts'
import { changeOfferStatus, updateOffer } from '#app/domain/offers/lifecycle.ts'
import { getOffer } from '#app/domain/offers/queries.ts'
import { OfferFormSchema } from '#app/domain/offers/schemas.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { recordTitle, useT } from '#app/web/i18n.tsx'
import { requirePartner, denied, notFound } from '#app/web/guards.server.ts'
import { clientIp } from '#app/web/request.server.ts'

/** Loads the offer and refuses it unless it belongs to the signed-in member's organisation. */
async function ownOffer(request: Request, offerId: string) {
  const ctx = await requirePartner(request)
  const offer = await getOffer(getDb(), offerId)
  if (!offer) notFound()
  if (offer.partner_id !== ctx.partner.id)
    await denied(request, ctx.session.user.id, 'partner.manage', { partnerId: offer.partner_id })
  return { ...ctx, offer }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { offer, partner } = await ownOffer(request, params.offerId ?? '')
  const db = getDb()
  const [sectors, provinces] = await Promise.all([listSectors(db), listProvinces(db)])
  const { terms: _t, ...rest } = offer
  return { offer: rest, defaults: offerDefaults(offer), sectors, provinces, verified: partner.status === 'verified' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, partner, offer } = await ownOffer(request, params.offerId ?? '')
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const actor = { userId: session.user.id, ip: clientIp(request) }
  const db = getDb()
  if (intent === 'open' || intent === 'close') {
    try {
      await changeOfferStatus(db, partner.id, offer.id, intent === 'open' ? 'open' : 'closed', actor)
    } catch (error) {
      if (error instanceof DomainError)
        return data({ status: 'error' as const, error: { '': [error.code] } }, { status: 400 })
      throw error
    }
    throw redirect(`/partner/offers/${offer.id}`, {
      headers: { 'Set-Cookie': flashCookie(intent === 'open' ? 'offer.publishedFlash' : 'offer.closedFlash') },
    })
  }
  const submission = parseWithZod(formData, { schema: OfferFormSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await updateOffer(db, partner.id, offer.id, submission.value, actor)
    if (intent === 'publish' && offer.status === 'draft')
      await changeOfferStatus(db, partner.id, offer.id, 'open', actor)
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/partner/offers/${offer.id}`, { headers: { 'Set-Cookie': flashCookie('offer.savedFlash') } })
}

export default function EditOfferPage() {
  const t = useT()
  const { offer, defaults, sectors, provinces, verified } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const editable = offer.effective_status !== 'closed' && offer.effective_status !== 'expired'
  const statusErrors =
    lastResult && 'error' in lastResult && lastResult.error
      ? (lastResult.error as Record<string, string[]>)['']
      : undefined
  return (
    <div className="stack">
      <p>
        <Link to="/partner">← {t('partner.dashboard')}</Link>
      </p>
      <h1>{offer.title}</h1>
      <p>
        {t(`kind.${offer.kind}`)} ·{' '}
        <StatusBadge status={offer.effective_status} label={t(`offer.status.${offer.effective_status}`)} />
      </p>
      <dl className="dl">
        <dt>{t('offer.capacity')}</dt>
        <dd>
          <Quantity value={offer.capacity_total} unit={offer.unit} />
        </dd>
        <dt>{t('offer.remaining')}</dt>
        <dd>
          <Quantity value={offer.capacity_remaining} unit={offer.unit} />
        </dd>
      </dl>
      {offer.effective_status === 'open' ? (
        <p>
          <Link to={`/partner/suggestions?offer=${offer.id}`}>{t('match.suggestionsTitle')}</Link> ·{' '}
          <Link to={`/offers/${offer.id}`}>{t('offer.publicPage')}</Link>
        </p>
      ) : null}
      {editable ? null : (
        <section aria-labelledby="offer-terms">
          <h2 id="offer-terms">{t('offer.terms')}</h2>
          <OfferTermsList terms={offer.termsParsed} />
        </section>
      )}
      <FormErrors errors={statusErrors} />
      <div className="button-row">
        {offer.effective_status === 'draft' && verified ? (
          <Form method="post">
            <input type="hidden" name="intent" value="open" />
            <button type="submit" className="button">
              {t('offer.publish')}
            </button>
          </Form>
        ) : null}
        {editable && offer.effective_status !== 'draft' ? (
          params.get('confirm') === 'close' ? (
            <ConfirmDialog id="close-q" question={t('offer.closeConfirm')} fields={{ intent: 'close' }} cancelTo="." />
          ) : (
            <Link to="?confirm=close" className="button button-secondary">
              {t('offer.close')}
            </Link>
          )
        ) : null}
      </div>
      {editable ? (
        <>
          <h2>{t('offer.edit')}</h2>
          <OfferForm
            kind={offer.kind}
            lastResult={lastResult && 'initialValue' in lastResult ? lastResult : undefined}
            defaults={defaults}
            sectors={sectors}
            provinces={provinces}
            canPublish={verified && offer.effective_status === 'draft'}
            submitLabel={t('form.save')}
          />
        </>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: recordTitle(matches, data?.offer.title, 'title.offer') },
]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
