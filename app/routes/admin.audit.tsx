import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { auditLogPage } from '#app/domain/audit/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { requireUser } from '#app/web/guards.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'admin.national' })
  const page = pageFrom(request.url)
  const { rows, total } = await auditLogPage(getDb(), page)
  return { rows, page, pages: pageCount(total) }
}

export default function AuditPage() {
  const t = useT()
  const lang = useLang()
  const { rows, page, pages } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('admin.audit')}</h1>
      {rows.length === 0 ? (
        <EmptyState title={t('admin.auditEmpty')} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">Aksi / Action</th>
                <th scope="col">Aktor / Actor</th>
                <th scope="col">Target</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at, 'Asia/Jakarta', lang)}</td>
                  <td>
                    <code>{r.action}</code>
                    {r.details ? <div className="muted">{r.details}</div> : null}
                  </td>
                  <td>{r.actor_email ?? '—'}</td>
                  <td>{r.target_type ? `${r.target_type}:${r.target_id ?? ''}` : '—'}</td>
                  <td>{r.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.audit') }]
