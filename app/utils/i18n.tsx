import { useRouteLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { DEFAULT_LANG, type Lang, translator, type Translate } from '#app/i18n/index.ts'

interface RootData {
  lang: Lang
}

export function useLang(): Lang {
  const data = useRouteLoaderData('root') as RootData | undefined
  return data?.lang ?? DEFAULT_LANG
}

export function useT(): Translate {
  const lang = useLang()
  return useMemo(() => translator(lang), [lang])
}
