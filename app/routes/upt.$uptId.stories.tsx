import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthorStories, StoryForm } from '#app/components/stories.tsx'
import { getStoryForEdit, listAuthorStories, uptStoryLinks } from '#app/domain/stories/queries.server.ts'
import { submitStoryForm } from '#app/web/actions/story.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptStaff } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const db = getDb()
  const edit = new URL(request.url).searchParams.get('edit')
  const [stories, links, draft] = await Promise.all([
    listAuthorStories(db, { uptId: upt.id }),
    uptStoryLinks(db, upt.id),
    edit ? getStoryForEdit(db, { uptId: upt.id }, edit) : null,
  ])
  return { upt: { id: upt.id, name: upt.name }, stories, links, draft }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptStaff(request, params.uptId)
  return submitStoryForm(
    request,
    { uptId: upt.id },
    { userId: session.user.id, ip: clientIp(request) },
    `/upt/${upt.id}/stories`,
  )
}

export default function UptStories() {
  const t = useT()
  const { upt, stories, links, draft } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}`}>{upt.name}</Link>
      </p>
      <h1>{t('story.authorTitle')}</h1>
      <p className="lead">{t('story.authorIntro')}</p>
      <section aria-labelledby="my-stories" className="stack">
        <h2 id="my-stories">{t('story.mine')}</h2>
        <AuthorStories stories={stories} />
      </section>
      <div id="story-form">
        <StoryForm
          key={draft?.id ?? 'new'}
          lastResult={result && 'initialValue' in result ? result : undefined}
          draft={draft}
          programs={links.programs}
          agreements={links.agreements.map((a) => ({
            id: a.id,
            label: `${a.number} · ${a.partner_name} · ${t(`kind.${a.kind}`)}`,
          }))}
          products={links.products.map((p) => ({ id: p.id, label: p.name }))}
        />
      </div>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.uptStories') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
