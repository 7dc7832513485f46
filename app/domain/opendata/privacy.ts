/**
 * What the open-data API never lets out (issue 15, item 5): contact details and personal numbers
 * typed into free text are blanked before a row leaves, and the same patterns drive the test that
 * walks every endpoint (tests/http/opendata-privacy.test.ts).
 */

/** an e-mail address */
export const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/giu
/** an Indonesian phone number: +62 / 62 / 0, then 8 or a 2-3 digit area code, 8-13 digits in all, spaces, dots and dashes allowed */
export const PHONE = /(?<![\p{N}])(\+62|62|0)[\s.-]?\(?\d{2,4}\)?([\s.-]?\d{2,5}){2,4}(?![\p{N}])/gu
/** a NIK (16 digits), NIB (13), NPWP (15 or 16, often dotted) or another long personal number */
export const PERSONAL_NUMBER = /(?<![\p{N}])(\d[\s.-]?){12,15}\d(?![\p{N}])/gu

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const UUID_PART = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i

export const REDACTED = '[…]'

/** Free text with every e-mail address, phone number and long personal number blanked. */
export function redactContacts(text: string): string {
  // Record ids (UUIDs) stay as they are; only the text around them is checked.
  return text
    .split(UUID_PART)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(EMAIL, REDACTED).replace(PERSONAL_NUMBER, REDACTED).replace(PHONE, REDACTED),
    )
    .join('')
}

/** Field names no dataset may have: contact details, personal numbers, people and inmates. */
export const FORBIDDEN_FIELD =
  /(e-?mail|phone|telp|telepon|whatsapp|address|alamat|npwp|contact|kontak|password|user|inmate|narapidana|tahanan|birth|lahir|gender|kelamin)|(^|_)(nik|nib|hp|wbp|napi)(_|$)/i

export interface Finding {
  where: string
  what: 'email' | 'phone' | 'personal number' | 'forbidden field' | 'user name'
  value: string
}

/**
 * Everything personal in one value of a dataset row (or a CSV cell): `field` is its name, `names`
 * the names of the portal's users (a user's name must never be a value).
 */
export function personalDataIn(where: string, field: string, value: unknown, names: ReadonlySet<string>): Finding[] {
  const out: Finding[] = []
  if (FORBIDDEN_FIELD.test(field)) out.push({ where, what: 'forbidden field', value: field })
  if (typeof value !== 'string') return out
  // Record ids (UUIDs, in links too) are hex runs, not anyone's number.
  const text = value.replace(UUID, '')
  for (const m of text.matchAll(EMAIL)) out.push({ where, what: 'email', value: m[0] })
  for (const m of text.matchAll(PERSONAL_NUMBER)) out.push({ where, what: 'personal number', value: m[0] })
  for (const m of text.matchAll(PHONE)) out.push({ where, what: 'phone', value: m[0] })
  if (names.has(value.trim().toLowerCase())) out.push({ where, what: 'user name', value })
  return out
}
