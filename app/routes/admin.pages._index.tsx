import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listSitePages } from '#app/domain/content/pages.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUser } from '#app/web/guards.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'admin.national' })
  return { pages: await listSitePages(getDb()) }
}

export default function SitePagesAdmin() {
  const t = useT()
  const lang = useLang()
  const { pages } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p>
        <Link to="/admin">← {t('admin.title')}</Link>
      </p>
      <h1>{t('sitePages.admin.title')}</h1>
      <p className="lead">{t('sitePages.admin.intro')}</p>
      <ul className="cards">
        {pages.map((p) => (
          <li key={p.slug} className="card stack">
            <h2>
              <Link to={`/admin/pages/${p.slug}`}>{lang === 'en' ? p.title_en : p.title_id}</Link>
            </h2>
            <dl className="dl">
              <dt>{t('sitePages.admin.version')}</dt>
              <dd>{p.version}</dd>
              <dt>{t('sitePages.admin.updated')}</dt>
              <dd>
                {formatDateTime(p.created_at, 'Asia/Jakarta', lang)} · {p.editor ?? t('sitePages.admin.default')}
              </dd>
            </dl>
            <p className="button-row">
              <Link className="button" to={`/admin/pages/${p.slug}`}>
                {t('sitePages.admin.edit')}
              </Link>
              <Link to={`/info/${p.slug}`}>{t('sitePages.admin.view')}</Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.sitePagesAdmin') }]
