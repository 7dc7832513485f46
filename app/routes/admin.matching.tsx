import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { needsWithoutCandidates } from '#app/domain/matching/candidates.ts'
import { requireAdmin } from '#app/web/guards.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDate, formatNumber } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'
import matchingStyles from '#app/styles/matching.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchingStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { kanwilId } = await requireAdmin(request)
  const { groups, needs } = await needsWithoutCandidates(getDb(), kanwilId)
  const page = pageFrom(request.url)
  return { groups, needs: needs.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: needs.length, page, pages: pageCount(needs.length) }
}

export default function AdminMatching() {
  const t = useT()
  const lang = useLang()
  const { groups, needs, total, page, pages } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/admin">{t('admin.title')}</Link> · <Link to="/admin/targets">{t('target.title')}</Link>
      </p>
      <h1>{t('match.unmatchedTitle')}</h1>
      <p className="lead">{t('match.unmatchedIntro')}</p>
      {total === 0 ? (
        <EmptyState title={t('match.unmatchedNone')} />
      ) : (
        <>
          <h2>{t('match.byProvinceKind')}</h2>
          <div className="table-wrap" role="region" aria-label={t('match.byProvinceKind')} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('common.province')}</th>
                  <th scope="col">{t('match.kind')}</th>
                  <th scope="col" className="num">
                    {t('match.needCount')}
                  </th>
                  <th scope="col" className="num">
                    {t('match.quantityOpen')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={`${g.provinceId}-${g.kind}`}>
                    <td>{g.provinceName}</td>
                    <td>{t(`kind.${g.kind}`)}</td>
                    <td className="num">{formatNumber(g.needs, lang)}</td>
                    <td className="num">{formatNumber(g.quantity, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('match.needList')}</h2>
          <div className="table-wrap" role="region" aria-label={t('match.needList')} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('match.program')}</th>
                  <th scope="col">{t('match.upt')}</th>
                  <th scope="col">{t('match.kind')}</th>
                  <th scope="col" className="num">
                    {t('match.unmet')}
                  </th>
                  <th scope="col">{t('match.neededBy')}</th>
                </tr>
              </thead>
              <tbody>
                {needs.map((n) => (
                  <tr key={n.id}>
                    <td>
                      {n.program_title}
                      <br />
                      <span className="muted">{lang === 'id' ? n.sector_name_id : n.sector_name_en}</span>
                    </td>
                    <td>
                      {n.upt_name}
                      <br />
                      <span className="muted">{n.province_name}</span>
                    </td>
                    <td>{t(`kind.${n.kind}`)}</td>
                    <td className="num">{formatNumber(n.quantity - n.quantity_covered, lang)}</td>
                    <td>{n.needed_by ? formatDate(n.needed_by, lang) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pages={pages} />
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.unmatchedNeeds') }]
