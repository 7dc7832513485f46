import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { BarChart } from '#app/components/charts/bar-chart.tsx'
import { TileMap } from '#app/components/charts/tile-map.tsx'
import { barLayout, tileMapLayout } from '#app/components/charts/scale.server.ts'
import { type Column, FilterSelect, ListFilters, ListTable } from '#app/components/ui/list-table.tsx'
import { PublicationsByMedium } from '#app/components/publications-by-medium.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { publicationsByMedium } from '#app/domain/outcomes/publications.ts'
import {
  impactHeadline,
  realisation,
  realisationByProvince,
  realisationByYear,
  realisationYears,
} from '#app/domain/outcomes/realisation.ts'
import { listPlaces } from '#app/domain/registry/reference.ts'
import { listPublishedStories } from '#app/domain/stories/queries.server.ts'
import { StoryCard } from '#app/components/story-card.tsx'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import type { Lang } from '#app/i18n/translate.ts'
import { formatNumber, formatPercentOf } from '#app/lib/format.ts'
import { metaT, pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const url = new URL(request.url)
  const [years, { kanwils, provinces, upts }] = await Promise.all([realisationYears(db), listPlaces(db)])
  // Unknown filter values are ignored rather than failing the page.
  const y = Number(url.searchParams.get('year'))
  const year = years.includes(y) ? y : years[0]!
  const kanwilId = kanwils.find((k) => k.id === url.searchParams.get('kanwil'))?.id
  const provinceId = provinces.find((p) => p.id === url.searchParams.get('province'))?.id
  const uptId = upts.find((u) => u.id === url.searchParams.get('upt'))?.id
  const filter = { year, kanwilId, provinceId, uptId }
  const [r, publications, byProvince, byYear, stories, headline] = await Promise.all([
    realisation(db, filter),
    publicationsByMedium(db, filter),
    realisationByProvince(db, filter),
    realisationByYear(db, { kanwilId, provinceId, uptId }, years),
    listPublishedStories(db, { provinceId, uptId }, 1, 3),
    impactHeadline(db),
  ])
  const provinceFigures = provinces.map((p) => {
    const f = byProvince.find((x) => x.provinceId === p.id)
    return { id: p.id, name: p.name, trained: f?.trained ?? 0, certified: f?.certified ?? 0 }
  })
  const visibleUpts = upts.filter(
    (u) => (!kanwilId || u.kanwil_id === kanwilId) && (!provinceId || u.province_id === provinceId),
  )
  // The charts' geometry (d3-scale) is computed here so d3 never ships to the browser (ADR 031).
  const charts = {
    quarter: barLayout(r.byQuarter.map((q) => [q.trained, q.certified])),
    trend: barLayout(byYear.map((y) => [y.trained, y.certified])),
    map: tileMapLayout(provinceFigures.map((p) => ({ id: p.id, value: p.trained }))),
  }
  return {
    r,
    charts,
    // what a shared link shows: the national figures of the newest year, as in /impact/og.png
    share: { base: getEnv().appUrl, headline },
    publications,
    stories: stories.items,
    years,
    provinceFigures,
    byYear,
    kanwils,
    provinces: provinces.filter((p) => !kanwilId || p.kanwil_id === kanwilId),
    upts: visibleUpts.map((u) => ({ id: u.id, name: u.name })),
    selected: { year, kanwilId: kanwilId ?? '', provinceId: provinceId ?? '', uptId: uptId ?? '' },
    level: kanwilId || provinceId ? ('upt' as const) : ('kanwil' as const),
  }
}

export default function ImpactPage() {
  const t = useT()
  const lang = useLang()
  const {
    r,
    charts,
    publications,
    stories,
    years,
    kanwils,
    provinces,
    upts,
    selected,
    level,
    provinceFigures,
    byYear,
  } = useLoaderData<typeof loader>()
  const num = (n: number) => formatNumber(n, lang)
  const series = [
    { key: 'trained', label: t('impact.trained'), color: '#1f6f4a' },
    { key: 'certified', label: t('impact.certified'), color: '#b8860b' },
  ]
  const csvHref = `/api/v1/realisation.csv?${new URLSearchParams({ year: String(r.year), ...(selected.kanwilId ? { kanwil: selected.kanwilId } : {}), ...(selected.provinceId ? { province: selected.provinceId } : {}), ...(selected.uptId ? { upt: selected.uptId } : {}) })}`
  const pct = (v: number, target: number | null) => (target ? formatPercentOf(v, target, lang) : null)
  const kpi = (key: 'trained' | 'certified') => {
    const target = r.target[key]
    const p = pct(r.total[key], target)
    return (
      <div className="kpi">
        <span className="kpi-label">{t(`impact.${key}`)}</span>
        <span className="kpi-value">{formatNumber(r.total[key], lang)}</span>
        <span>
          {target ? t('impact.ofTarget', { value: p ?? '', target: formatNumber(target, lang) }) : t('impact.noTarget')}
        </span>
      </div>
    )
  }
  const empty = r.total.trained === 0 && r.total.certified === 0
  return (
    <div className="stack">
      <h1>{t('impact.title')}</h1>
      <p className="lead">{t('impact.intro')}</p>
      <ListFilters label={t('impact.filters')}>
        <FilterSelect
          id="f-year"
          name="year"
          label={t('target.year')}
          value={selected.year}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        <FilterSelect
          id="f-kanwil"
          name="kanwil"
          label="Kanwil"
          value={selected.kanwilId}
          all={t('impact.allKanwil')}
          options={kanwils.map((k) => ({ value: k.id, label: k.name }))}
        />
        <FilterSelect
          id="f-province"
          name="province"
          label={t('common.province')}
          value={selected.provinceId}
          all={t('impact.allProvinces')}
          options={provinces.map((p) => ({ value: p.id, label: p.name }))}
        />
        <FilterSelect
          id="f-upt"
          name="upt"
          label="UPT"
          value={selected.uptId}
          all={t('impact.allUpts')}
          options={upts.map((u) => ({ value: u.id, label: u.name }))}
        />
      </ListFilters>

      <section aria-labelledby="realisation" className="stack">
        <h2 id="realisation">
          {t('impact.realisation')} {r.year}
        </h2>
        <div className="kpis">
          {kpi('trained')}
          {kpi('certified')}
        </div>
        <p className="impact-download">
          <strong>{t('impact.download')}:</strong>{' '}
          <a href={csvHref} download>
            {t('impact.downloadCsv', { year: r.year })}
          </a>{' '}
          · <Link to="/data">{t('impact.downloadData')}</Link>
        </p>
      </section>

      {empty ? (
        <EmptyState title={t('impact.empty')} />
      ) : (
        <>
          <section aria-labelledby="by-quarter" className="stack">
            <h2 id="by-quarter">{t('impact.byQuarter')}</h2>
            <BarChart
              title={t('impact.chartTitle', { year: r.year })}
              series={series}
              rows={r.byQuarter.map((q) => ({
                key: q.quarter,
                label: t('impact.quarterShort', { q: q.quarter }),
                values: [q.trained, q.certified],
              }))}
              format={num}
              headerLabel={t('impact.byQuarter')}
              table={false}
              layout={charts.quarter}
            />
            <RealisationTable
              label={t('impact.byQuarter')}
              rowHeader={t('impact.byQuarter')}
              extraHeader={t('impact.cumulative')}
              rows={r.byQuarter.map((q, i) => {
                const upTo = r.byQuarter.slice(0, i + 1)
                const trained = upTo.reduce((s, x) => s + x.trained, 0)
                const certified = upTo.reduce((s, x) => s + x.certified, 0)
                return {
                  key: q.quarter,
                  label: t('impact.quarter', { q: q.quarter }),
                  trained: q.trained,
                  certified: q.certified,
                  extra: (
                    <>
                      {pct(trained, r.target.trained) ?? '—'} / {pct(certified, r.target.certified) ?? '—'}
                    </>
                  ),
                }
              })}
            />
          </section>

          <section aria-labelledby="map" className="stack">
            <h2 id="map">{t('impact.map')}</h2>
            <TileMap
              title={t('impact.mapTitle', { year: r.year })}
              intro={t('impact.mapIntro')}
              valueLabel={t('impact.trained')}
              extraHeaders={[t('impact.certified')]}
              figures={provinceFigures.map((p) => ({
                id: p.id,
                name: p.name,
                value: p.trained,
                extra: [num(p.certified)],
              }))}
              map={charts.map}
              format={num}
            />
          </section>

          <section aria-labelledby="trend" className="stack">
            <h2 id="trend">{t('impact.trend')}</h2>
            <BarChart
              title={t('impact.trendTitle')}
              series={series}
              rows={byYear.map((y) => ({ key: y.year, label: String(y.year), values: [y.trained, y.certified] }))}
              format={num}
              headerLabel={t('impact.year')}
              layout={charts.trend}
            />
          </section>

          <section aria-labelledby="by-kind" className="stack">
            <h2 id="by-kind">{t('impact.byKind')}</h2>
            <RealisationTable
              label={t('impact.byKind')}
              rowHeader={t('match.kind')}
              rows={r.byKind.map((k) => ({
                key: k.kind ?? 'none',
                label: k.kind ? t(`kind.${k.kind}`) : t('impact.kind.none'),
                trained: k.trained,
                certified: k.certified,
              }))}
            />
          </section>

          {r.byArea.length ? (
            <section aria-labelledby="by-area" className="stack">
              <h2 id="by-area">{level === 'kanwil' ? t('impact.kanwilTargets') : t('impact.byUpt')}</h2>
              <ListTable
                label={level === 'kanwil' ? t('impact.kanwilTargets') : t('impact.byUpt')}
                rows={r.byArea}
                rowKey={(a) => a.id}
                columns={[
                  { header: level === 'kanwil' ? 'Kanwil' : 'UPT', rowHeader: true, cell: (a) => a.name },
                  { header: t('impact.trained'), num: true, cell: (a) => num(a.trained) },
                  {
                    header: t('impact.targetTrained'),
                    num: true,
                    cell: (a) => (a.targetTrained ? num(a.targetTrained) : '—'),
                  },
                  {
                    header: t('impact.pctTrained'),
                    num: true,
                    cell: (a) => (a.targetTrained ? formatPercentOf(a.trained, a.targetTrained, lang) : '—'),
                  },
                  { header: t('impact.certified'), num: true, cell: (a) => num(a.certified) },
                  {
                    header: t('impact.targetCertified'),
                    num: true,
                    cell: (a) => (a.targetCertified ? num(a.targetCertified) : '—'),
                  },
                  {
                    header: t('impact.pctCertified'),
                    num: true,
                    cell: (a) => (a.targetCertified ? formatPercentOf(a.certified, a.targetCertified, lang) : '—'),
                  },
                ]}
              />
            </section>
          ) : null}
        </>
      )}

      {stories.length ? (
        <section aria-labelledby="stories" className="stack">
          <h2 id="stories">{t('impact.stories')}</h2>
          <ul className="story-cards">
            {stories.map((s) => (
              <StoryCard key={s.id} story={s} heading="h3" />
            ))}
          </ul>
          <p>
            <Link to="/cerita">{t('impact.allStories')}</Link>
          </p>
        </section>
      ) : null}

      {publications.length ? (
        <section aria-labelledby="publications" className="stack">
          <h2 id="publications">
            {t('publication.impactTitle')} {r.year}
          </h2>
          <p className="muted">{t('publication.impactIntro')}</p>
          <PublicationsByMedium rows={publications} label={t('publication.impactTitle')} />
        </section>
      ) : null}
    </div>
  )
}

interface RealisationRow {
  key: string | number
  /** the row header: a quarter, a kind of support, a Kanwil or a UPT */
  label: string
  trained: number
  certified: number
  /** the optional last column's cell */
  extra?: ReactNode
}

/** Trained and certified people per row, with an optional last column (only when it has a header). */
function RealisationTable({
  label,
  rowHeader,
  extraHeader,
  rows,
}: {
  label: string
  rowHeader: string
  extraHeader?: string
  rows: RealisationRow[]
}) {
  const t = useT()
  const lang = useLang()
  const columns: Column<RealisationRow>[] = [
    { header: rowHeader, rowHeader: true, cell: (row) => row.label },
    { header: t('impact.trained'), num: true, cell: (row) => formatNumber(row.trained, lang) },
    { header: t('impact.certified'), num: true, cell: (row) => formatNumber(row.certified, lang) },
  ]
  if (extraHeader) columns.push({ header: extraHeader, num: true, cell: (row) => row.extra })
  return <ListTable label={label} rows={rows} rowKey={(row) => row.key} columns={columns} />
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  const base = [
    { title: pageTitle(matches, 'title.impact') },
    { name: 'description', content: t('description.impact') },
  ]
  if (!data) return base
  const lang = ((matches.find((m) => m.id === 'root')?.data as { lang?: Lang } | undefined)?.lang ?? 'id') as Lang
  const { base: url, headline: h } = data.share
  const figures = {
    trained: formatNumber(h.trained, lang),
    certified: formatNumber(h.certified, lang),
    year: h.year,
  }
  const image = `${url}/impact/og.png${lang === 'en' ? '?lang=en' : ''}`
  const title = t('title.impact')
  const description = t('impact.ogDescription', figures)
  return [
    ...base,
    { property: 'og:type', content: 'website' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: `${url}/impact` },
    { property: 'og:locale', content: lang === 'en' ? 'en_GB' : 'id_ID' },
    { property: 'og:image', content: image },
    { property: 'og:image:type', content: 'image/png' },
    { property: 'og:image:width', content: '1200' },
    { property: 'og:image:height', content: '630' },
    { property: 'og:image:alt', content: t('impact.ogAlt', figures) },
    { name: 'twitter:card', content: 'summary_large_image' },
    { name: 'twitter:title', content: title },
    { name: 'twitter:description', content: description },
    { name: 'twitter:image', content: image },
    { name: 'twitter:image:alt', content: t('impact.ogAlt', figures) },
    { tagName: 'link', rel: 'canonical', href: `${url}/impact` },
  ]
}
