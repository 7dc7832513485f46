import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ListTable } from '#app/components/ui/list-table.tsx'
import { getDb } from '#app/web/db.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'
import { PAGE_SIZE, pageCount, pageFrom } from '#app/lib/pagination.ts'
import { requireUser } from '#app/web/guards.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'admin.national' })
  const page = pageFrom(request.url)
  const db = getDb()
  const [rows, total] = await Promise.all([
    db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select(['a.id', 'a.at', 'a.action', 'a.target_type', 'a.target_id', 'a.ip', 'a.details', 'u.email as actor_email'])
      .orderBy('a.id', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, page, pages: pageCount(Number(total.n)) }
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

export const meta: MetaFunction = () => [{ title: 'Log audit · Mitra Lipas' }]
