/**
 * Languages and the translate function, without any messages: browser code imports this, so the
 * message bundles (app/i18n/index.ts) stay on the server. The browser receives only the active
 * language's messages, as a content-hashed JSON file (`/i18n/<lang>.<hash>.json`, made by
 * app/i18n/assets.server.ts) that the page preloads (`MessagesLink`) and entry.client.tsx fetches
 * before hydrating (`loadMessages` in app/web/i18n.tsx).
 */
export type Lang = 'id' | 'en'
export const LANGS: Lang[] = ['id', 'en']
export const DEFAULT_LANG: Lang = 'id'

export type Dict = Record<string, string>
export type Translate = (key: string, params?: Record<string, string | number>) => string

/**
 * A message key that carries its parameters (`cart.notEnoughStock?stock=6`), for answers that can
 * only hold strings (a form reply's field errors): any `t()` that receives it fills them in, in
 * the page's language. Keys never contain `?`.
 */
export function withParams(key: string, params?: Record<string, string | number>): string {
  if (!params || Object.keys(params).length === 0) return key
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`
}

/** `key?a=1&b=x`, where the key is a message key (letters, digits, `_`, `.`, `-`), not any text with a `?`. */
const CARRIED = /^([A-Za-z0-9_.-]+)\?(\S+=\S*)$/

function splitParams(key: string, dict: Dict): [string, Record<string, string> | undefined] {
  const m = key in dict ? null : CARRIED.exec(key)
  if (!m) return [key, undefined]
  return [m[1]!, Object.fromEntries(new URLSearchParams(m[2]))]
}

export function makeTranslator(dict: Dict, fallback?: Dict): Translate {
  return (rawKey, explicit) => {
    const [key, carried] = splitParams(rawKey, dict)
    const params = carried ? { ...carried, ...explicit } : explicit
    const template = dict[key] ?? fallback?.[key] ?? (carried ? key : rawKey)
    if (!params) return template
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
  }
}

export function parseLang(value: string | null | undefined): Lang | null {
  return value === 'id' || value === 'en' ? value : null
}
