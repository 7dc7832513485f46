import { z } from 'zod'
import { isCalendarDate } from '#app/lib/time.ts'

/** What the audit log can be narrowed to; every field optional (none: the whole log). */
export interface AuditFilter {
  /** part of the actor's name or email address, any case */
  person?: string
  /** one action code, e.g. `payment.refund` */
  action?: string
  /** one object type, e.g. `product` */
  objectType?: string
  /** entries about this UPT or anything that belongs to it */
  uptId?: string
  /** first and last calendar day (WIB), both included */
  from?: string
  to?: string
}

/** The values the filter form offers: anything else is refused with a message by its field. */
export interface AuditFilterChoices {
  actions: ReadonlySet<string>
  objectTypes: ReadonlySet<string>
  uptIds: ReadonlySet<string>
}

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'field.tooLong' })
    .transform((v) => (v === '' ? undefined : v))
    .optional()

const date = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .refine((v) => v === undefined || isCalendarDate(v), { error: 'audit.filter.badDate' })
  .optional()

export const AuditFilterSchema = z.object({
  person: optional(100),
  action: optional(100),
  type: optional(100),
  upt: optional(100),
  from: date,
  to: date,
})

export type AuditFilterErrors = Partial<Record<'person' | 'action' | 'type' | 'upt' | 'from' | 'to', string[]>>

/**
 * Reads the filter from a query string. Bad values (an unknown action, object type or UPT, a
 * date that is not a real day, a range that ends before it starts) come back as errors by
 * field (i18n keys) and no filter, so the page can say what is wrong instead of guessing.
 */
export function parseAuditFilter(
  params: URLSearchParams,
  choices: AuditFilterChoices,
): { filter: AuditFilter; errors: AuditFilterErrors | null } {
  const raw = Object.fromEntries(
    (['person', 'action', 'type', 'upt', 'from', 'to'] as const).map((k) => [k, params.get(k) ?? '']),
  )
  const parsed = AuditFilterSchema.safeParse(raw)
  const errors: AuditFilterErrors = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof AuditFilterErrors
      ;(errors[key] ??= []).push(issue.message)
    }
    return { filter: {}, errors }
  }
  const v = parsed.data
  if (v.action && !choices.actions.has(v.action)) errors.action = ['audit.filter.unknownAction']
  if (v.type && !choices.objectTypes.has(v.type)) errors.type = ['audit.filter.unknownType']
  if (v.upt && !choices.uptIds.has(v.upt)) errors.upt = ['audit.filter.unknownUpt']
  if (v.from && v.to && v.from > v.to) errors.to = ['audit.filter.toBeforeFrom']
  if (Object.keys(errors).length > 0) return { filter: {}, errors }
  const filter: AuditFilter = {}
  if (v.person) filter.person = v.person
  if (v.action) filter.action = v.action
  if (v.type) filter.objectType = v.type
  if (v.upt) filter.uptId = v.upt
  if (v.from) filter.from = v.from
  if (v.to) filter.to = v.to
  return { filter, errors: null }
}

/** The instant a WIB calendar day starts (UTC ISO), e.g. 2026-12-06 -> 2026-12-05T17:00:00.000Z. */
export function wibDayStart(date: string): string {
  return new Date(`${date}T00:00:00+07:00`).toISOString()
}

/** The instant after a WIB calendar day ends: the start of the next day. */
export function wibDayEnd(date: string): string {
  return new Date(new Date(`${date}T00:00:00+07:00`).getTime() + 86_400_000).toISOString()
}
