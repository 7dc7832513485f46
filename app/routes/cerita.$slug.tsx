import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { localised } from '#app/components/stories.tsx'
import { getPublishedStory } from '#app/domain/stories/queries.server.ts'
import type { Lang } from '#app/i18n/translate.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { formatDate, formatRupiah } from '#app/lib/format.ts'
import { getDb } from '#app/web/db.server.ts'
import { notFound } from '#app/web/guards.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { useNonce } from '#app/web/nonce.tsx'

export async function loader({ params }: LoaderFunctionArgs) {
  const story = await getPublishedStory(getDb(), params.slug ?? '')
  if (!story) notFound()
  return { story, base: getEnv().appUrl }
}

export default function StoryPage() {
  const t = useT()
  const lang = useLang()
  const nonce = useNonce()
  const { story: s, base } = useLoaderData<typeof loader>()
  const l = localised(s, lang)
  const url = `${base}/cerita/${s.slug}`
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: s.title,
    description: s.summary,
    inLanguage: 'id',
    url,
    mainEntityOfPage: url,
    datePublished: s.published_at,
    dateModified: s.updated_at,
    image: s.photos.map((p) => `${base}/uploads/${p.file_name}`),
    author: { '@type': 'Organization', name: s.partner_name ?? s.upt_name },
    publisher: { '@type': 'Organization', name: 'Mitra Lipas · Ditjenpas' },
    about: s.program_title ? { '@type': 'Thing', name: s.program_title } : undefined,
  }
  const [lead, ...more] = s.photos
  return (
    <article className="stack story">
      <nav aria-label="Breadcrumb" className="muted small">
        <Link to="/cerita">{t('story.listTitle')}</Link>
      </nav>
      <header className="stack" lang={l.lang === lang ? undefined : l.lang}>
        <h1>{l.title}</h1>
        <p className="lead">{l.summary}</p>
      </header>
      <p className="muted small">
        {s.partner_name ? (
          <>
            <Link to={`/partners/${s.partner_slug}`}>{s.partner_name}</Link> ·{' '}
          </>
        ) : null}
        <Link to={`/stores/${s.upt_slug}`}>{s.upt_name}</Link> · {s.province_name}
        {s.published_at ? <> · {formatDate(s.published_at.slice(0, 10), lang)}</> : null}
        {s.kind ? (
          <>
            {' '}
            <span className="badge badge-kind">{t(`kind.${s.kind}`)}</span>
          </>
        ) : null}
      </p>
      {lead ? (
        <figure className="story-figure">
          <img src={`/uploads/${lead.file_name}`} alt={lead.alt} width={lead.width} height={lead.height} />
          <figcaption className="muted small">{lead.alt}</figcaption>
        </figure>
      ) : null}
      {l.lang !== 'id' ? <p className="muted small">{t('story.bodyInIndonesian')}</p> : null}
      <div
        className="story-body prose"
        lang={lang === 'id' ? undefined : 'id'}
        dangerouslySetInnerHTML={{ __html: s.html }}
      />
      {more.map((p) => (
        <figure key={p.id} className="story-figure">
          <img src={`/uploads/${p.file_name}`} alt={p.alt} width={p.width} height={p.height} loading="lazy" />
          <figcaption className="muted small">{p.alt}</figcaption>
        </figure>
      ))}
      {s.program_id && s.program_status !== 'draft' ? (
        <p>
          {t('story.aboutProgram')} <Link to={`/programs/${s.program_id}`}>{s.program_title}</Link>
        </p>
      ) : null}
      {s.products.length ? (
        <section aria-labelledby="story-products" className="stack">
          <h2 id="story-products">{t('story.productsTitle')}</h2>
          <ul className="story-products">
            {s.products.map((p) => (
              <li key={p.slug}>
                <Link to={`/products/${p.slug}`}>{p.name}</Link> · {formatRupiah(p.price)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
      />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: pageTitle(matches, 'title.story') }]
  const lang = ((matches.find((m) => m.id === 'root')?.data as { lang?: Lang } | undefined)?.lang ?? 'id') as Lang
  const s = data.story
  const l = localised(s, lang)
  const url = `${data.base}/cerita/${s.slug}`
  const lead = s.photos[0]
  return [
    { title: pageTitle(matches, 'title.storyNamed', { title: l.title }) },
    { name: 'description', content: l.summary.slice(0, 200) },
    { property: 'og:title', content: l.title },
    { property: 'og:description', content: l.summary.slice(0, 200) },
    { property: 'og:type', content: 'article' },
    { property: 'og:url', content: url },
    { property: 'og:locale', content: l.lang === 'en' ? 'en_GB' : 'id_ID' },
    ...(s.published_at ? [{ property: 'article:published_time', content: s.published_at }] : []),
    ...(lead
      ? [
          { property: 'og:image', content: `${data.base}/uploads/${lead.file_name}` },
          { property: 'og:image:alt', content: lead.alt },
        ]
      : []),
    { tagName: 'link', rel: 'canonical', href: url },
  ]
}
