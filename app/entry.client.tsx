import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { loadMessages, MessagesProvider } from '#app/web/i18n.tsx'
import { noteResponse } from '#app/web/request-id.tsx'

// A failed navigation or form post names its request on the error page (app/web/request-id.tsx):
// Remix's data requests go through window.fetch, whose answers carry X-Request-Id.
const fetchAndNote = window.fetch.bind(window)
window.fetch = async (...args: Parameters<typeof fetch>) => {
  const response = await fetchAndNote(...args)
  noteResponse(response)
  return response
}

// Only the active language's messages reach the browser: a cached JSON file the page preloads.
void loadMessages().then((messages) => {
  if (!messages) return // without them the server-rendered page stays as it is (forms work without JS)
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <MessagesProvider value={messages}>
          <RemixBrowser />
        </MessagesProvider>
      </StrictMode>,
    )
  })
})
