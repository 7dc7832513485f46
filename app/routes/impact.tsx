import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { QuarterChart } from '#app/components/matching.tsx'
import { PublicationsByMedium } from '#app/components/publication-records.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { publicationsByMedium } from '#app/domain/outcomes/publications.ts'
import { realisation, realisationYears } from '#app/domain/outcomes/realisation.ts'
import { listPlaces } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
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
  const [r, publications] = await Promise.all([realisation(db, filter), publicationsByMedium(db, filter)])
  const visibleUpts = upts.filter((u) => (!kanwilId || u.kanwil_id === kanwilId) && (!provinceId || u.province_id === provinceId))
  return {
    r,
    publications,
    years,
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
  const { r, publications, years, kanwils, provinces, upts, selected, level } = useLoaderData<typeof loader>()
  const pct = (v: number, target: number | null) => (target ? formatPercentOf(v, target, lang) : null)
  const kpi = (key: 'trained' | 'certified') => {
    const target = r.target[key]
    const p = pct(r.total[key], target)
    return (
      <div className="kpi">
        <span className="kpi-label">{t(`impact.${key}`)}</span>
        <span className="kpi-value">{formatNumber(r.total[key], lang)}</span>
        <span>{target ? t('impact.ofTarget', { value: p ?? '', target: formatNumber(target, lang) }) : t('impact.noTarget')}</span>
      </div>
    )
  }
  const empty = r.total.trained === 0 && r.total.certified === 0
  return (
    <div className="stack">
      <h1>{t('impact.title')}</h1>
      <p className="lead">{t('impact.intro')}</p>
      <Form method="get" className="filters" aria-label={t('impact.filters')}>
        <div className="field">
          <label htmlFor="f-year">{t('target.year')}</label>
          <select id="f-year" name="year" defaultValue={selected.year}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kanwil">Kanwil</label>
          <select id="f-kanwil" name="kanwil" defaultValue={selected.kanwilId}>
            <option value="">{t('impact.allKanwil')}</option>
            {kanwils.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-province">{t('common.province')}</label>
          <select id="f-province" name="province" defaultValue={selected.provinceId}>
            <option value="">{t('impact.allProvinces')}</option>
            {provinces.map((p) => (
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
            {upts.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('common.filter')}
        </button>
      </Form>

      <section aria-labelledby="realisation" className="stack">
        <h2 id="realisation">
          {t('impact.realisation')} {r.year}
        </h2>
        <div className="kpis">
          {kpi('trained')}
          {kpi('certified')}
        </div>
      </section>

      {empty ? (
        <EmptyState title={t('impact.empty')} />
      ) : (
        <>
          <section aria-labelledby="by-quarter" className="stack">
            <h2 id="by-quarter">{t('impact.byQuarter')}</h2>
            <QuarterChart data={r.byQuarter} year={r.year} />
            <RealisationTable
              label={t('impact.byQuarter')}
              caption
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

          <section aria-labelledby="by-kind" className="stack">
            <h2 id="by-kind">{t('impact.byKind')}</h2>
            <RealisationTable
              label={t('impact.byKind')}
              rowHeader={t('match.kind')}
              rows={r.byKind.map((k) => ({ key: k.kind ?? 'none', label: k.kind ? t(`kind.${k.kind}`) : t('impact.kind.none'), trained: k.trained, certified: k.certified }))}
            />
          </section>

          {r.byArea.length ? (
            <section aria-labelledby="by-area" className="stack">
              <h2 id="by-area">{level === 'kanwil' ? t('impact.byKanwil') : t('impact.byUpt')}</h2>
              <RealisationTable
                label={level === 'kanwil' ? t('impact.byKanwil') : t('impact.byUpt')}
                rowHeader={level === 'kanwil' ? 'Kanwil' : 'UPT'}
                extraHeader={
                  <>
                    {t('impact.realisation')} ({t('impact.trained')})
                  </>
                }
                rows={r.byArea.map((a) => ({
                  key: a.id,
                  label: a.name,
                  trained: a.trained,
                  certified: a.certified,
                  extra: a.targetTrained ? formatPercentOf(a.trained, a.targetTrained, lang) : '—',
                }))}
              />
            </section>
          ) : null}
        </>
      )}

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
function RealisationTable({ label, caption = false, rowHeader, extraHeader, rows }: { label: string; caption?: boolean; rowHeader: string; extraHeader?: ReactNode; rows: RealisationRow[] }) {
  const t = useT()
  const lang = useLang()
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        {caption ? <caption className="visually-hidden">{label}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            <th scope="col" className="num">
              {t('impact.trained')}
            </th>
            <th scope="col" className="num">
              {t('impact.certified')}
            </th>
            {extraHeader ? (
              <th scope="col" className="num">
                {extraHeader}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{formatNumber(row.trained, lang)}</td>
              <td className="num">{formatNumber(row.certified, lang)}</td>
              {extraHeader ? <td className="num">{row.extra}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.impact') },
  { name: 'description', content: metaT(matches)('description.impact') },
]
