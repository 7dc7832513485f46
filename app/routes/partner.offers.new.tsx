import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { OfferForm } from '#app/components/offer-form.tsx'
import { createOffer } from '#app/domain/offers/lifecycle.ts'
import { OfferFormSchema } from '#app/domain/offers/schemas.ts'
import { SUPPORT_KINDS, type SupportKind } from '#app/domain/registry/kinds.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { requirePartner } from '#app/web/guards.server.ts'
import { clientIp } from '#app/web/request.server.ts'
import { todayIn } from '#app/lib/time.ts'

function kindFrom(url: URL): SupportKind | null {
  const k = url.searchParams.get('kind')
  return SUPPORT_KINDS.includes(k as SupportKind) ? (k as SupportKind) : null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { partner } = await requirePartner(request)
  const db = getDb()
  const [sectors, provinces] = await Promise.all([listSectors(db), listProvinces(db)])
  return {
    kind: kindFrom(new URL(request.url)),
    sectors,
    provinces,
    verified: partner.status === 'verified',
    today: todayIn(),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, partner } = await requirePartner(request)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: OfferFormSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const publish = formData.get('intent') === 'publish'
  try {
    const { id } = await createOffer(getDb(), partner.id, submission.value, {
      userId: session.user.id,
      ip: clientIp(request),
      publish,
    })
    throw redirect(`/partner/offers/${id}`, {
      headers: { 'Set-Cookie': flashCookie(publish ? 'offer.publishedFlash' : 'offer.savedFlash') },
    })
  } catch (error) {
    if (error instanceof Response) throw error
    return replyWithDomainError(submission, error)
  }
}

export default function NewOfferPage() {
  const t = useT()
  const { kind, sectors, provinces, verified, today } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  if (!kind) {
    return (
      <div className="stack">
        <h1>{t('offer.new')}</h1>
        <p className="lead">{t('offer.chooseKind')}</p>
        <ul className="cards">
          {SUPPORT_KINDS.map((k) => (
            <li key={k} className="card">
              <h2>
                <Link to={`?kind=${k}`}>{t(`kind.${k}`)}</Link>
              </h2>
              <p className="muted">{t(`kind.${k}.desc`)}</p>
            </li>
          ))}
        </ul>
      </div>
    )
  }
  return (
    <div className="stack">
      <h1>
        {t('offer.new')}: {t(`kind.${kind}`)}
      </h1>
      {!verified ? <p className="alert alert-info">{t('offer.draftOnlyUntilVerified')}</p> : null}
      <OfferForm
        kind={kind}
        lastResult={lastResult}
        defaults={{ validFrom: today }}
        sectors={sectors}
        provinces={provinces}
        canPublish={verified}
        submitLabel={t('offer.saveDraft')}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.newOffer') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
