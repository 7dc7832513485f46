import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthorStories, StoryForm } from '#app/components/stories.tsx'
import { getStoryForEdit, listAuthorStories, partnerStoryLinks } from '#app/domain/stories/queries.server.ts'
import { submitStoryForm } from '#app/web/actions/story.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { denied, requirePartner } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { partner } = await requirePartner(request)
  const db = getDb()
  const edit = new URL(request.url).searchParams.get('edit')
  const scope = { partnerId: partner.id }
  const [stories, links, draft] = await Promise.all([
    listAuthorStories(db, scope),
    partnerStoryLinks(db, partner.id),
    edit ? getStoryForEdit(db, scope, edit) : null,
  ])
  return { verified: partner.status === 'verified', stories, links, draft }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, partner } = await requirePartner(request)
  // Only verified partners write stories (issue 15): others are refused, audited.
  if (partner.status !== 'verified') return denied(request, session.user.id, 'story.write', { partnerId: partner.id })
  return submitStoryForm(
    request,
    { partnerId: partner.id },
    { userId: session.user.id, ip: clientIp(request) },
    '/partner/stories',
  )
}

export default function PartnerStories() {
  const t = useT()
  const { verified, stories, links, draft } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/partner">{t('nav.partner')}</Link> · <Link to="/agreements">{t('nav.agreements')}</Link>
      </p>
      <h1>{t('story.authorTitle')}</h1>
      <p className="lead">{t('story.partnerIntro')}</p>
      <section aria-labelledby="my-stories" className="stack">
        <h2 id="my-stories">{t('story.mine')}</h2>
        <AuthorStories stories={stories} />
      </section>
      {!verified ? (
        <p className="alert alert-info">{t('story.partnerNotVerified')}</p>
      ) : links.agreements.length === 0 ? (
        <p className="alert alert-info">{t('story.partnerNoAgreements')}</p>
      ) : (
        <div id="story-form">
          <StoryForm
            key={draft?.id ?? 'new'}
            lastResult={result && 'initialValue' in result ? result : undefined}
            draft={draft}
            agreementRequired
            agreements={links.agreements.map((a) => ({
              id: a.id,
              label: `${a.number} · ${a.upt_name} · ${t(`kind.${a.kind}`)}`,
            }))}
            products={links.products.map((p) => ({ id: p.id, label: `${p.name} (${p.upt_name})` }))}
          />
        </div>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.partnerStories') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
