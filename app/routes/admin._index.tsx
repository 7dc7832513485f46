import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { countPartners } from '#app/domain/partners/queries.ts'
import { kanwilName } from '#app/domain/registry/reference.ts'
import { countUpts } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireAdmin } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const { kanwilId } = await requireAdmin(request)
  const db = getDb()
  const [scope, uptCount, pendingPartners] = await Promise.all([
    kanwilId ? kanwilName(db, kanwilId) : null,
    countUpts(db, kanwilId),
    countPartners(db, 'pending'),
  ])
  return { scope, uptCount, pendingPartners }
}

export default function AdminHome() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('admin.title')}</h1>
      <p>
        {t('admin.scope')}: <strong>{d.scope ?? t('role.national')}</strong>
      </p>
      <ul className="cards" aria-label={t('admin.title')}>
        <li className="card">
          <h2>
            <Link to="/admin/users">{t('invite.title')}</Link>
          </h2>
          <p className="muted">{t('invite.intro')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/upts">{t('admin.upts')}</Link>
          </h2>
          <p className="muted">{d.uptCount} UPT</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/partners">{t('adminPartners.title')}</Link>
          </h2>
          <p className="muted">{t('adminPartners.pendingN', { n: d.pendingPartners })}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/stories">{t('story.reviewTitle')}</Link>
          </h2>
        </li>
        {d.scope === null ? (
          <li className="card">
            <h2>
              <Link to="/admin/settings">{t('supportSettings.title')}</Link>
            </h2>
            <p className="muted">{t('settings.intro')}</p>
          </li>
        ) : null}
        {d.scope === null ? (
          <li className="card">
            <h2>
              <Link to="/admin/pages">{t('sitePages.admin.title')}</Link>
            </h2>
            <p className="muted">{t('sitePages.admin.intro')}</p>
          </li>
        ) : null}
        {d.scope === null ? (
          <li className="card">
            <h2>
              <Link to="/admin/shop-limits">{t('shopLimits.title')}</Link>
            </h2>
            <p className="muted">{t('shopLimits.intro')}</p>
          </li>
        ) : null}
        {d.scope === null ? (
          <li className="card">
            <h2>
              <Link to="/admin/audit">{t('admin.audit')}</Link>
            </h2>
          </li>
        ) : null}
        <li className="card">
          <h2>
            <Link to="/admin/matching">{t('match.unmatchedTitle')}</Link>
          </h2>
          <p className="muted">{t('match.unmatchedIntro')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/targets">{t('target.title')}</Link>
          </h2>
          <p className="muted">{t('target.intro')}</p>
        </li>
      </ul>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.admin') }]
