import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { loadMessages, MessagesProvider } from '#app/web/i18n.tsx'

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
