import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { KindBadge, Quantity } from '#app/components/partners.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { listOpenOffers } from '#app/domain/offers/offers.ts'
import { parseDirectoryQuery } from '#app/domain/registry/filters.ts'
import { SUPPORT_KINDS } from '#app/domain/registry/kinds.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { loadAllowedKinds } from '#app/domain/registry/settings.ts'
import { getDb } from '#app/utils/db.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { useLang, useT } from '#app/utils/i18n.tsx'
import { pageCount } from '#app/utils/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const f = parseDirectoryQuery(new URL(request.url))
  const sort = f.sort === 'ending' || f.sort === 'capacity' ? f.sort : 'newest'
  // "For a UPT type" keeps the kinds that type may receive (admin settings).
  const kinds = f.uptType ? ((await loadAllowedKinds(db)).upt_type[f.uptType] ?? []) : undefined
  const [result, sectors, provinces] = await Promise.all([
    listOpenOffers(db, { kind: f.kind, kinds, sectorId: f.sector, provinceId: f.province, securityLevel: f.level, q: f.q, sort, page: f.page }),
    listSectors(db),
    listProvinces(db),
  ])
  return { ...result, page: f.page, pages: pageCount(result.total), filters: { ...f, sort }, sectors, provinces }
}

export default function OffersDirectory() {
  const t = useT()
  const lang = useLang()
  const { items, total, page, pages, filters, sectors, provinces } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('offers.title')}</h1>
      <p className="lead">{t('offers.intro')}</p>
      <Form method="get" className="filters" aria-label={t('common.filter')}>
        <div className="field">
          <label htmlFor="q">{t('common.search')}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="kind">{t('dir.kind')}</label>
          <select id="kind" name="kind" defaultValue={filters.kind ?? ''}>
            <option value="">{t('dir.all')}</option>
            {SUPPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
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
        <div className="field">
          <label htmlFor="level">{t('upt.securityLevel')}</label>
          <select id="level" name="level" defaultValue={filters.level ?? ''}>
            <option value="">{t('dir.all')}</option>
            {(['super_maximum', 'maximum', 'medium', 'minimum'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`security.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="uptType">{t('dir.forUptType')}</label>
          <select id="uptType" name="uptType" defaultValue={filters.uptType ?? ''}>
            <option value="">{t('dir.all')}</option>
            {(['lapas', 'rutan', 'lpka', 'bapas'] as const).map((u) => (
              <option key={u} value={u}>
                {t(`upt.type.${u}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">{t('dir.sort')}</label>
          <select id="sort" name="sort" defaultValue={filters.sort}>
            <option value="newest">{t('dir.sort.newest')}</option>
            <option value="ending">{t('dir.sort.ending')}</option>
            <option value="capacity">{t('dir.sort.capacity')}</option>
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('common.filter')}
          </button>
          <Link to="/offers">{t('common.reset')}</Link>
        </div>
      </Form>
      <p aria-live="polite">{t('dir.results', { n: total })}</p>
      {items.length === 0 ? (
        <EmptyState title={t('offers.empty')}>
          <p>{t('offers.emptyNext')}</p>
          <p>
            <Link to="/offers">{t('common.reset')}</Link> · <Link to="/signup">{t('dir.becomePartner')}</Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {items.map((o) => (
            <li key={o.id} className="card">
              <KindBadge kind={o.kind} />
              <h2>{o.title}</h2>
              <p>
                <Link to={`/partners/${o.partner_slug}`}>{o.partner_name}</Link>
              </p>
              <dl className="dl">
                <dt>{t('offer.remaining')}</dt>
                <dd>
                  <Quantity value={o.capacity_remaining} unit={o.unit} />
                </dd>
                <dt>{t('offer.validUntil')}</dt>
                <dd>{formatDate(o.valid_until, lang)}</dd>
                <dt>{t('offer.coverage')}</dt>
                <dd>{o.national ? t('partner.national') : t('offer.someProvinces')}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Penawaran dukungan · Mitra Lipas' }]
