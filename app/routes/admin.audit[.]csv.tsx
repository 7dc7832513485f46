import type { LoaderFunctionArgs } from '@remix-run/node'
import { toCsv } from '#app/lib/csv.ts'
import { todayIn } from '#app/lib/time.ts'
import { auditLogForExport } from '#app/web/audit-log.server.ts'
import { changeLine } from '#app/web/audit-wording.ts'
import { csvResponse } from '#app/web/csv.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUser } from '#app/web/guards.server.ts'
import { getLang, getT } from '#app/web/i18n.server.ts'

// Resource route: the filtered audit log as CSV (UTF-8, header row, words in the reader's
// language beside the raw codes), newest first, up to AUDIT_EXPORT_LIMIT lines. National admins only.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'admin.national' })
  const t = getT(request)
  const result = await auditLogForExport(getDb(), new URL(request.url), t, getLang(request))
  if (result.errors) return Response.json({ message: 'audit.filter.fix', errors: result.errors }, { status: 400 })
  const body = toCsv(
    [
      'time_wib',
      'time_utc',
      'action',
      'action_text',
      'actor_name',
      'actor_email',
      'actor_roles',
      'object_type',
      'object_type_text',
      'object_id',
      'object_name',
      'changes',
      'ip',
    ],
    result.entries.map((e) => [
      e.when,
      e.at,
      e.action,
      e.actionText,
      e.actor.name,
      e.actor.email ?? '',
      e.actor.roles,
      e.object?.type ?? '',
      e.object?.typeText ?? '',
      e.object?.id ?? '',
      e.object?.label ?? '',
      e.changes.map(changeLine).join('; '),
      e.ip ?? '',
    ]),
  )
  return csvResponse(body, `log-audit-${todayIn()}.csv`)
}
