import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PartnerImpact } from '#app/components/partner-impact.tsx'
import { authorize } from '#app/domain/identity/authorize.ts'
import { partnerImpact, setImpactPublic } from '#app/domain/outcomes/partner-impact.ts'
import { partnerImpactSettings } from '#app/domain/partners/queries.ts'
import { requirePartner, requireUser } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

const VisibilitySchema = z.object({
  intent: z.literal('visibility'),
  public: z.enum(['1', '0'], { error: 'field.required' }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const {
    session,
    partner: { id: partnerId },
  } = await requirePartner(request)
  const db = getDb()
  const partner = await partnerImpactSettings(db, partnerId)
  return {
    partner,
    impact: await partnerImpact(db, partnerId),
    isOwner: authorize(session.principal, 'partner.own', { partnerId }),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const {
    partner: { id: partnerId },
  } = await requirePartner(request)
  const session = await requireUser(request, { permission: 'partner.own', scope: { partnerId } })
  const submission = parseWithZod(await readForm(request), { schema: VisibilitySchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const on = submission.value.public === '1'
  await setImpactPublic(getDb(), partnerId, on, { userId: session.user.id, ip: clientIp(request) })
  throw redirect('/partner/impact', {
    headers: { 'Set-Cookie': flashCookie(on ? 'impact.publicOn' : 'impact.publicOff') },
  })
}

export default function PartnerImpactPage() {
  const t = useT()
  const { partner, impact, isOwner } = useLoaderData<typeof loader>()
  const isPublic = partner.impact_public === 1
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/partner">{t('nav.partner')}</Link> ·{' '}
        <Link to="/partner/suggestions">{t('match.suggestionsTitle')}</Link> ·{' '}
        <Link to="/agreements">{t('nav.agreements')}</Link>
      </p>
      <h1>{t('impact.partnerTitle')}</h1>
      <p className="lead">{t('impact.partnerIntro')}</p>
      <PartnerImpact impact={impact} />
      <section className="card stack" aria-labelledby="visibility">
        <h2 id="visibility">{t('impact.public')}</h2>
        <p>{isPublic ? t('impact.publicOn') : t('impact.publicOff')}</p>
        {isPublic ? <Link to={`/partners/${partner.slug}/impact`}>{t('impact.publicProfile')}</Link> : null}
        {isOwner ? (
          <Form method="post">
            <input type="hidden" name="intent" value="visibility" />
            <input type="hidden" name="public" value={isPublic ? '0' : '1'} />
            <button type="submit" className="button button-secondary">
              {isPublic ? t('impact.makePrivate') : t('impact.makePublic')}
            </button>
          </Form>
        ) : (
          <p className="muted">{t('impact.ownerOnly')}</p>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.partnerOwnImpact') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
