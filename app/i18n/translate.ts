/**
 * Languages and the translate function, without any messages: browser code imports this, so the
 * message bundles (app/i18n/index.ts) stay on the server. The browser receives only the active
 * language's messages, as JSON in the document (see MessagesScript in app/utils/i18n.tsx).
 */
export type Lang = 'id' | 'en'
export const LANGS: Lang[] = ['id', 'en']
export const DEFAULT_LANG: Lang = 'id'

export type Dict = Record<string, string>
export type Translate = (key: string, params?: Record<string, string | number>) => string

export function makeTranslator(dict: Dict, fallback?: Dict): Translate {
  return (key, params) => {
    const template = dict[key] ?? fallback?.[key] ?? key
    if (!params) return template
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
  }
}

export function parseLang(value: string | null | undefined): Lang | null {
  return value === 'id' || value === 'en' ? value : null
}
