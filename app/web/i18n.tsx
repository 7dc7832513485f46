import { useRouteLoaderData } from '@remix-run/react'
import { createContext, type ReactNode, useContext, useMemo } from 'react'
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

/** The messages route `meta` functions translate with (see `metaT`): the same ones the page renders with. */
let metaDicts: Partial<Record<Lang, Dict>> = {}

/**
 * Gives the messages to components (`useT`) and to route `meta` functions (`metaT`, `pageTitle`),
 * which Remix calls outside React's hooks. The server renders with every language, the same
 * object for every request (entry.server.tsx); the browser with the active language only
 * (entry.client.tsx), which is all its titles need, since switching language reloads the document.
 */
export function MessagesProvider({ value, children }: { value: Messages; children: ReactNode }) {
  metaDicts = value.dicts
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>
}

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

/** What a route's `meta` receives as `matches` (only the root's data is read). */
type MetaMatches = readonly { id: string; data?: unknown }[]

/**
 * The translate function of a route's `meta`: the root loader's language and the messages
 * `MessagesProvider` holds. Works on the server render and on client navigations alike.
 */
export function metaT(matches: MetaMatches): Translate {
  const lang = (matches.find((m) => m.id === 'root')?.data as RootData | undefined)?.lang ?? DEFAULT_LANG
  return makeTranslator(metaDicts[lang] ?? {}, metaDicts[DEFAULT_LANG])
}

/** A page's `<title>`: its message (a `title.*` key) and the portal's name, in the page's language. */
export function pageTitle(matches: MetaMatches, key: string, params?: Record<string, string | number>): string {
  const t = metaT(matches)
  return `${t(key, params)} · ${t('app.name')}`
}

/**
 * The `<title>` of a page about one record (a product, a partner, an order): its name, or the
 * page's own message while there is none (the loader failed), and the portal's name.
 */
export function recordTitle(matches: MetaMatches, name: string | null | undefined, fallbackKey: string): string {
  const t = metaT(matches)
  return `${name ?? t(fallbackKey)} · ${t('app.name')}`
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
