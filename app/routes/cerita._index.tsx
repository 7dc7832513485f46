import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { localised } from '#app/components/stories.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { SUPPORT_KINDS } from '#app/domain/registry/kinds.ts'
import { listPublishedStories, storyFilterChoices } from '#app/domain/stories/queries.server.ts'
import { formatDate } from '#app/lib/format.ts'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { getDb } from '#app/web/db.server.ts'
import { metaT, pageTitle, useLang, useT } from '#app/web/i18n.tsx'

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
  const lang = useLang()
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
        <div className="field">
          <label htmlFor="f-province">{t('common.province')}</label>
          <select id="f-province" name="province" defaultValue={selected.provinceId}>
            <option value="">{t('impact.allProvinces')}</option>
            {choices.provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-upt">UPT</label>
          <select id="f-upt" name="upt" defaultValue={selected.uptId}>
            <option value="">{t('impact.allUpts')}</option>
            {choices.upts.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">{t('match.kind')}</label>
          <select id="f-kind" name="kind" defaultValue={selected.kind}>
            <option value="">{t('story.allKinds')}</option>
            {SUPPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
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
          {stories.items.map((s) => {
            const l = localised(s, lang)
            return (
              <li key={s.id} className="card story-card" lang={l.lang === lang ? undefined : l.lang}>
                {s.photo ? (
                  <img
                    src={`/uploads/${s.photo.thumb_name}`}
                    alt={s.photo.alt}
                    width={800}
                    height={450}
                    loading="lazy"
                  />
                ) : null}
                <div className="stack">
                  <h2>
                    <Link to={`/cerita/${s.slug}`}>{l.title}</Link>
                  </h2>
                  <p className="muted small">
                    {s.upt_name} · {s.province_name}
                    {s.published_at ? <> · {formatDate(s.published_at.slice(0, 10), lang)}</> : null}
                  </p>
                  <p>{l.summary}</p>
                  {s.kind ? <span className="badge badge-kind">{t(`kind.${s.kind}`)}</span> : null}
                </div>
              </li>
            )
          })}
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
