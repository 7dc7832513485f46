import { DEFAULT_LANG, type Lang, parseLang, translator } from '#app/i18n/index.ts'
import { readCookie } from './cookies.server.ts'

export const LANG_COOKIE = 'lang'

export function getLang(request: Request): Lang {
  const fromCookie = parseLang(readCookie(request, LANG_COOKIE))
  if (fromCookie) return fromCookie
  return DEFAULT_LANG
}

export function getT(request: Request) {
  return translator(getLang(request))
}
