import { readCookie, serializeCookie } from './cookies.server.ts'

const FLASH_COOKIE = 'flash'

/** A one-time message key shown after a redirect ("Saved."), carried in a short-lived cookie. */
export function flashCookie(messageKey: string, params?: Record<string, string | number>): string {
  return serializeCookie(FLASH_COOKIE, JSON.stringify({ key: messageKey, params }), { maxAge: 60 })
}

export function readFlash(request: Request): { key: string; params?: Record<string, string | number> } | null {
  const raw = readCookie(request, FLASH_COOKIE)
  if (!raw) return null
  try {
    const v = JSON.parse(raw) as { key?: unknown; params?: Record<string, string | number> }
    return typeof v.key === 'string' ? { key: v.key, params: v.params } : null
  } catch {
    return null
  }
}

export function clearFlashCookie(): string {
  return serializeCookie(FLASH_COOKIE, '', { maxAge: 0 })
}
