import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { listVerifiedPartners } from '#app/domain/partners/partners.ts'
import { parseDirectoryQuery } from '#app/domain/registry/filters.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/utils/db.server.ts'
import { useLang, useT } from '#app/utils/i18n.tsx'
import { pageCount } from '#app/utils/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const f = parseDirectoryQuery(new URL(request.url))
  const [result, sectors, provinces] = await Promise.all([
    listVerifiedPartners(db, { q: f.q, provinceId: f.province, sectorId: f.sector, orgType: f.orgType, page: f.page }),
    listSectors(db),
    listProvinces(db),
  ])
  return { ...result, page: f.page, pages: pageCount(result.total), filters: f, sectors, provinces }
}

export default function PartnersDirectory() {
  const t = useT()
  const lang = useLang()
  const { items, total, page, pages, filters, sectors, provinces } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('partners.title')}</h1>
      <p className="lead">{t('partners.intro')}</p>
      <Form method="get" className="filters" aria-label={t('common.filter')}>
        <div className="field">
          <label htmlFor="q">{t('common.search')}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="orgType">{t('signup.orgType')}</label>
          <select id="orgType" name="orgType" defaultValue={filters.orgType ?? ''}>
            <option value="">{t('dir.all')}</option>
            {ORG_TYPES.map((o) => (
              <option key={o} value={o}>
                {t(`orgType.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sector">{t('dir.sector')}</label>
          <select id="sector" name="sector" defaultValue={filters.sector ?? ''}>
            <option value="">{t('dir.all')}</option>
            {sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {lang === 'en' ? s.name_en : s.name_id}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="province">{t('common.province')}</label>
          <select id="province" name="province" defaultValue={filters.province ?? ''}>
            <option value="">{t('dir.all')}</option>
            {provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('common.filter')}
          </button>
          <Link to="/partners">{t('common.reset')}</Link>
        </div>
      </Form>
      <p aria-live="polite">{t('dir.results', { n: total })}</p>
      {items.length === 0 ? (
        <EmptyState title={t('partners.empty')}>
          <p>{t('partners.emptyNext')}</p>
          <p>
            <Link to="/partners">{t('common.reset')}</Link> · <Link to="/signup">{t('dir.becomePartner')}</Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {items.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/partners/${p.slug}`}>{p.name}</Link>
              </h2>
              <p className="muted">
                {t(`orgType.${p.org_type}`)}
                {p.national ? ` · ${t('partner.national')}` : ''}
              </p>
              {p.description ? <p>{p.description.length > 160 ? `${p.description.slice(0, 157)}…` : p.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Mitra Pokmas Lipas · Mitra Lipas' }]
