import { useRouteLoaderData } from '@remix-run/react'
import { createContext, useContext, useMemo } from 'react'
import { DEFAULT_LANG, type Dict, type Lang, makeTranslator, type Translate } from '#app/i18n/translate.ts'

/**
 * Messages by language, and where each language's messages file is. The server provides every
 * language (entry.server.tsx); the browser only the active one, fetched from the file the page
 * preloads (entry.client.tsx) before hydrating, so no message bundle is shipped as JavaScript or
 * repeated in every page. Switching language reloads the document.
 */
export interface Messages {
  dicts: Partial<Record<Lang, Dict>>
  hrefs: Partial<Record<Lang, string>>
}
const MessagesContext = createContext<Messages>({ dicts: {}, hrefs: {} })
export const MessagesProvider = MessagesContext.Provider

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
  const { dicts } = useContext(MessagesContext)
  return useMemo(() => makeTranslator(dicts[lang] ?? {}, dicts[DEFAULT_LANG]), [dicts, lang])
}

/** Preloads the active language's messages file (fetched by entry.client.tsx before hydration). */
export function MessagesLink({ lang }: { lang: Lang }) {
  const { hrefs } = useContext(MessagesContext)
  const href = hrefs[lang]
  return href ? <link rel="preload" as="fetch" crossOrigin="anonymous" href={href} data-ml-messages={lang} /> : null
}

/**
 * Browser only: the messages the page's preload link points at, or null when they cannot be had
 * (the page then stays as the server rendered it: every form works without JavaScript).
 */
export async function loadMessages(): Promise<Messages | null> {
  const link = document.querySelector<HTMLLinkElement>('link[data-ml-messages]')
  const lang = link?.dataset.mlMessages as Lang | undefined
  const href = link?.getAttribute('href')
  if (!link || !lang || !href) return null
  try {
    const res = await fetch(href, { credentials: 'same-origin' })
    if (!res.ok) return null
    const body = (await res.json()) as { lang?: Lang; messages?: Dict }
    if (body.lang !== lang || !body.messages) return null
    return { dicts: { [lang]: body.messages }, hrefs: { [lang]: href } }
  } catch {
    return null
  }
}
