import { useRouteLoaderData } from '@remix-run/react'
import { createContext, useContext, useMemo } from 'react'
import { DEFAULT_LANG, type Dict, type Lang, makeTranslator, type Translate } from '#app/i18n/translate.ts'

/**
 * Messages by language. The server provides every language (entry.server.tsx); the browser only
 * the active one, read from the document (entry.client.tsx), so no message bundle is shipped as
 * JavaScript. Switching language reloads the document.
 */
const MessagesContext = createContext<Partial<Record<Lang, Dict>>>({})
export const MessagesProvider = MessagesContext.Provider

export const MESSAGES_ELEMENT_ID = 'ml-messages'

interface RootData {
  lang: Lang
}

export function useLang(): Lang {
  const data = useRouteLoaderData('root') as RootData | undefined
  return data?.lang ?? DEFAULT_LANG
}

/** A translate function for a language (the page's unless given). */
export function useT(langOverride?: Lang): Translate {
  const pageLang = useLang()
  const lang = langOverride ?? pageLang
  const dicts = useContext(MessagesContext)
  return useMemo(() => makeTranslator(dicts[lang] ?? {}, dicts[DEFAULT_LANG]), [dicts, lang])
}

/** JSON that is safe inside a <script> element: no "</script>", no HTML comment openers. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/**
 * The active language's messages as a JSON data block (not executed, so CSP does not apply). On
 * the server it is serialised from the context; in the browser the existing text is kept as is,
 * so hydration sees the same markup.
 */
export function MessagesScript({ lang }: { lang: Lang }) {
  const dicts = useContext(MessagesContext)
  const html =
    typeof document === 'undefined' ? scriptSafeJson({ lang, messages: dicts[lang] ?? {} }) : (document.getElementById(MESSAGES_ELEMENT_ID)?.textContent ?? '')
  return <script id={MESSAGES_ELEMENT_ID} type="application/json" dangerouslySetInnerHTML={{ __html: html }} />
}

/** Reads the messages the server put in the document (browser only). */
export function messagesFromDocument(): Partial<Record<Lang, Dict>> {
  try {
    const parsed = JSON.parse(document.getElementById(MESSAGES_ELEMENT_ID)?.textContent ?? '') as { lang?: Lang; messages?: Dict }
    return parsed.lang && parsed.messages ? { [parsed.lang]: parsed.messages } : {}
  } catch {
    return {}
  }
}
