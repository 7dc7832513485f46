import { MESSAGES } from '#app/i18n/index.ts'
import type { Lang, Translate } from '#app/i18n/translate.ts'
import { type AuditFilterErrors, parseAuditFilter } from '#app/domain/audit/filters.ts'
import {
  AUDIT_EXPORT_LIMIT,
  type AuditRow,
  auditContext,
  auditLogAll,
  auditNames,
  auditLogPage,
} from '#app/domain/audit/queries.ts'
import { listUptNames } from '#app/domain/registry/upts.ts'
import { pageCount } from '#app/lib/pagination.ts'
import type { DB } from '#db/client.ts'
import {
  type AuditActorView,
  type AuditChange,
  type AuditObjectView,
  actionText,
  auditIdsIn,
  describeActor,
  describeChanges,
  describeObject,
  formatAuditTime,
  objectTypeText,
} from './audit-wording.ts'

/** One audit line as people read it. */
export interface AuditEntryView {
  id: string
  at: string
  when: string
  action: string
  actionText: string
  actor: AuditActorView
  object: AuditObjectView | null
  changes: AuditChange[]
  ip: string | null
}

const FILTER_PARAMS = ['person', 'action', 'type', 'upt', 'from', 'to'] as const
export type AuditFilterValues = Record<(typeof FILTER_PARAMS)[number], string>

/** Codes that have words: the action and object type choices of the filter. */
const codesUnder = (prefix: string) =>
  Object.keys(MESSAGES.id)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))

/** The filter's choices in the reader's language, sorted by their words. */
async function choices(db: DB, t: Translate, lang: Lang) {
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, lang)
  const upts = await listUptNames(db)
  return {
    actions: codesUnder('audit.action.')
      .map((code) => ({ value: code, label: actionText(t, code) }))
      .sort(byLabel),
    objectTypes: codesUnder('audit.object.')
      .map((type) => ({ value: type, label: objectTypeText(t, type) }))
      .sort(byLabel),
    upts: upts.map((u) => ({ value: u.id, label: u.name })),
  }
}

/** The lines in words, with their people and objects looked up in one go. */
async function entries(db: DB, rows: readonly AuditRow[], t: Translate, lang: Lang, uptNames: Map<string, string>) {
  const [{ objects, roles }, names] = await Promise.all([
    auditContext(db, rows),
    auditNames(db, auditIdsIn(rows.map((r) => r.details))),
  ])
  const ctx = { t, lang, uptNames, names }
  return rows.map((r): AuditEntryView => ({
    id: r.id,
    at: r.at,
    when: formatAuditTime(r.at, lang),
    action: r.action,
    actionText: actionText(t, r.action),
    actor: describeActor(
      r.actor_user_id ? { name: r.actor_name, email: r.actor_email } : null,
      (r.actor_user_id && roles.get(r.actor_user_id)) || [],
      t,
    ),
    object: describeObject(
      r.target_type,
      r.target_id,
      r.target_type && r.target_id ? objects.get(`${r.target_type}:${r.target_id}`) : undefined,
      ctx,
    ),
    changes: describeChanges(r.action, r.details, ctx),
    ip: r.ip,
  }))
}

async function readFilter(db: DB, url: URL, t: Translate, lang: Lang) {
  const options = await choices(db, t, lang)
  const { filter, errors } = parseAuditFilter(url.searchParams, {
    actions: new Set(options.actions.map((o) => o.value)),
    objectTypes: new Set(options.objectTypes.map((o) => o.value)),
    uptIds: new Set(options.upts.map((o) => o.value)),
  })
  const values = Object.fromEntries(
    FILTER_PARAMS.map((k) => [k, (url.searchParams.get(k) ?? '').slice(0, 200)]),
  ) as AuditFilterValues
  const uptNames = new Map(options.upts.map((u) => [u.value, u.label]))
  return { options, filter, errors, values, uptNames }
}

/** The query string of the active filter (for the CSV link and page links), empty values left out. */
function filterQuery(values: AuditFilterValues): string {
  const q = new URLSearchParams()
  for (const k of FILTER_PARAMS) if (values[k].trim()) q.set(k, values[k].trim())
  return q.toString()
}

/**
 * One page of the audit log for the page: the filter as typed, its choices and errors (bad
 * values filter nothing and say why), the lines in words, and where the CSV of the same set is.
 */
export async function auditLogForPage(db: DB, url: URL, page: number, t: Translate, lang: Lang) {
  const { options, filter, errors, values, uptNames } = await readFilter(db, url, t, lang)
  const query = filterQuery(values)
  const base = {
    options,
    values,
    errors,
    page,
    exportHref: `/admin/audit.csv${query ? `?${query}` : ''}`,
    exportLimit: AUDIT_EXPORT_LIMIT,
  }
  if (errors) return { ...base, entries: [], total: 0, pages: 1, pastEnd: false, filtered: true }
  const { rows, total } = await auditLogPage(db, filter, page)
  const pages = pageCount(total)
  return {
    ...base,
    entries: await entries(db, rows, t, lang, uptNames),
    total,
    pages,
    pastEnd: page > pages,
    filtered: query !== '',
  }
}

/** Every line of the filtered set (up to the export limit), in words, for the CSV. */
export async function auditLogForExport(
  db: DB,
  url: URL,
  t: Translate,
  lang: Lang,
): Promise<{ errors: AuditFilterErrors; entries?: undefined } | { errors: null; entries: AuditEntryView[] }> {
  const { filter, errors, uptNames } = await readFilter(db, url, t, lang)
  if (errors) return { errors }
  const rows = await auditLogAll(db, filter)
  return { errors: null, entries: await entries(db, rows, t, lang, uptNames) }
}
