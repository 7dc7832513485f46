import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
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
      <ListTable
        label={t('admin.audit')}
        rows={rows}
        rowKey={(r) => r.id}
        empty={{ title: t('admin.auditEmpty') }}
        page={page}
        pages={pages}
        columns={[
          { header: t('common.date'), cell: (r) => formatDateTime(r.at, 'Asia/Jakarta', lang) },
          {
            header: 'Aksi / Action',
            cell: (r) => (
              <>
                <code>{r.action}</code>
                {r.details ? <div className="muted">{r.details}</div> : null}
              </>
            ),
          },
          { header: 'Aktor / Actor', cell: (r) => r.actor_email ?? '—' },
          { header: 'Target', cell: (r) => (r.target_type ? `${r.target_type}:${r.target_id ?? ''}` : '—') },
          { header: 'IP', cell: (r) => r.ip ?? '—' },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.audit') }]
