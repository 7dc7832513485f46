import { createContext, useContext, useState } from 'react'

/**
 * The id of the request an error page answers (server/request-log.ts logs it and sends it as
 * `X-Request-Id`), so a person can quote it and an operator can find the log lines.
 * - On the server, entry.server.tsx provides it from the load context.
 * - In the browser, a page the server rendered with an error is hydrated with the id it shows
 *   (read back from the `data-request-id` attribute the error message carries), and a failed
 *   client-side navigation or form post shows the id of its `.data` request (entry.client.tsx
 *   passes every response to `noteResponse`).
 */
const RequestIdContext = createContext<string | undefined>(undefined)
export const RequestIdProvider = RequestIdContext.Provider

let failedDataRequest: string | undefined

/** Browser: remembers the id of the last data request the server failed (5xx), forgets it on success. */
export function noteResponse(response: Response) {
  let pathname: string
  try {
    pathname = new URL(response.url).pathname
  } catch {
    return
  }
  if (!pathname.endsWith('.data')) return
  failedDataRequest = response.status >= 500 ? (response.headers.get('X-Request-Id') ?? undefined) : undefined
}

function shownByServer(): string | undefined {
  if (typeof document === 'undefined') return undefined
  return document.querySelector('[data-request-id]')?.getAttribute('data-request-id') ?? undefined
}

/** The id to show on a 5xx page, fixed when the page mounts. */
export function useRequestId(): string | undefined {
  const fromServer = useContext(RequestIdContext)
  const [id] = useState(() => fromServer ?? failedDataRequest ?? shownByServer())
  return id
}
