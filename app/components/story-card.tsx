import { Link } from '@remix-run/react'
import type { SupportKind } from '#app/domain/registry/kinds.ts'
import { formatDate } from '#app/lib/format.ts'
import { localised } from '#app/lib/story-lang.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface StoryCardData {
  id: string
  slug: string
  title: string
  summary: string
  title_en: string | null
  summary_en: string | null
  upt_name: string
  province_name: string
  published_at: string | null
  kind?: SupportKind | null
  photo: { thumb_name: string; alt: string } | null
}

/**
 * A published story as a card (on /cerita and among the newest stories on /impact): photo, title
 * linking to the story, where and when, the summary in the reader's language when the author gave
 * one, and the kind of support when shown. Free of form code, so public pages stay light.
 */
export function StoryCard({
  story: s,
  heading: H,
  showKind,
}: {
  story: StoryCardData
  heading: 'h2' | 'h3'
  showKind?: boolean
}) {
  const t = useT()
  const lang = useLang()
  const l = localised(s, lang)
  return (
    <li className="card story-card" lang={l.lang === lang ? undefined : l.lang}>
      {s.photo ? (
        <img src={`/uploads/${s.photo.thumb_name}`} alt={s.photo.alt} width={800} height={450} loading="lazy" />
      ) : null}
      <div className="stack">
        <H>
          <Link to={`/cerita/${s.slug}`}>{l.title}</Link>
        </H>
        <p className="muted small">
          {s.upt_name} · {s.province_name}
          {s.published_at ? <> · {formatDate(s.published_at.slice(0, 10), lang)}</> : null}
        </p>
        <p>{l.summary}</p>
        {showKind && s.kind ? <span className="badge badge-kind">{t(`kind.${s.kind}`)}</span> : null}
      </div>
    </li>
  )
}
