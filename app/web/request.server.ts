/** The server sets x-client-ip from the socket (or a trusted proxy); clients cannot supply it. */
export function clientIp(request: Request): string {
  return request.headers.get('x-client-ip') ?? 'unknown'
}

export function userAgent(request: Request): string | null {
  return request.headers.get('user-agent')
}

// A stand-in origin: a target that resolves against it to a different origin goes elsewhere.
const PROBE_ORIGIN = 'http://same-origin.invalid'

/**
 * The one way to turn a redirect target taken from the request (a form field, a query parameter,
 * a header) into a Location: only a path on this site, or the fallback. An open redirect would let
 * a phishing link bounce through our login. The target is resolved as a browser resolves a
 * Location header (WHATWG URL: surrounding spaces and controls trimmed, tabs and newlines dropped
 * anywhere, `\` read as `/`, dot segments folded), so `/\t/evil.example`, which a browser reads as
 * `//evil.example`, is caught. What comes back is the parser's own serialisation: percent-encoded
 * printable ASCII, always a valid header value (CR/LF cannot reach `redirect()`). A target longer
 * than a browser's address bar holds goes to the fallback: it would make the Location header larger
 * than clients accept (a 100,000-character `redirectTo` broke the response, tests/http/fuzz.test.ts).
 */
export const MAX_REDIRECT_LENGTH = 2048

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to === '' || to.length > MAX_REDIRECT_LENGTH) return fallback
  let url: URL
  try {
    url = new URL(to, PROBE_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== PROBE_ORIGIN) return fallback
  const local = `${url.pathname}${url.search}${url.hash}`
  // Dot segments can fold a path into `//host`, which a browser would read as another site.
  return /^\/(?![/\\])/.test(local) && local.length <= MAX_REDIRECT_LENGTH ? local : fallback
}
