/**
 * The audit log in words: an action code becomes a sentence in the reader's language, the
 * details JSON a list of "field: old → new" lines (amounts in Rupiah, dates formatted), the
 * object a name with a link to its page where one exists. Pure: the page and the CSV export
 * both use it, and unit tests pin it down.
 */
import type { Lang, Translate } from '#app/i18n/translate.ts'
import { formatDate, formatRupiah } from '#app/lib/format.ts'
import { isCalendarDate } from '#app/lib/time.ts'

/** One line of the before/after list: `label: before → after`, or `label: after` with no before. */
export interface AuditChange {
  label: string
  before?: string
  after: string
}

export interface AuditObjectView {
  type: string
  typeText: string
  id: string | null
  label: string | null
  href: string | null
}

export interface AuditActorView {
  name: string
  email: string | null
  roles: string
}

/** A translation, or `fallback` when the key has no message (the translator answers the key itself). */
function tr(t: Translate, key: string, fallback: string): string {
  const text = t(key)
  return text === key ? fallback : text
}

/** The action in words (`Transfer dikonfirmasi`), or its code when it has no message yet. */
export function actionText(t: Translate, code: string): string {
  return tr(t, `audit.action.${code}`, code)
}

/** The object type in words (`Produk`), or the type itself. */
export function objectTypeText(t: Translate, type: string): string {
  return tr(t, `audit.object.${type}`, type)
}

/** `06 Des 2026 17.33 WIB`: day with two digits, short month, 24-hour time with a dot, always WIB. */
export function formatAuditTime(iso: string, lang: Lang): string {
  const parts = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')} ${part('month').replace('.', '')} ${part('year')} ${part('hour')}.${part('minute')} WIB`
}

/** Fields that hold rupiah. */
const MONEY = new Set([
  'amount',
  'net',
  'fees',
  'fee',
  'gross',
  'price',
  'salesRupiah',
  'sameProvince',
  'sameIsland',
  'other',
])

/** Numbers that are names rather than quantities: no thousands separator (2026, not 2.026). */
const PLAIN_NUMBERS = new Set(['year', 'version'])

/** Fields whose values are codes with words elsewhere in the messages. */
const VALUE_KEYS: Record<string, string> = {
  kind: 'kind',
  kinds: 'kind',
  role: 'role',
  partnerRole: 'member.role',
  status: 'partner.status',
  securityLevel: 'security',
  medium: 'publication.medium',
  metric: 'outcome.metric',
}

/** For an action whose details carry `before` beside the new value under another name. */
const BEFORE_OF: Record<string, string> = { 'pnbp.target.set': 'amount' }

/** The label of a before/after pair that is not an object of fields (a list of kinds). */
const PAIR_FIELD: Record<string, string> = { 'settings.supportKinds': 'kinds' }

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/

export interface WordingContext {
  t: Translate
  lang: Lang
  /** UPT names by id, so `uptId` reads as a name */
  uptNames?: ReadonlyMap<string, string>
  /** names of the partners, Kanwil and people the details mention by id (`auditIdsIn`) */
  names?: ReadonlyMap<string, string>
}

/** Detail fields that hold the id of a partner, a Kanwil or a person, said by name when known. */
const ID_FIELDS: Record<string, 'partners' | 'kanwils' | 'users'> = {
  partnerId: 'partners',
  kanwilId: 'kanwils',
  userId: 'users',
  invitedBy: 'users',
}

/** The partner, Kanwil and user ids that details mention, to look their names up in one go. */
export function auditIdsIn(details: readonly (string | null)[]) {
  const out = { partners: [] as string[], kanwils: [] as string[], users: [] as string[] }
  for (const text of details) {
    if (!text) continue
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      continue
    }
    if (!isRecord(parsed)) continue
    for (const [k, v] of Object.entries(parsed)) {
      const table = ID_FIELDS[k]
      if (table && typeof v === 'string') out[table].push(v)
    }
  }
  return out
}

const formatPercent = (n: number, lang: Lang) =>
  `${new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(n)}%`

/** A share of a split rule by its name (premi, pnbp, production, partner, operations). */
function shareLabel(t: Translate, share: string): string {
  return tr(t, `audit.share.${share}`, share)
}

/** A field name in words: its message, or the name split at capitals (`bankReference` -> `Bank reference`). */
export function fieldLabel(t: Translate, field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
  return tr(t, `audit.field.${field}`, words.charAt(0).toUpperCase() + words.slice(1))
}

/** One value in words: rupiah, dates, yes/no, codes translated, lists joined, objects as `label: value`. */
export function formatValue(field: string, value: unknown, ctx: WordingContext): string {
  const { t, lang } = ctx
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
  if (typeof value === 'number') {
    if (MONEY.has(field) && Number.isSafeInteger(value)) return formatRupiah(value)
    if (PLAIN_NUMBERS.has(field)) return String(value)
    return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(value)
  }
  if (typeof value === 'string') {
    if (field === 'uptId' || field === 'upt') {
      const name = ctx.uptNames?.get(value)
      if (name) return name
    }
    if (ID_FIELDS[field]) {
      const name = ctx.names?.get(value)
      if (name) return name
    }
    if (isCalendarDate(value)) return formatDate(value, lang)
    if (ISO_INSTANT.test(value)) return formatAuditTime(value, lang)
    const prefix = VALUE_KEYS[field]
    if (prefix) return tr(t, `${prefix}.${value}`, value)
    return value
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—'
    const shown = value.slice(0, 10).map((v) => formatValue(field, v, ctx))
    return value.length > 10 ? `${shown.join(', ')} … (+${value.length - 10})` : shown.join(', ')
  }
  if (typeof value === 'object' && field === 'shares') {
    // A split rule's shares are basis points of 10.000: 500 is 5%.
    return Object.entries(value as Record<string, unknown>)
      .map(
        ([k, v]) =>
          `${shareLabel(t, k)}: ${typeof v === 'number' ? formatPercent(v / 100, lang) : formatValue(k, v, ctx)}`,
      )
      .join(', ')
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0) return '—'
    return entries.map(([k, v]) => `${fieldLabel(t, k)}: ${formatValue(k, v, ctx)}`).join(', ')
  }
  return String(value)
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The details of an audit line as a readable list. `{ before: {...}, after: {...} }` gives one
 * line per field that changed (`Maks. pesanan per IP: 5 → 10`); `{ from, to }` a status change;
 * anything else one line per field. Details that are not JSON are shown as they are.
 */
export function describeChanges(action: string, details: string | null, ctx: WordingContext): AuditChange[] {
  if (!details) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(details)
  } catch {
    return [{ label: fieldLabel(ctx.t, 'details'), after: details }]
  }
  if (!isRecord(parsed)) return [{ label: fieldLabel(ctx.t, 'details'), after: formatValue('details', parsed, ctx) }]
  const d = { ...parsed }
  const out: AuditChange[] = []
  const change = (field: string, before: unknown, after: unknown) =>
    out.push({
      label: fieldLabel(ctx.t, field),
      before: formatValue(field, before, ctx),
      after: formatValue(field, after, ctx),
    })

  if ('before' in d && 'after' in d) {
    const { before, after } = d
    delete d.before
    delete d.after
    if (isRecord(before) && isRecord(after)) {
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      for (const k of keys) if (!same(before[k], after[k])) change(k, before[k], after[k])
      if (keys.every((k) => same(before[k], after[k])))
        out.push({ label: ctx.t('audit.changes.label'), after: ctx.t('audit.changes.none') })
    } else {
      change(PAIR_FIELD[action] ?? 'value', before, after)
    }
  } else if ('from' in d && 'to' in d) {
    change('status', d.from, d.to)
    delete d.from
    delete d.to
  } else if (BEFORE_OF[action] && 'before' in d) {
    const field = BEFORE_OF[action]
    change(field, d.before, d[field])
    delete d.before
    delete d[field]
  }
  // A field with no value says nothing (a story by UPT staff has no partner): left out.
  for (const [k, v] of Object.entries(d))
    if (v !== null && v !== undefined && v !== '')
      out.push({ label: fieldLabel(ctx.t, k), after: formatValue(k, v, ctx) })
  return out
}

/** A change as one line of text: `Status: Menunggu → Terverifikasi`. */
export function changeLine(c: AuditChange): string {
  return c.before === undefined ? `${c.label}: ${c.after}` : `${c.label}: ${c.before} → ${c.after}`
}

/** What the log knows about an object (from `auditContext`). */
export interface ObjectInfo {
  label: string
  uptId?: string | null
  slug?: string | null
  status?: string | null
}

/** The page where an admin can see the object, when there is one. */
export function objectHref(type: string, id: string | null, info: ObjectInfo | undefined): string | null {
  // Settings that are one of a kind: their page, whatever the id.
  if (type === 'shop_settings') return '/admin/shop-limits'
  if (type === 'upt_type' || type === 'security_level') return '/admin/settings'
  if (!id) return null
  switch (type) {
    case 'upt':
      return `/admin/upts/${id}`
    case 'partner':
      return info?.status ? `/admin/partners?status=${info.status}` : null
    case 'program':
      return info?.uptId ? `/upt/${info.uptId}/programs/${id}` : null
    case 'product':
      return info?.uptId ? `/upt/${info.uptId}/products/${id}` : null
    case 'product_review':
      return info?.uptId ? `/upt/${info.uptId}/reviews` : null
    case 'sub_order':
      return info?.uptId ? `/upt/${info.uptId}/orders/${id}` : null
    case 'agreement':
      return info ? `/agreements/${id}` : null
    case 'proposal':
      return info ? `/proposals/${id}` : null
    case 'offer':
      return info ? `/offers/${id}` : null
    case 'story':
      return info ? (info.status === 'published' && info.slug ? `/cerita/${info.slug}` : '/admin/stories') : null
    case 'site_page':
      return `/admin/pages/${id}`
    case 'target.national':
    case 'target.kanwil':
    case 'target.upt':
      return `/admin/targets?year=${id.split(':')[0]}`
    default:
      return null
  }
}

/** The object of an audit line: its type in words, its name (or the id), and a link where a page exists. */
export function describeObject(
  type: string | null,
  id: string | null,
  info: ObjectInfo | undefined,
  ctx: WordingContext,
): AuditObjectView | null {
  if (!type) return null
  let label = info?.label ?? null
  if (!label && (type === 'upt_type' || type === 'security_level') && id)
    label = tr(ctx.t, type === 'upt_type' ? `upt.type.${id}` : `security.${id}`, id)
  if (!label && type === 'target.upt' && id) {
    const [year, uptId] = id.split(':')
    label = `${year} · ${ctx.uptNames?.get(uptId ?? '') ?? uptId}`
  }
  return { type, typeText: objectTypeText(ctx.t, type), id, label, href: objectHref(type, id, info) }
}

/** The person who acted, with their roles (`Admin · Nasional`), or the system when nobody did. */
export function describeActor(
  actor: { name: string | null; email: string | null } | null,
  roles: readonly { role: string; scopeName: string | null }[],
  t: Translate,
): AuditActorView {
  if (!actor?.name) return { name: t('audit.actor.system'), email: null, roles: '' }
  const text = roles
    .map((r) => {
      const role = tr(t, `role.${r.role}`, r.role)
      if (r.role === 'buyer') return role
      return `${role} · ${r.scopeName ?? t('role.national')}`
    })
    .join('; ')
  return { name: actor.name, email: actor.email, roles: text }
}
