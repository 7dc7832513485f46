/** The server sets x-client-ip from the socket (or a trusted proxy); clients cannot supply it. */
export function clientIp(request: Request): string {
  return request.headers.get('x-client-ip') ?? 'unknown'
}

export function userAgent(request: Request): string | null {
  return request.headers.get('user-agent')
}

/** Only local paths: an open redirect would let a phishing link bounce through our login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (!to || typeof to !== 'string') return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
