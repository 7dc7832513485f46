import type { LinksFunction, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DATASETS, DEFAULT_LIMIT, MAX_LIMIT } from '#app/domain/opendata/datasets.ts'
import { API_MAX_AGE, LICENCE } from '#app/domain/opendata/openapi.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { metaT, pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import opendataStyles from '#app/styles/opendata.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: opendataStyles }]

/** The open-data page (issue 15, item 4): every dataset, its fields, filters, licence and update frequency. */
export async function loader() {
  const env = getEnv()
  return {
    appUrl: env.appUrl,
    rateLimit: env.openDataRateLimit,
    // Constants travel in the loader data: importing the dataset module into the page would ship
    // every domain query it reads from to the browser (tests/http/browser-bundle.test.ts).
    limits: { max: MAX_LIMIT, def: DEFAULT_LIMIT },
    cacheSeconds: API_MAX_AGE,
    licenceUrl: LICENCE.url,
    datasets: DATASETS.map((d) => ({
      name: d.name,
      title: d.title,
      description: d.description,
      frequency: d.frequency,
      fields: d.fields,
      params: d.params.map((p) => ({ name: p.name, text: p.text, enum: p.enum })),
    })),
  }
}

export default function OpenDataPage() {
  const t = useT()
  const lang = useLang()
  const { appUrl, rateLimit, datasets, limits, cacheSeconds, licenceUrl } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('data.title')}</h1>
      <p className="lead">{t('data.intro')}</p>

      <nav aria-labelledby="od-toc" className="card">
        <h2 id="od-toc">{t('data.onThisPage')}</h2>
        <ul className="od-toc">
          {datasets.map((d) => (
            <li key={d.name}>
              <a href={`#${d.name}`}>{d.title[lang]}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="od-licence" className="stack">
        <h2 id="od-licence">{t('data.licenceTitle')}</h2>
        <p>{t('data.licence')}</p>
        <p>
          <a href={licenceUrl} rel="license">
            {t('data.licenceLink')}
          </a>
        </p>
      </section>

      <section aria-labelledby="od-how" className="stack">
        <h2 id="od-how">{t('data.howTitle')}</h2>
        <ul className="od-how">
          <li>{t('data.how.json', { url: `${appUrl}/api/v1/<dataset>` })}</li>
          <li>{t('data.how.pages', limits)}</li>
          <li>{t('data.how.cache', { seconds: cacheSeconds })}</li>
          <li>{t('data.how.limit', { n: rateLimit })}</li>
          <li>{t('data.how.errors')}</li>
        </ul>
        <pre className="od-code">
          <code>{`curl '${appUrl}/api/v1/realisation?year=2026&limit=100'\ncurl '${appUrl}/api/v1/products.csv'`}</code>
        </pre>
        <p className="button-row">
          <a className="button button-secondary" href="/api/v1/openapi.json">
            {t('data.openapi')}
          </a>
          <a className="button button-secondary" href="/data.json">
            {t('data.catalog')}
          </a>
        </p>
      </section>

      {datasets.map((d) => (
        <section key={d.name} id={d.name} aria-labelledby={`od-${d.name}`} className="card stack od-dataset">
          <h2 id={`od-${d.name}`}>{d.title[lang]}</h2>
          <p>{d.description[lang]}</p>
          <dl className="dl dl-stack">
            <dt>API</dt>
            <dd>
              <code>/api/v1/{d.name}</code>
            </dd>
            <dt>{t('data.frequency')}</dt>
            <dd>{d.frequency[lang]}</dd>
            <dt>{t('data.filters')}</dt>
            <dd>
              {d.params.length ? (
                <ul className="od-params">
                  {d.params.map((p) => (
                    <li key={p.name}>
                      <code>{p.name}</code>: {p.text[lang]}
                      {p.enum ? ` (${p.enum.join(', ')})` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                t('data.noFilters')
              )}
            </dd>
          </dl>
          <p className="button-row">
            <a
              className="button"
              href={`/api/v1/${d.name}`}
              aria-label={t('data.downloadOf', { format: 'JSON', title: d.title[lang] })}
            >
              {t('data.downloadJson')}
            </a>
            <a
              className="button button-secondary"
              href={`/api/v1/${d.name}.csv`}
              aria-label={t('data.downloadOf', { format: 'CSV', title: d.title[lang] })}
            >
              {t('data.downloadCsv')}
            </a>
          </p>
          <div className="table-wrap" role="region" aria-label={`${t('data.fields')}: ${d.title[lang]}`} tabIndex={0}>
            <table>
              <caption className="visually-hidden">
                {t('data.fields')}: {d.title[lang]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('data.field')}</th>
                  <th scope="col">{t('data.type')}</th>
                  <th scope="col">{t('data.meaning')}</th>
                </tr>
              </thead>
              <tbody>
                {d.fields.map((f) => (
                  <tr key={f.name}>
                    <th scope="row">
                      <code>
                        {f.name.split('_').map((part, i) => (
                          <span key={i}>
                            {i > 0 ? '_' : ''}
                            {i > 0 ? <wbr /> : null}
                            {part}
                          </span>
                        ))}
                      </code>
                    </th>
                    <td>
                      {t(`data.type.${f.format ?? f.type}`)}
                      {f.nullable ? `, ${t('data.nullable')}` : ''}
                    </td>
                    <td>
                      {f.text[lang]}
                      {f.enum ? ` (${f.enum.join(', ')})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, 'title.data') },
  { name: 'description', content: metaT(matches)('description.data') },
]
