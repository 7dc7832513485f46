import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
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
  return {
    groups,
    needs: needs.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: needs.length,
    page,
    pages: pageCount(needs.length),
  }
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
          <ListTable
            label={t('match.byProvinceKind')}
            rows={groups}
            rowKey={(g) => `${g.provinceId}-${g.kind}`}
            columns={[
              { header: t('common.province'), cell: (g) => g.provinceName },
              { header: t('match.kind'), cell: (g) => t(`kind.${g.kind}`) },
              { header: t('match.needCount'), num: true, cell: (g) => formatNumber(g.needs, lang) },
              { header: t('match.quantityOpen'), num: true, cell: (g) => formatNumber(g.quantity, lang) },
            ]}
          />
          <h2>{t('match.needList')}</h2>
          <ListTable
            label={t('match.needList')}
            rows={needs}
            rowKey={(n) => n.id}
            page={page}
            pages={pages}
            columns={[
              {
                header: t('match.program'),
                cell: (n) => (
                  <>
                    {n.program_title}
                    <br />
                    <span className="muted">{lang === 'id' ? n.sector_name_id : n.sector_name_en}</span>
                  </>
                ),
              },
              {
                header: t('match.upt'),
                cell: (n) => (
                  <>
                    {n.upt_name}
                    <br />
                    <span className="muted">{n.province_name}</span>
                  </>
                ),
              },
              { header: t('match.kind'), cell: (n) => t(`kind.${n.kind}`) },
              { header: t('match.unmet'), num: true, cell: (n) => formatNumber(n.quantity - n.quantity_covered, lang) },
              { header: t('match.neededBy'), cell: (n) => (n.needed_by ? formatDate(n.needed_by, lang) : '—') },
            ]}
          />
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.unmatchedNeeds') }]
