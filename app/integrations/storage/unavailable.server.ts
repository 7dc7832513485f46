/**
 * The answer when the upload storage cannot be read (bucket unreachable, credentials refused):
 * 503 with Retry-After rather than a 500, so that an outage of the bucket reads as one to clients
 * (the domain has logged which storage and key). Only after the access check: a stranger still
 * gets 403/404 first.
 */
export function storageUnavailableResponse(): Response {
  return new Response('Service Unavailable', {
    status: 503,
    headers: { 'Retry-After': '30', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
