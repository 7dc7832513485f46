import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { KindBadge } from '#app/components/partners.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { listActivePrograms } from '#app/domain/programs/programs.ts'
import { parseDirectoryQuery } from '#app/domain/registry/filters.ts'
import { SUPPORT_KINDS } from '#app/domain/registry/kinds.ts'
import { listProvinces, listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/utils/db.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { useLang, useT } from '#app/utils/i18n.tsx'
import { pageCount } from '#app/utils/pagination.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const f = parseDirectoryQuery(new URL(request.url))
  const sort = f.sort === 'neededBy' || f.sort === 'title' ? f.sort : 'newest'
  const [result, sectors, provinces] = await Promise.all([
    listActivePrograms(db, { kind: f.kind, sectorId: f.sector, provinceId: f.province, uptType: f.uptType, securityLevel: f.level, q: f.q, sort, page: f.page }),
    listSectors(db),
    listProvinces(db),
  ])
  return { ...result, page: f.page, pages: pageCount(result.total), filters: { ...f, sort }, sectors, provinces }
}

export default function ProgramsDirectory() {
  const t = useT()
  const lang = useLang()
  const { items, total, page, pages, filters, sectors, provinces } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('programs.title')}</h1>
      <p className="lead">{t('programs.intro')}</p>
      <Form method="get" className="filters" aria-label={t('common.filter')}>
        <div className="field">
          <label htmlFor="q">{t('common.search')}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="kind">{t('programs.needKind')}</label>
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
          <label htmlFor="uptType">{t('dir.uptType')}</label>
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
          <label htmlFor="sort">{t('dir.sort')}</label>
          <select id="sort" name="sort" defaultValue={filters.sort}>
            <option value="newest">{t('dir.sort.newest')}</option>
            <option value="neededBy">{t('dir.sort.neededBy')}</option>
            <option value="title">{t('dir.sort.title')}</option>
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('common.filter')}
          </button>
          <Link to="/programs">{t('common.reset')}</Link>
        </div>
      </Form>
      <p aria-live="polite">{t('dir.results', { n: total })}</p>
      {items.length === 0 ? (
        <EmptyState title={t('programs.empty')}>
          <p>{t('programs.emptyNext')}</p>
          <p>
            <Link to="/programs">{t('common.reset')}</Link> · <Link to="/offers">{t('offers.title')}</Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {items.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/programs/${p.slug}`}>{p.title}</Link>
              </h2>
              <p className="muted">
                {p.upt_name} · {p.province_name}
              </p>
              <p>
                {lang === 'en' ? p.sector_name_en : p.sector_name_id} · {t('program.participantsN', { n: p.participants })}
              </p>
              {p.open_kinds.length ? (
                <ul className="badge-list" aria-label={t('program.openNeeds')}>
                  {p.open_kinds.map((k) => (
                    <li key={k}>
                      <KindBadge kind={k} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('program.noOpenNeeds')}</p>
              )}
              {p.next_needed_by ? <p className="muted">{t('program.nextNeededBy', { date: formatDate(p.next_needed_by, lang) })}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Program kemandirian · Mitra Lipas' }]
