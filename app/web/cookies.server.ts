import { getEnv } from '#app/lib/env.server.ts'

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i < 0) continue
    const name = part.slice(0, i).trim()
    if (!name || name in out) continue
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim())
    } catch {
      // A malformed cookie is ignored, never an error page.
    }
  }
  return out
}

export interface CookieOptions {
  maxAge?: number
  httpOnly?: boolean
}

/** Production cookies are Secure; session cookies also take the __Host- prefix (see sessionCookieName). */
export function serializeCookie(name: string, value: string, opts: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax']
  if (opts.httpOnly !== false) parts.push('HttpOnly')
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${opts.maxAge}`)
  if (getEnv().mode === 'production') parts.push('Secure')
  return parts.join('; ')
}

export function readCookie(request: Request, name: string): string | undefined {
  return parseCookies(request.headers.get('Cookie'))[name]
}
