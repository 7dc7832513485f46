import { FilterSelect } from '#app/components/ui/list-table.tsx'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { StoryCard } from '#app/components/story-card.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { SUPPORT_KINDS } from '#app/domain/registry/kinds.ts'
import { listPublishedStories, storyFilterChoices } from '#app/domain/stories/queries.server.ts'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { getDb } from '#app/web/db.server.ts'
import { metaT, pageTitle, useT } from '#app/web/i18n.tsx'

const PER_PAGE = 12

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const url = new URL(request.url)
  const choices = await storyFilterChoices(db)
  // Unknown filter values are ignored rather than failing the page.
  const provinceId = choices.provinces.find((p) => p.id === url.searchParams.get('province'))?.id
  const uptId = choices.upts.find(
    (u) => u.id === url.searchParams.get('upt') && (!provinceId || u.provinceId === provinceId),
  )?.id
  const kind = SUPPORT_KINDS.find((k) => k === url.searchParams.get('kind'))
  const page = pageFrom(url)
  const stories = await listPublishedStories(db, { provinceId, uptId, kind }, page, PER_PAGE)
  return {
    stories,
    page,
    pages: pageCount(stories.total, PER_PAGE),
    choices: {
      provinces: choices.provinces,
      upts: choices.upts.filter((u) => !provinceId || u.provinceId === provinceId),
    },
    selected: { provinceId: provinceId ?? '', uptId: uptId ?? '', kind: kind ?? '' },
  }
}

export default function Stories() {
  const t = useT()
  const { stories, page, pages, choices, selected } = useLoaderData<typeof loader>()
  const filtered = Boolean(selected.provinceId || selected.uptId || selected.kind)
  return (
    <div className="stack">
      <h1>{t('story.listTitle')}</h1>
      <p className="lead">{t('story.listIntro')}</p>
      <p>
        <a href="/cerita/feed.xml" type="application/atom+xml">
          {t('story.feed')}
        </a>
      </p>
      <Form method="get" className="filters" aria-label={t('story.filters')}>
        <FilterSelect
          id="f-province"
          name="province"
          label={t('common.province')}
          value={selected.provinceId}
          all={t('impact.allProvinces')}
          options={choices.provinces.map((p) => ({ value: p.id, label: p.name }))}
        />
        <FilterSelect
          id="f-upt"
          name="upt"
          label="UPT"
          value={selected.uptId}
          all={t('impact.allUpts')}
          options={choices.upts.map((u) => ({ value: u.id, label: u.name }))}
        />
        <FilterSelect
          id="f-kind"
          name="kind"
          label={t('match.kind')}
          value={selected.kind}
          all={t('story.allKinds')}
          options={SUPPORT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <button type="submit" className="button">
          {t('common.filter')}
        </button>
      </Form>
      {stories.items.length === 0 ? (
        <EmptyState title={filtered ? t('story.emptyFiltered') : t('story.empty')}>
          {filtered ? <Link to="/cerita">{t('story.clearFilters')}</Link> : null}
        </EmptyState>
      ) : (
        <ul className="story-cards">
          {stories.items.map((s) => (
            <StoryCard key={s.id} story={s} heading="h2" showKind />
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.stories') },
  { name: 'description', content: metaT(matches)('description.stories') },
  {
    tagName: 'link',
    rel: 'alternate',
    type: 'application/atom+xml',
    href: '/cerita/feed.xml',
    title: metaT(matches)('title.stories'),
  },
]
